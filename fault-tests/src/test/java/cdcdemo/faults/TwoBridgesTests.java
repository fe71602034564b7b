package cdcdemo.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two cdc-bridge processes on the same definitions and offsets: one streams the
 * connector, holding its PostgreSQL advisory lock, and the other stands by. The active
 * one is killed with SIGKILL while changes stream; the standby takes the lock, its
 * {@code initTransactions()} aborts what the dead one left open, and it streams on from
 * the last committed position. Then the first is started again (it stands by) and the
 * second stopped, so the platform is as it was for the next scenario.
 */
@Tag("system")
@Order(6)
@ExtendWith(PlatformParameterResolver.class)
class TwoBridgesTests {

	static final String STANDBY = FaultPlatform.BRIDGE + "-2";

	@Test
	void theStandbyTakesOverFromAKilledBridgeWithNothingLostOrTwice(FaultPlatform platform) {
		platform.startBridge(STANDBY, Map.of());
		try {
			killTheActiveOne(platform);
		}
		finally {
			// as it was, even after a failure: one bridge, streaming
			if (!platform.running(FaultPlatform.BRIDGE)) {
				platform.startBridge();
			}
			platform.stopIfRunning(STANDBY);
			platform.awaitHealthy(FaultPlatform.BRIDGE);
		}
	}

	private void killTheActiveOne(FaultPlatform platform) {
		awaitStandingBy(platform, STANDBY);
		FaultScenario scenario = new FaultScenario(platform, "two-bridges-kill-9", 9_000_000);
		scenario.startWriting();
		scenario.awaitCommitted(1.0 / 3);
		platform.kill(FaultPlatform.BRIDGE);
		Instant killed = Instant.now();
		platform.awaitHealthy(STANDBY);
		scenario.awaitWritten();
		Delivery delivery = scenario.awaitDelivered();
		scenario.report(delivery, killed, Map.of());

		Assertions.assertCompleteAndInOrder(delivery);

		platform.startBridge();
		awaitStandingBy(platform, FaultPlatform.BRIDGE);
	}

	private static void awaitStandingBy(FaultPlatform platform, String name) {
		await().atMost(Duration.ofMinutes(3))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(platform.get(name, "/api/connectors/monolith")).contains("standing by"));
	}

}
