package cdcdemo.bridge.connector;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import cdcdemo.bridge.connector.engine.DebeziumMetrics;

/**
 * What the bridge knows of the on-demand snapshots it asked for, beyond Debezium's
 * measures: how many events the engine's snapshots had emitted when one was requested, so
 * that the rows a stopped one read can be told (Debezium's own count of the rows read is
 * updated only every ten seconds of a read, and its events count is the engine's whole
 * run); and the last one stopped on request, for the info, as the engine that ran it is
 * gone after the stop (see {@link ConnectorSnapshots#stopSnapshot}). Kept in this process
 * only: after a bridge restart the info no longer says a snapshot was stopped, which the
 * topic's op=r events still show. A new request forgets the stopped one.
 */
@Component
class OnDemandSnapshots {

	private final DebeziumMetrics debezium;

	private final Map<String, Long> eventsBefore = new ConcurrentHashMap<>();

	private final Map<String, ConnectorInfo.StoppedSnapshot> stopped = new ConcurrentHashMap<>();

	OnDemandSnapshots(DebeziumMetrics debezium) {
		this.debezium = debezium;
	}

	/**
	 * A snapshot is about to be requested.
	 * @param connector the connector
	 */
	void requesting(String connector) {
		this.stopped.remove(connector);
		this.eventsBefore.put(connector,
				this.debezium.snapshot(connector).map(DebeziumMetrics.Snapshot::eventsSeen).orElse(0L));
	}

	/**
	 * The running snapshot is being stopped: record what it read.
	 * @param connector the connector
	 * @param rowsScanned Debezium's count of the rows read, for a snapshot requested
	 * before this bridge started
	 * @return the stopped snapshot
	 */
	ConnectorInfo.StoppedSnapshot stopping(String connector, long rowsScanned) {
		Long before = this.eventsBefore.remove(connector);
		long seen = this.debezium.snapshot(connector).map(DebeziumMetrics.Snapshot::eventsSeen).orElse(0L);
		long rows = (before != null && seen >= before) ? Math.max(seen - before, rowsScanned) : rowsScanned;
		ConnectorInfo.StoppedSnapshot snapshot = new ConnectorInfo.StoppedSnapshot(Instant.now(), rows);
		this.stopped.put(connector, snapshot);
		return snapshot;
	}

	void forget(String connector) {
		this.stopped.remove(connector);
		this.eventsBefore.remove(connector);
	}

	/**
	 * @param connector a connector
	 * @return its last stopped snapshot, or {@code null}
	 */
	ConnectorInfo.StoppedSnapshot stopped(String connector) {
		return this.stopped.get(connector);
	}

}
