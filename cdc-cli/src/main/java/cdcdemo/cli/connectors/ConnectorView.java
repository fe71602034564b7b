package cdcdemo.cli.connectors;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A connector in words: one line for status changes, a block for {@code info}, the way
 * {@code heroku
 * data:connectors:info} prints it.
 */
final class ConnectorView {

	private ConnectorView() {
	}

	static String statusLine(Connector connector) {
		return connector.name() + ": " + connector.status()
				+ ((connector.reason() != null && !connector.reason().isBlank()) ? " (" + connector.reason() + ")"
						: "");
	}

	static void printInfo(Connector c, PrintWriter out) {
		out.println("=== " + c.name());
		field(out, "Status", c.status() + ((c.reason() != null) ? " (" + c.reason() + ")" : ""));
		if (c.engine() != null) {
			field(out, "Engine", c.engine() + ((c.cluster() != null) ? " (cluster " + c.cluster() + ")" : ""));
		}
		field(out, "Source", c.source());
		field(out, "Store", c.store());
		field(out, "Publication", c.publication() + ((c.excludedColumnsFiltered() != null)
				? " (excluded columns filtered by the " + c.excludedColumnsFiltered() + ")" : ""));
		field(out, "Tables",
				c.tables()
					.stream()
					.map((t) -> t.table() + " -> " + t.topic() + " (replica identity " + t.replicaIdentity() + ")")
					.toList());
		field(out, "Excluded columns", c.excludedColumns().isEmpty() ? List.of("none") : c.excludedColumns());
		field(out, "Settings", settings(c.settings()));
		if (c.snapshot() != null) {
			boolean counted = !"kafka-connect".equals(c.engine());
			field(out, "Snapshot", c.snapshot().state()
					+ (counted ? ", " + c.snapshot().rowsDone() + "/" + c.snapshot().rowsTotal() + " rows"
							: " (from its offsets on the cluster; rows are counted on the embedded engine only)")
					+ ((c.snapshot().stopped() != null) ? " (stopped at " + c.snapshot().stopped().at() + ")" : ""));
		}
		field(out, "Events", c.eventsPublished() + " published, " + String.format("%.1f/s", c.eventsPerSecond())
				+ ((c.lastEvent() != null) ? ", last at " + c.lastEvent() : ""));
		field(out, "Lag", (c.millisBehindSource() != null) ? c.millisBehindSource() + " ms behind the database" : "-");
		field(out, "Retained WAL", (c.retainedWalBytes() != null) ? c.retainedWalBytes() + " bytes" : "-");
		field(out, "Heartbeats", c.heartbeatTopic());
		Connector.Delivery delivery = c.delivery();
		field(out, "Partitions",
				(delivery.partitions() != null)
						? delivery.partitions() + " per topic it creates (a row's events on one, in order)"
						: "the broker's default");
		if (delivery.guarantee() != null) {
			field(out, "Delivery", delivery.guarantee() + ", " + delivery.commits() + " commits, " + delivery.restarts()
					+ " restarts, events up to " + delivery.maxEventBytes() + " bytes");
		}
		if (delivery.lastError() != null) {
			field(out, "Last error", delivery.lastError() + " (at " + delivery.lastErrorAt() + ")");
		}
		if (delivery.refusedEvent() != null) {
			Connector.Refused refused = delivery.refusedEvent();
			field(out, "Refused change",
					List.of(refused.topic() + " key " + refused.key() + ", " + refused.bytes() + " bytes, LSN "
							+ refused.lsn(),
							"skip it: cdc connectors:skip " + c.name() + ", or raise the limit: cdc connectors:update "
									+ c.name() + " --max-event-bytes BYTES"));
		}
		if (!delivery.skipped().isEmpty()) {
			field(out, "Skipped changes",
					delivery.skipped()
						.stream()
						.map((s) -> s.topic() + " key " + s.key() + ", " + s.bytes() + " bytes, LSN " + s.lsn()
								+ ", by " + s.by() + " at " + s.at())
						.toList());
		}
		if (!c.warnings().isEmpty()) {
			field(out, "Warnings", c.warnings());
		}
		out.flush();
	}

	static List<String> settings(Map<String, String> settings) {
		return settings.isEmpty() ? List.of("none")
				: settings.entrySet()
					.stream()
					.map((setting) -> setting.getKey() + "=" + setting.getValue())
					.sorted()
					.collect(Collectors.toList());
	}

	private static void field(PrintWriter out, String label, Object value) {
		field(out, label, List.of(String.valueOf(value)));
	}

	private static void field(PrintWriter out, String label, List<String> values) {
		String indent = " ".repeat(18);
		for (int i = 0; i < values.size(); i++) {
			String head = (i == 0) ? String.format("%-18s", label + ":") : indent;
			out.println(head + values.get(i));
		}
		if (values.isEmpty()) {
			out.println(String.format("%-18s", label + ":") + "none");
		}
	}

}
