/**
 * The charts of the bridge page: each connector's events/s, retained WAL and lag over the
 * last hour, kept in memory from the connector package's samples (the figures its gauges
 * read, one sample every {@code cdc.charts.interval}), answered by {@code GET
 * /api/connectors/{name}/history} and drawn by the page's own script as small SVG charts,
 * with no chart library and no service outside the bridge. Missing samples are gaps,
 * never zeros. Uses the connector package, which does not know it.
 */
package cdcdemo.bridge.charts;
