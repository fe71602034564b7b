/**
 * Alerts: rules checked on a schedule against what the bridge already knows of its
 * connectors (their info, the retained-WAL trend, the heartbeat topic) and of the dead
 * letter topics on its Kafka; each rule's transition (fired, resolved) is sent once, by
 * email and to webhooks, and kept in a short in-memory history for the page and
 * {@code GET /api/alerts}.
 */
package cdcdemo.bridge.alerts;
