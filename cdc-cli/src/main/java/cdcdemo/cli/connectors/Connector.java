package cdcdemo.cli.connectors;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A connector as the bridge's API describes it ({@code GET /api/connectors/NAME}); the CLI reads the fields it
 * prints and ignores the others.
 */
record Connector(String name, String status, String reason, String source, String store, List<Table> tables,
		List<String> excludedColumns, String excludedColumnsFiltered, String publication, String heartbeatTopic,
		Map<String, String> settings, long eventsPublished, double eventsPerSecond, Instant lastEvent,
		Long millisBehindSource, Long retainedWalBytes, Snapshot snapshot, List<String> warnings) {

	Connector {
		tables = (tables != null) ? tables : List.of();
		excludedColumns = (excludedColumns != null) ? excludedColumns : List.of();
		settings = (settings != null) ? settings : Map.of();
		warnings = (warnings != null) ? warnings : List.of();
	}

	boolean is(String status) {
		return status.equals(this.status);
	}

	/**
	 * @param state {@code not-started}, {@code running} or {@code completed}
	 * @param rowsDone rows read so far
	 * @param rowsTotal rows to read (an estimate for large tables)
	 */
	record Snapshot(String state, long rowsDone, long rowsTotal) {
	}

	/**
	 * @param table {@code schema.table}
	 * @param topic its topic
	 * @param replicaIdentity its REPLICA IDENTITY
	 */
	record Table(String table, String topic, String replicaIdentity) {
	}

}
