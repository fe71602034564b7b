/**
 * Connectors on a Kafka Connect cluster: the same Debezium connector as the embedded
 * engine's, configured, watched, moved and deleted by the bridge over the cluster's REST
 * API, so that the bridge's API, page and CLI go on working when one process is no longer
 * enough.
 */
package cdcdemo.bridge.connector.connect;
