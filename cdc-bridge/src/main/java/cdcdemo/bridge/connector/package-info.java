/**
 * The connectors: Debezium's PostgreSQL connector in the embedded engine, publishing to
 * Kafka exactly once. This package holds their lifecycle ({@code ConnectorRegistry}),
 * what a client asks for and is shown (requests, updates, info), validation, the bridge's
 * settings, and the gauges sampled once for whatever keeps their figures
 * ({@code ConnectorSampler}: the retained-WAL trend here, the page's charts in
 * {@code cdcdemo.bridge.charts}, which uses this package). It uses the layers below it,
 * which never use it: {@code engine} (a running connector and its way into Kafka),
 * {@code postgres} (the source database), {@code store} (the definitions topic), all
 * sharing {@code definition}; {@code api} is the HTTP face above it.
 */
package cdcdemo.bridge.connector;
