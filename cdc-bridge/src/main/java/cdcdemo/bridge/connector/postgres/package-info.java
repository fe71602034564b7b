/**
 * What the bridge asks of and does to a source PostgreSQL database over JDBC, as the
 * connector's role: inspection, the publication and replica-identity statements, slot
 * housekeeping and the advisory lock that lets one bridge process at a time stream a
 * connector. Knows nothing of Kafka or the engine.
 */
package cdcdemo.bridge.connector.postgres;
