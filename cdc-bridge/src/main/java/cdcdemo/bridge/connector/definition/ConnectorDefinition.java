package cdcdemo.bridge.connector.definition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a connector is, as stored: enough to start it again after a restart of the bridge.
 * Kept in the bridge's definitions topic, keyed by name.
 *
 * @param name the connector name: the topic prefix and the replication slot's name
 * @param source the database it captures
 * @param bootstrapServers the Kafka cluster it writes to
 * @param tables the captured tables, {@code schema.table}
 * @param excludedColumns columns that never leave PostgreSQL, {@code schema.table.column}
 * @param publication the publication it decodes
 * @param publicationOwned whether the bridge created the publication (and so drops it on
 * destroy)
 * @param settings other Debezium connector properties
 * @param paused whether it was paused
 * @param skipped change events an operator chose to skip because Kafka refused them: each
 * is replaced by a reference record on its topic's dead-letter topic when the connector
 * reads it again
 * @param maxEventBytes the largest event it may publish, {@code null} for Kafka's default
 * (see {@link #eventLimit()})
 * @param partitions how many partitions its change topics are created with, {@code null}
 * (as in definitions stored before it existed) for the broker's default; a topic that
 * exists keeps its count
 * @param connectCluster the Kafka Connect cluster (a {@code cdc.connect.clusters} name)
 * the connector runs on, {@code null} (as in definitions stored before it existed) for
 * the bridge's embedded engine
 */
public record ConnectorDefinition(String name, SourceDatabase source, String bootstrapServers, List<String> tables,
		List<String> excludedColumns, String publication, boolean publicationOwned, Map<String, String> settings,
		boolean paused, List<SkippedEvent> skipped, Integer maxEventBytes, Integer partitions, String connectCluster) {

	/**
	 * Kafka's own default for {@code max.request.size} and a topic's
	 * {@code max.message.bytes}.
	 */
	public static final int KAFKA_DEFAULT_EVENT_LIMIT = 1024 * 1024;

	public ConnectorDefinition {
		tables = List.copyOf(tables);
		excludedColumns = List.copyOf(excludedColumns);
		settings = Map.copyOf(settings);
		// definitions stored before skips existed have none
		skipped = (skipped != null) ? List.copyOf(skipped) : List.of();
	}

	public ConnectorDefinition(String name, SourceDatabase source, String bootstrapServers, List<String> tables,
			List<String> excludedColumns, String publication, boolean publicationOwned, Map<String, String> settings,
			boolean paused) {
		this(name, source, bootstrapServers, tables, excludedColumns, publication, publicationOwned, settings, paused,
				List.of(), null, null);
	}

	/**
	 * A connector on the embedded engine.
	 */
	public ConnectorDefinition(String name, SourceDatabase source, String bootstrapServers, List<String> tables,
			List<String> excludedColumns, String publication, boolean publicationOwned, Map<String, String> settings,
			boolean paused, List<SkippedEvent> skipped, Integer maxEventBytes, Integer partitions) {
		this(name, source, bootstrapServers, tables, excludedColumns, publication, publicationOwned, settings, paused,
				skipped, maxEventBytes, partitions, null);
	}

	/**
	 * @return whether it runs on the bridge's embedded engine (not on a Kafka Connect
	 * cluster)
	 */
	public boolean embedded() {
		return this.connectCluster == null;
	}

	/**
	 * @param cluster a Kafka Connect cluster's name, {@code null} for the embedded engine
	 * @return this definition running there
	 */
	public ConnectorDefinition withConnectCluster(String cluster) {
		return new ConnectorDefinition(this.name, this.source, this.bootstrapServers, this.tables, this.excludedColumns,
				this.publication, this.publicationOwned, this.settings, this.paused, this.skipped, this.maxEventBytes,
				this.partitions, cluster);
	}

	/**
	 * @return the largest event the connector may publish: its own limit, or Kafka's
	 * default
	 */
	public int eventLimit() {
		return (this.maxEventBytes != null) ? this.maxEventBytes : KAFKA_DEFAULT_EVENT_LIMIT;
	}

	/**
	 * @return the topics the connector writes its change events to, one per table
	 */
	public List<String> topics() {
		return this.tables.stream().map(this::topicOf).toList();
	}

	/**
	 * The excluded columns of one of its tables, compared as parsed names rather than as
	 * strings, so that every place that needs them (the publication's column list, the
	 * drift watch, a partial snapshot's statement) reads {@link #excludedColumns} the
	 * same way.
	 * @param table {@code schema.table}
	 * @return the columns' names, without the table, in the definition's order
	 */
	public List<String> excludedColumnsOf(String table) {
		TableName name = TableName.parse(table);
		return this.excludedColumns.stream()
			.map(ColumnName::parse)
			.filter((column) -> column.table().equals(name))
			.map(ColumnName::column)
			.toList();
	}

	public String slotName() {
		return this.name;
	}

	public String topicOf(String table) {
		return this.name + "." + table;
	}

	public String heartbeatTopic() {
		return "heartbeat." + this.name;
	}

	public ConnectorDefinition withPaused(boolean paused) {
		return new ConnectorDefinition(this.name, this.source, this.bootstrapServers, this.tables, this.excludedColumns,
				this.publication, this.publicationOwned, this.settings, paused, this.skipped, this.maxEventBytes,
				this.partitions, this.connectCluster);
	}

	/**
	 * @param password the source's password, as stored or as used
	 * @return this definition with it
	 */
	public ConnectorDefinition withPassword(String password) {
		SourceDatabase s = this.source;
		return new ConnectorDefinition(this.name,
				new SourceDatabase(s.host(), s.port(), s.database(), s.user(), password), this.bootstrapServers,
				this.tables, this.excludedColumns, this.publication, this.publicationOwned, this.settings, this.paused,
				this.skipped, this.maxEventBytes, this.partitions, this.connectCluster);
	}

	public ConnectorDefinition withSkipped(SkippedEvent skip) {
		List<SkippedEvent> all = new ArrayList<>(this.skipped);
		all.add(skip);
		return new ConnectorDefinition(this.name, this.source, this.bootstrapServers, this.tables, this.excludedColumns,
				this.publication, this.publicationOwned, this.settings, this.paused, all, this.maxEventBytes,
				this.partitions, this.connectCluster);
	}

	/**
	 * Where the database is and who the bridge logs in as.
	 *
	 * @param host host
	 * @param port port
	 * @param database database
	 * @param user a role with REPLICATION and SELECT on the captured tables
	 * @param password its password
	 */
	public record SourceDatabase(String host, int port, String database, String user, String password) {

		public String jdbcUrl() {
			return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + this.database;
		}

		@Override
		public String toString() {
			return this.user + "@" + this.host + ":" + this.port + "/" + this.database;
		}

	}

}
