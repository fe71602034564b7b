package cdcdemo.bridge.connector.engine;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

import org.springframework.stereotype.Component;

/**
 * Reads what Debezium itself measures, from the MBeans its connector registers in the
 * embedded engine too: snapshot progress and how far streaming lags behind the database.
 * No second bookkeeping of the same facts.
 */
@Component
public class DebeziumMetrics {

	private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

	/**
	 * Snapshot progress.
	 *
	 * @param running whether a snapshot is running
	 * @param completed whether the snapshot completed
	 * @param rowsScanned rows read so far, per table; Debezium updates it every ten
	 * seconds of a table's read, and at its end
	 * @param eventsSeen the events the engine's snapshots have emitted since it started,
	 * counted as each is emitted (all of its snapshots together: Debezium does not reset
	 * it when a snapshot starts)
	 */
	public record Snapshot(boolean running, boolean completed, Map<String, Long> rowsScanned, long eventsSeen) {
	}

	/**
	 * Streaming state.
	 *
	 * @param millisBehindSource time between the last change's commit and its processing
	 * by the connector
	 * @param connected whether the replication connection is up
	 */
	public record Streaming(Long millisBehindSource, Boolean connected) {
	}

	public Optional<Snapshot> snapshot(String connector) {
		return bean(connector, "snapshot")
			.map((name) -> new Snapshot(Boolean.TRUE.equals(attribute(name, "SnapshotRunning")),
					Boolean.TRUE.equals(attribute(name, "SnapshotCompleted")), rows(attribute(name, "RowsScanned")),
					(attribute(name, "TotalNumberOfEventsSeen") instanceof Number n) ? n.longValue() : 0));
	}

	public Optional<Streaming> streaming(String connector) {
		return bean(connector, "streaming").map((name) -> {
			Object behind = attribute(name, "MilliSecondsBehindSource");
			Object connected = attribute(name, "Connected");
			return new Streaming((behind instanceof Number n && n.longValue() >= 0) ? n.longValue() : null,
					(connected instanceof Boolean b) ? b : null);
		});
	}

	/**
	 * RowsScanned is a {@code Map<String, Long>}, which JMX hands over as open-type
	 * tabular data.
	 */
	private static Map<String, Long> rows(Object value) {
		Map<String, Long> rows = new LinkedHashMap<>();
		if (value instanceof TabularData table) {
			for (Object row : table.values()) {
				CompositeData entry = (CompositeData) row;
				rows.put(String.valueOf(entry.get("key")), ((Number) entry.get("value")).longValue());
			}
		}
		else if (value instanceof Map<?, ?> map) {
			map.forEach((k, v) -> rows.put(String.valueOf(k), ((Number) v).longValue()));
		}
		return rows;
	}

	private Optional<ObjectName> bean(String connector, String context) {
		try {
			Set<ObjectName> names = this.server.queryNames(new ObjectName(
					"debezium.postgres:type=connector-metrics,context=" + context + ",server=" + connector + ",*"),
					null);
			return names.stream().findFirst();
		}
		catch (JMException ex) {
			return Optional.empty();
		}
	}

	private Object attribute(ObjectName name, String attribute) {
		try {
			return this.server.getAttribute(name, attribute);
		}
		catch (JMException ex) {
			return null;
		}
	}

}
