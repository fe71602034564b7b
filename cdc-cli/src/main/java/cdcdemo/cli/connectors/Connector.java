package cdcdemo.cli.connectors;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A connector as the bridge's API describes it ({@code GET /api/connectors/NAME}); the
 * CLI reads the fields it prints and ignores the others.
 */
record Connector(String name, String status, String reason, String source, String store, List<Table> tables,
		List<String> excludedColumns, String excludedColumnsFiltered, String publication, String heartbeatTopic,
		Map<String, String> settings, long eventsPublished, double eventsPerSecond, Instant lastEvent,
		Long millisBehindSource, Long retainedWalBytes, Snapshot snapshot, Delivery delivery, List<String> warnings,
		String engine, String cluster) {

	Connector {
		tables = (tables != null) ? tables : List.of();
		excludedColumns = (excludedColumns != null) ? excludedColumns : List.of();
		settings = (settings != null) ? settings : Map.of();
		warnings = (warnings != null) ? warnings : List.of();
		delivery = (delivery != null) ? delivery : new Delivery(null, 0, 0, null, null, null, List.of(), 0, null);
	}

	boolean is(String status) {
		return status.equals(this.status);
	}

	/**
	 * @param state {@code not-started}, {@code running}, {@code completed} or
	 * {@code stopped}
	 * @param rowsDone rows read so far
	 * @param rowsTotal rows to read (an estimate for large tables)
	 * @param stopped the on-demand snapshot stopped on request, or {@code null}
	 */
	record Snapshot(String state, long rowsDone, long rowsTotal, Stopped stopped) {
	}

	/**
	 * @param at when the snapshot was stopped
	 * @param rowsRead the rows it had read
	 */
	record Stopped(Instant at, long rowsRead) {
	}

	/**
	 * @param guarantee {@code exactly-once} or {@code at-least-once}
	 * @param commits commits of events and position
	 * @param restarts engine restarts after a failure
	 * @param lastError the last failure
	 * @param lastErrorAt when it happened
	 * @param refusedEvent the change Kafka refused, which {@code connectors:skip} skips
	 * @param skipped changes skipped on an operator's request
	 * @param maxEventBytes the largest event the connector publishes
	 * @param partitions the partitions its change topics are created with, {@code null}
	 * for the broker's default
	 */
	record Delivery(String guarantee, long commits, int restarts, String lastError, Instant lastErrorAt,
			Refused refusedEvent, List<Skipped> skipped, int maxEventBytes, Integer partitions) {

		Delivery {
			skipped = (skipped != null) ? skipped : List.of();
		}

	}

	/**
	 * @param topic its topic
	 * @param key its key, as JSON
	 * @param bytes its size
	 * @param lsn where it is in the WAL
	 */
	record Refused(String topic, String key, int bytes, Long lsn) {
	}

	/**
	 * @param topic its topic
	 * @param key its key, as JSON
	 * @param bytes its size
	 * @param lsn where it is in the WAL
	 * @param by who skipped it
	 * @param at when
	 */
	record Skipped(String topic, String key, int bytes, Long lsn, String by, Instant at) {
	}

	/**
	 * @param table {@code schema.table}
	 * @param topic its topic
	 * @param replicaIdentity its REPLICA IDENTITY
	 */
	record Table(String table, String topic, String replicaIdentity) {
	}

}
