package cdcdemo.bridge.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.util.unit.DataSize;

import cdcdemo.bridge.connector.ConnectorInfo;

/** Settings and connector infos for the rules' unit tests. */
final class AlertFixtures {

	static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

	private AlertFixtures() {
	}

	/** 1 MiB of retained WAL alerts; growth after 10 min; silence after 10 min. */
	static AlertsProperties properties() {
		return new AlertsProperties(true, Duration.ofSeconds(1), DataSize.ofMegabytes(1), Duration.ofMinutes(10),
				Duration.ofMinutes(10), new AlertsProperties.Email(List.of("ops@localhost"), "cdc-bridge@localhost"),
				List.of());
	}

	static ConnectorInfo info(String name, String status, String reason, Long retainedWalBytes, Instant lastEvent) {
		return new ConnectorInfo(name, status, reason, "cdc_bridge@localhost:5432/users", "localhost:9092", List.of(),
				List.of(), "publication", name + "_publication", "heartbeat." + name, Map.of(), 0, 0.0, lastEvent, null,
				retainedWalBytes, new ConnectorInfo.SnapshotInfo("completed", 0, 0, null),
				new ConnectorInfo.DeliveryInfo("exactly-once", 0, 0, null, null, null, List.of(), 1 << 20, null),
				List.of(), List.of(), List.of());
	}

}
