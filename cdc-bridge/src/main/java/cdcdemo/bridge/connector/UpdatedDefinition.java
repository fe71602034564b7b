package cdcdemo.bridge.connector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cdcdemo.bridge.connector.connect.ConnectClusters;
import cdcdemo.bridge.connector.definition.ColumnName;
import cdcdemo.bridge.connector.definition.ConnectorDefinition;

/**
 * What a connector's definition becomes under a {@link ConnectorUpdate}, before it is
 * validated: a pure function of the two, so that what a PATCH means can be read and
 * tested apart from the database and Kafka it then touches. Tables keep their order and
 * new ones go last; excluded columns of a table no longer captured go with it.
 *
 * @param tables the captured tables, {@code schema.table}
 * @param excludedColumns the excluded columns, {@code schema.table.column}
 * @param settings the Debezium properties
 * @param maxEventBytes the largest event, {@code null} for Kafka's default
 * @param partitions the partitions of the topics created from now on, {@code null} for
 * the broker's default
 */
record UpdatedDefinition(List<String> tables, List<String> excludedColumns, Map<String, String> settings,
		Integer maxEventBytes, Integer partitions) {

	static UpdatedDefinition of(ConnectorDefinition current, ConnectorUpdate update) {
		List<String> tables = new ArrayList<>(current.tables());
		tables.removeAll(ConnectorUpdate.orEmpty(update.removeTables()));
		ConnectorUpdate.orEmpty(update.addTables()).stream().filter((t) -> !tables.contains(t)).forEach(tables::add);
		List<String> excluded = new ArrayList<>(current.excludedColumns());
		excluded.removeAll(ConnectorUpdate.orEmpty(update.removeExcludedColumns()));
		excluded.removeIf((column) -> ColumnName.tryParse(column)
			.map((name) -> !tables.contains(name.table().toString()))
			.orElse(true));
		ConnectorUpdate.orEmpty(update.addExcludedColumns())
			.stream()
			.filter((c) -> !excluded.contains(c))
			.forEach(excluded::add);
		Map<String, String> settings = new LinkedHashMap<>(current.settings());
		if (update.settings() != null) {
			update.settings().forEach((key, value) -> {
				if (value == null) {
					settings.remove(key);
				}
				else {
					settings.put(key, value);
				}
			});
		}
		Integer maxEventBytes = (update.maxEventBytes() != null) ? update.maxEventBytes() : current.maxEventBytes();
		Integer partitions = (update.partitions() != null) ? update.partitions() : current.partitions();
		return new UpdatedDefinition(List.copyOf(tables), List.copyOf(excluded), settings, maxEventBytes, partitions);
	}

	/**
	 * The request that creating the updated connector would be, to validate it as a new
	 * one; a publication the bridge owns is left out, as it is altered to match.
	 * @param current the connector as it is
	 * @return the request
	 */
	ConnectorRequest asRequest(ConnectorDefinition current) {
		ConnectorDefinition.SourceDatabase source = current.source();
		return new ConnectorRequest(current.name(),
				new ConnectorRequest.Source(source.jdbcUrl(), source.user(), source.password()),
				new ConnectorRequest.Store(current.bootstrapServers()), this.tables, this.excludedColumns,
				current.publicationOwned() ? null : current.publication(), this.settings, this.maxEventBytes,
				this.partitions, current.embedded() ? null : ConnectClusters.KAFKA_CONNECT, current.connectCluster());
	}

	/**
	 * @param current the connector as it is
	 * @param validated the updated connector as the validator read it, for its largest
	 * event and its partitions
	 * @return the connector's new definition: its source, store, publication, pause and
	 * skips unchanged
	 */
	ConnectorDefinition applyTo(ConnectorDefinition current, ConnectorDefinition validated) {
		return new ConnectorDefinition(current.name(), current.source(), current.bootstrapServers(), this.tables,
				this.excludedColumns, current.publication(), current.publicationOwned(), this.settings,
				current.paused(), current.skipped(), validated.maxEventBytes(), validated.partitions(),
				current.connectCluster());
	}

	/**
	 * @param current the connector as it is
	 * @return the tables it starts capturing, to snapshot
	 */
	List<String> addedTables(ConnectorDefinition current) {
		return this.tables.stream().filter((t) -> !current.tables().contains(t)).toList();
	}

}
