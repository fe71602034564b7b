package cdcdemo.bridge.connector;

import java.util.List;
import java.util.Map;

/**
 * What a client sends to create a connector.
 *
 * @param name optional; lower-case letters, digits and underscores, starting with a
 * letter; generated when absent
 * @param source the database to capture
 * @param store the Kafka cluster to write to; the bridge's own when absent
 * @param tables the tables to capture, {@code schema.table}
 * @param excludedColumns columns that must never leave PostgreSQL,
 * {@code schema.table.column}
 * @param publication an existing publication to use (created beforehand by the tables'
 * owner); when absent the bridge creates {@code <name>_publication} with a column list,
 * which needs ownership of the tables
 * @param settings other Debezium PostgreSQL connector properties, e.g.
 * {@code tombstones.on.delete}
 * @param maxEventBytes the largest change event the connector may publish (key, value and
 * headers, as Kafka counts them): the producer's {@code max.request.size} and its topics'
 * {@code max.message.bytes}; Kafka's 1 MiB when absent
 * @param partitions how many partitions each of its change topics is created with, 1 to
 * 1000; the broker's default when absent. Debezium keys each event by the row's primary
 * key and Kafka's default partitioner hashes the key, so every event of one row goes to
 * one partition and stays in order there. A topic that exists already keeps its count:
 * partitions are never added, as that would move keys to other partitions and break a
 * row's order for its readers. The heartbeat topic and the bridge's own topics are not
 * concerned
 * @param engine {@code embedded} (the default) or {@code kafka-connect}: then the
 * connector runs on a Kafka Connect cluster the bridge configures and watches
 * @param cluster with {@code kafka-connect}, which of the bridge's clusters
 * ({@code cdc.connect.clusters.<name>}); optional when it has one
 */
public record ConnectorRequest(String name, Source source, Store store, List<String> tables,
		List<String> excludedColumns, String publication, Map<String, String> settings, Integer maxEventBytes,
		Integer partitions, String engine, String cluster) {

	public ConnectorRequest(String name, Source source, Store store, List<String> tables, List<String> excludedColumns,
			String publication, Map<String, String> settings, Integer maxEventBytes) {
		this(name, source, store, tables, excludedColumns, publication, settings, maxEventBytes, null);
	}

	public ConnectorRequest(String name, Source source, Store store, List<String> tables, List<String> excludedColumns,
			String publication, Map<String, String> settings, Integer maxEventBytes, Integer partitions) {
		this(name, source, store, tables, excludedColumns, publication, settings, maxEventBytes, partitions, null,
				null);
	}

	/**
	 * The source database: a JDBC URL with a role, or the name of a datasource configured
	 * in the bridge ({@code cdc.datasources.<name>.*}, which keeps the password out of
	 * requests).
	 *
	 * @param datasource the name of a configured datasource; when given, the other fields
	 * are not used
	 * @param jdbcUrl {@code jdbc:postgresql://host:port/database}
	 * @param user the role the connector logs in as (REPLICATION + SELECT)
	 * @param password its password
	 */
	public record Source(String datasource, String jdbcUrl, String user, String password) {

		Source(String jdbcUrl, String user, String password) {
			this(null, jdbcUrl, user, password);
		}

	}

	/**
	 * The Kafka store.
	 *
	 * @param bootstrapServers {@code host:port[,host:port...]}
	 */
	public record Store(String bootstrapServers) {
	}

}
