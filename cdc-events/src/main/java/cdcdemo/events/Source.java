package cdcdemo.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a change came from: the {@code source} block Debezium's PostgreSQL connector
 * writes.
 *
 * @param connector the connector type ({@code postgresql})
 * @param name the logical connector name, also the topic prefix
 * @param db the database
 * @param schema the schema of the changed table
 * @param table the changed table
 * @param txId the PostgreSQL transaction id
 * @param lsn the log sequence number of the change
 * @param tsMs when the change was committed in the database
 * @param snapshot {@code true}, {@code last}, {@code false}... as Debezium writes it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Source(String connector, String name, String db, String schema, String table, Long txId, Long lsn,
		@JsonProperty("ts_ms") Long tsMs, String snapshot) {
}
