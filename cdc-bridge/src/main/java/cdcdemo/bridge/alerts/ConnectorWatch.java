package cdcdemo.bridge.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import cdcdemo.bridge.connector.ConnectorInfo;

/**
 * Since when each connector has been failed, available, or warned of a growing slot, as
 * the checks saw it: the rules that wait ("for N minutes") measure from here. A restart
 * of the bridge starts these clocks again.
 */
final class ConnectorWatch {

	private record Since(Instant failed, Instant available, Instant growing) {
	}

	private final Map<String, Since> since = new ConcurrentHashMap<>();

	/**
	 * @param info the connector now
	 * @param growth its slot's growth warning, or {@code null}
	 * @param lastHeartbeat its newest heartbeat, or {@code null}
	 * @param now the check's time
	 * @return the signals for the rules
	 */
	ConnectorSignals observe(ConnectorInfo info, String growth, Instant lastHeartbeat, Instant now) {
		Since before = this.since.getOrDefault(info.name(), new Since(null, null, null));
		String status = info.status();
		// a failed connector stays failed through its restarts ("creating") until it
		// streams again, or an operator pauses it
		Instant failed = switch (status) {
			case "failed" -> (before.failed() != null) ? before.failed() : now;
			case "available", "paused", "standby" -> null;
			default -> before.failed();
		};
		Instant available = "available".equals(status) ? ((before.available() != null) ? before.available() : now)
				: null;
		Instant growing = (growth != null) ? ((before.growing() != null) ? before.growing() : now) : null;
		this.since.put(info.name(), new Since(failed, available, growing));
		return new ConnectorSignals(failed, available, growth, growing, lastHeartbeat);
	}

	/** Forget the connectors that are gone. */
	void retain(Set<String> names) {
		this.since.keySet().retainAll(names);
	}

}
