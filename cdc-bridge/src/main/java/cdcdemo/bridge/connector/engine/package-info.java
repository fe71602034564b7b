/**
 * A running connector: the Debezium embedded engine on its own thread, and its way into
 * Kafka, the event channel that commits events and source offsets in one transaction (or
 * after their acknowledgement, at least once), the engine's offset store that writes
 * through it, the offsets topic, and skipped events. Knows the definition and the
 * PostgreSQL lock, nothing of the registry or the API.
 */
package cdcdemo.bridge.connector.engine;
