package cdcdemo.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cdcdemo.platform.apps.PlatformApps;
import cdcdemo.testsupport.kafka.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connector paused while the database is busy: its slot holds back the WAL of every
 * change, which the bridge reports ({@code retainedWalBytes} in its API, growing), and
 * above {@code cdc.connector.wal-warning-bytes} its {@code connectors} health turns
 * WARNING with the byte count and its info carries a warning. Resumed, it catches up with
 * nothing lost and releases the WAL.
 */
@Order(7)
@ExtendWith(PlatformParameterResolver.class)
@Tag("system")
class RetainedWalTests {

	private static final String CONNECTOR = "/api/connectors/" + PlatformApps.CONNECTOR;

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void pausedConnectorReportsGrowingWalWithAWarningAndCatchesUpWithNothingLost(FaultPlatform platform) {
		FaultScenario scenario = new FaultScenario(platform, "bridge-paused-wal", 6_000_000);
		// A connector stopped before it committed any position snapshots again when it
		// starts, and a snapshot folds
		// the changes made meanwhile into the rows' current state
		// (snapshot.mode=initial): a limit stated in the
		// README. This scenario is about a connector that has been streaming, so it waits
		// for a committed position.
		await().atMost(Duration.ofMinutes(1))
			.until(() -> TopicReader.endOffset(platform.bootstrapServers(), "cdc-bridge-offsets") > 0);
		assertThat(platform.post(FaultPlatform.BRIDGE, CONNECTOR + "/pause")).isNotNull();
		await().atMost(Duration.ofMinutes(1))
			.until(() -> "paused".equals(connector(platform).path("status").asString()));
		long atPause = retainedWal(platform);
		List<Long> samples = new ArrayList<>();
		scenario.startWriting();
		await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
			samples.add(retainedWal(platform));
			return scenario.written();
		});
		scenario.awaitWritten();
		long peak = retainedWal(platform);
		JsonNode connectors = this.json.readTree(platform.get(FaultPlatform.BRIDGE, "/actuator/health"))
			.path("components")
			.path("connectors");
		List<String> warnings = connector(platform).path("warnings").valueStream().map(JsonNode::asString).toList();

		Instant resumed = Instant.now();
		assertThat(platform.post(FaultPlatform.BRIDGE, CONNECTOR + "/resume")).isNotNull();
		Delivery delivery = scenario.awaitDelivered();
		Map<String, Object> more = new LinkedHashMap<>();
		more.put("wal-at-pause", atPause);
		more.put("wal-retained-peak", peak);
		more.put("wal-warning-bytes", FaultPlatform.WAL_WARNING_BYTES);
		more.put("health", connectors.path("status").asString());
		scenario.report(delivery, resumed, more);

		assertThat(samples).as("retained WAL sampled while paused").isSorted();
		assertThat(peak).as("retained WAL after the changes")
			.isGreaterThan(atPause)
			.isGreaterThan(FaultPlatform.WAL_WARNING_BYTES);
		assertThat(connectors.path("status").asString()).isEqualTo("WARNING");
		assertThat(connectors.path("details").path(PlatformApps.CONNECTOR).asString())
			.startsWith("paused; its slot holds back ")
			.contains(" bytes of WAL (warning above " + FaultPlatform.WAL_WARNING_BYTES + ")");
		assertThat(warnings).anySatisfy((warning) -> assertThat(warning).contains("holds back"));
		Assertions.assertCompleteAndInOrder(delivery);
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(
					() -> assertThat(retainedWal(platform)).as("WAL released after catching up").isLessThan(peak));
	}

	private JsonNode connector(FaultPlatform platform) {
		return this.json.readTree(platform.get(FaultPlatform.BRIDGE, CONNECTOR));
	}

	private long retainedWal(FaultPlatform platform) {
		return connector(platform).path("retainedWalBytes").asLong();
	}

}
