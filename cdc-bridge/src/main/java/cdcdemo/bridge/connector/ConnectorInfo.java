package cdcdemo.bridge.connector;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import cdcdemo.bridge.connector.definition.SkippedEvent;
import cdcdemo.bridge.connector.engine.RefusedEvent;

/**
 * A connector as the API and the page show it. Never carries the source password.
 *
 * @param name the connector
 * @param status {@code creating}, {@code available}, {@code paused} or {@code failed}
 * @param reason why it is not available, if it is not
 * @param source {@code user@host:port/database}
 * @param store the Kafka bootstrap servers
 * @param tables each captured table with its topic and what its events' {@code before}
 * holds
 * @param excludedColumns the excluded columns
 * @param excludedColumnsFiltered where excluded columns are removed: {@code publication}
 * (they never leave PostgreSQL) or {@code bridge} (they reach the bridge over the
 * replication connection and are dropped there)
 * @param publication the publication decoded
 * @param heartbeatTopic the heartbeat topic
 * @param settings the Debezium properties given at creation
 * @param eventsPublished events acknowledged by Kafka since the bridge started
 * @param lastEvent when the last event was acknowledged
 * @param eventsPerSecond events acknowledged per second, over the last ten seconds
 * @param millisBehindSource how far streaming lags behind the database's commits
 * (Debezium's own measure)
 * @param retainedWalBytes WAL the connector's slot holds back on the server
 * @param snapshot the initial snapshot's progress
 * @param delivery how its events reach Kafka, and how that has gone
 * @param publicationDrift what its publication does not send that its definition says it
 * should (a column added to a captured table since the publication's column list was
 * written, a table gone from the publication), with the statement for the publication's
 * owner
 * @param publicationChanges the latest such drifts the bridge put right itself, in a
 * publication it created
 * @param warnings things to look at
 * @param engine where it runs: {@code embedded} (this bridge's Debezium engine) or
 * {@code kafka-connect}
 * @param cluster with {@code kafka-connect}, the cluster's name
 */
public record ConnectorInfo(String name, String status, String reason, String source, String store,
		List<TableInfo> tables, List<String> excludedColumns, String excludedColumnsFiltered, String publication,
		String heartbeatTopic, Map<String, String> settings, long eventsPublished, double eventsPerSecond,
		Instant lastEvent, Long millisBehindSource, Long retainedWalBytes, SnapshotInfo snapshot, DeliveryInfo delivery,
		List<PublicationDrift> publicationDrift, List<PublicationDrift> publicationChanges, List<String> warnings,
		String engine, String cluster) {

	/**
	 * A connector on the embedded engine.
	 */
	public ConnectorInfo(String name, String status, String reason, String source, String store, List<TableInfo> tables,
			List<String> excludedColumns, String excludedColumnsFiltered, String publication, String heartbeatTopic,
			Map<String, String> settings, long eventsPublished, double eventsPerSecond, Instant lastEvent,
			Long millisBehindSource, Long retainedWalBytes, SnapshotInfo snapshot, DeliveryInfo delivery,
			List<PublicationDrift> publicationDrift, List<PublicationDrift> publicationChanges, List<String> warnings) {
		this(name, status, reason, source, store, tables, excludedColumns, excludedColumnsFiltered, publication,
				heartbeatTopic, settings, eventsPublished, eventsPerSecond, lastEvent, millisBehindSource,
				retainedWalBytes, snapshot, delivery, publicationDrift, publicationChanges, warnings, "embedded", null);
	}

	/**
	 * How a connector's events reach Kafka, and how that has gone since the bridge
	 * started.
	 *
	 * @param guarantee {@code exactly-once} (events and their source position in one
	 * Kafka transaction; read with {@code isolation.level=read_committed}) or
	 * {@code at-least-once}
	 * @param commits commits of events and position
	 * @param restarts engine restarts after a failure
	 * @param lastError the last failure, if any
	 * @param lastErrorAt when it happened
	 * @param refusedEvent the event Kafka refused, if the connector failed on one:
	 * {@code POST .../skip} skips it
	 * @param skipped events skipped on an operator's request, each replaced by a
	 * reference record on {@code <topic>.DLT}
	 * @param maxEventBytes the largest event the connector publishes (its
	 * {@code maxEventBytes}, or Kafka's 1 MiB)
	 * @param partitions the partitions its change topics are created with, {@code null}
	 * for the broker's default: each row's events go to one partition (by their key, the
	 * primary key), in order; a topic that existed keeps its count, and a warning names
	 * it if that is another
	 */
	public record DeliveryInfo(String guarantee, long commits, int restarts, String lastError, Instant lastErrorAt,
			RefusedEvent refusedEvent, List<SkippedEvent> skipped, int maxEventBytes, Integer partitions) {
	}

	/**
	 * Progress of the snapshot that reads the rows already in the tables when a connector
	 * is created, or of an on-demand one.
	 *
	 * @param state {@code not-started}, {@code running}, {@code completed} or
	 * {@code stopped} (an on-demand snapshot stopped on request, see {@code stopped}); a
	 * connector restarted after its snapshot does not repeat it, and reports
	 * {@code not-started} in a new bridge process until it streams; on a Kafka Connect
	 * cluster, read from the offsets the task committed there
	 * @param rowsDone rows read so far; 0 on a Kafka Connect cluster, where the rows read
	 * are counted in the worker's JMX metrics only
	 * @param rowsTotal rows in the captured tables (the planner's estimate for large
	 * tables); 0 on a Kafka Connect cluster
	 * @param stopped the last on-demand snapshot stopped on request, until another one is
	 * requested; left out of the JSON if none was, so that a connector's snapshot reads
	 * as it always did
	 */
	public record SnapshotInfo(String state, long rowsDone, long rowsTotal,
			@JsonInclude(JsonInclude.Include.NON_NULL) StoppedSnapshot stopped) {
	}

	/**
	 * An on-demand snapshot stopped before it read every row: the rows it had read were
	 * published as {@code op=r} events, the others were not read again.
	 *
	 * @param at when it was stopped
	 * @param rowsRead the rows it had read as the stop was asked (the events its snapshot
	 * emitted; a few more may be read before the engine stops)
	 */
	public record StoppedSnapshot(Instant at, long rowsRead) {
	}

	/**
	 * A captured table.
	 *
	 * @param table {@code schema.table}
	 * @param topic its topic
	 * @param replicaIdentity its REPLICA IDENTITY
	 * @param beforeImage what {@code before} holds in its update and delete events, given
	 * that replica identity
	 */
	public record TableInfo(String table, String topic, String replicaIdentity, String beforeImage) {

		static String beforeImage(String replicaIdentity) {
			if (replicaIdentity == null) {
				return "unknown: the table could not be inspected";
			}
			return switch (replicaIdentity) {
				case "full" -> "every column of the old row (ALTER TABLE ... REPLICA IDENTITY FULL)";
				case "nothing" -> "nothing: updates and deletes cannot be published (REPLICA IDENTITY NOTHING)";
				case "index" -> "the columns of the replica identity index, other columns null";
				default -> "updates: null; deletes: the primary key only, other columns null or, where NOT NULL, "
						+ "their type's empty value (REPLICA IDENTITY DEFAULT); "
						+ "ALTER TABLE ... REPLICA IDENTITY FULL gives the whole old row, but then every column, "
						+ "excluded ones too, is written to the WAL and must be in the publication";
			};
		}

	}

}
