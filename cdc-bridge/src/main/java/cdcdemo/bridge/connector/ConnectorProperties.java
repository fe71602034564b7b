package cdcdemo.bridge.connector;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

import cdcdemo.bridge.connector.definition.ConnectorDefinition;

/**
 * The bridge's settings, and the connector it declares at start-up (created if absent, so
 * the platform streams the users table without a manual step). More connectors are
 * created through the API. Kafka itself is {@code spring.kafka.bootstrap-servers}.
 *
 * @param name the declared connector's name: the topic prefix
 * ({@code <name>.<schema>.<table>}), and the name of its replication slot; blank for none
 * @param source the database to capture
 * @param tables the captured tables, as {@code schema.table}
 * @param excludedColumns columns that never leave the bridge, as
 * {@code schema.table.column}
 * @param publication the PostgreSQL publication to decode, created beforehand by the
 * tables' owner
 * @param offsetsTopic the Kafka topic where the bridge records how far each connector got
 * @param definitionsTopic the compacted Kafka topic where the bridge keeps its
 * connectors' definitions
 * @param signalsTopic the Kafka topic through which the bridge asks its connectors for
 * on-demand snapshots
 * @param walWarningBytes retained WAL above which a connector's info carries a warning
 * and the {@code connectors} health turns WARNING
 * @param delivery {@code exactly-once} (the default: each connector's events and source
 * offsets are committed in one Kafka transaction; falls back to at-least-once on a broker
 * without transactions version 2) or {@code at-least-once} (for stores without
 * transactions: after a crash, what was sent since the last commit is sent again)
 * @param commitInterval how often, while events flow, the events sent so far are
 * committed together with their position; a quiet source commits as soon as it has
 * nothing more to read
 * @param heartbeatInterval how often a heartbeat is written to {@code heartbeat.<name>},
 * which keeps the slot advancing on a quiet database
 * @param restartDelay how long to wait before restarting the engine after it failed
 * @param publicationCheckInterval how often each connector's publication is compared with
 * its tables' columns ({@link PublicationWatch}): a column added to a captured table is
 * published (or reported) within this time
 * @param definitionsCheckInterval how often the bridge reads the definitions topic for
 * changes another bridge process made to its connectors (updated, paused, resumed,
 * destroyed through that one's API or page), and applies them
 * @param secretKey the key that seals the source passwords in the definitions topic;
 * without one they are stored as given (the bridge warns). Keep it as secret as the
 * passwords: a bridge needs the same key to read them back
 * @param debezium any other Debezium PostgreSQL connector property, passed through as is
 * (wins over the above)
 * @param datasources source databases connectors may name instead of giving a JDBC URL
 * and a password; the declared connector's source is always available as {@code default}
 */
@ConfigurationProperties("cdc.connector")
record ConnectorProperties(@DefaultValue("monolith") String name, @DefaultValue Source source,
		@DefaultValue("public.users") List<String> tables,
		@DefaultValue("public.users.password") List<String> excludedColumns,
		@DefaultValue("monolith_publication") String publication,
		@DefaultValue("cdc-bridge-offsets") String offsetsTopic,
		@DefaultValue("cdc-bridge-connectors") String definitionsTopic,
		@DefaultValue("cdc-bridge-signals") String signalsTopic, @DefaultValue("1073741824") long walWarningBytes,
		@DefaultValue("exactly-once") String delivery, @DefaultValue("20ms") Duration commitInterval,
		@DefaultValue("5s") Duration heartbeatInterval, @DefaultValue("5s") Duration restartDelay,
		@DefaultValue("30s") Duration publicationCheckInterval, @DefaultValue("10s") Duration definitionsCheckInterval,
		String secretKey, Map<String, String> debezium, Map<String, Source> datasources) {

	ConnectorProperties {
		debezium = (debezium != null) ? Map.copyOf(debezium) : Map.of();
		datasources = (datasources != null) ? Map.copyOf(datasources) : Map.of();
	}

	/**
	 * A configured source database by name.
	 * @param name {@code default} for the declared connector's, or a key of
	 * {@code cdc.datasources}
	 * @return the datasource, if there is one of that name
	 */
	java.util.Optional<Source> datasource(String name) {
		return "default".equals(name) ? java.util.Optional.of(this.source)
				: java.util.Optional.ofNullable(this.datasources.get(name));
	}

	/**
	 * The connector these settings declare, created on the bridge's first start.
	 * @param bootstrapServers the bridge's Kafka
	 * @return its definition, or {@code null} when no connector is declared
	 */
	ConnectorDefinition declared(String bootstrapServers) {
		if (!StringUtils.hasText(this.name)) {
			return null;
		}
		return new ConnectorDefinition(this.name,
				new ConnectorDefinition.SourceDatabase(this.source.host(), this.source.port(), this.source.database(),
						this.source.user(), this.source.password()),
				bootstrapServers, this.tables, this.excludedColumns, this.publication, false, this.debezium, false);
	}

	/**
	 * The source database.
	 *
	 * @param host host name
	 * @param port port
	 * @param database database name
	 * @param user a role with REPLICATION and SELECT on the captured tables
	 * @param password its password
	 */
	record Source(@DefaultValue("127.0.0.1") String host, @DefaultValue("15432") int port,
			@DefaultValue("users") String database, @DefaultValue("cdc_bridge") String user,
			@DefaultValue("cdc_bridge") String password) {

		@Override
		public String toString() {
			return "Source[" + this.user + "@" + this.host + ":" + this.port + "/" + this.database + "]";
		}

	}

}
