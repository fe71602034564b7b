package cdcdemo.bridge.connector.engine;

import java.util.Optional;

import cdcdemo.bridge.connector.definition.ConnectorDefinition;

/**
 * What runs one connector, as the registry drives it: the embedded Debezium engine in
 * this process ({@link ConnectorRuntime}), or the same Debezium connector on a Kafka
 * Connect cluster that the bridge configures and watches over its REST API (the
 * {@code connector.connect} package). Either way the registry starts, stops and reads it
 * the same way, so that the API, the page, the CLI, the gauges and the alerts do not
 * depend on where the connector runs.
 */
public interface ConnectorEngine {

	ConnectorDefinition definition();

	/** Start streaming, from the connector's committed position. */
	void start();

	/**
	 * Stop streaming at a committed position, so that the connector can be started again
	 * with another definition, paused, moved or destroyed.
	 */
	void stop();

	/**
	 * As the bridge's process ends: stop what this process runs, bounded in time. A
	 * connector on a Kafka Connect cluster goes on streaming there.
	 */
	void stopForShutdown();

	ConnectorRuntime.Status status();

	ConnectorRuntime.Health health();

	ConnectorMetrics metrics();

	/**
	 * Where the connector's snapshot is, read from its committed offsets, for an engine
	 * whose Debezium metrics are out of this process's reach (on a Kafka Connect cluster
	 * they are the worker's JMX): {@code not-started}, {@code running} or
	 * {@code completed}, rows not counted.
	 * @return the state; empty where the metrics tell it (the embedded engine), or if the
	 * offsets cannot be read
	 */
	default Optional<String> snapshotFromOffsets() {
		return Optional.empty();
	}

}
