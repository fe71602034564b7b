/**
 * The connectors: Debezium's PostgreSQL connector in the embedded engine, publishing to
 * Kafka exactly once. This package holds their lifecycle ({@code ConnectorRegistry}),
 * what a client asks for and is shown (requests, updates, info), validation and the
 * bridge's settings. It uses the layers below it, which never use it: {@code engine} (a
 * running connector and its way into Kafka), {@code postgres} (the source database),
 * {@code store} (the definitions topic), all sharing {@code definition}; {@code api} is
 * the HTTP face above it.
 */
package cdcdemo.bridge.connector;
