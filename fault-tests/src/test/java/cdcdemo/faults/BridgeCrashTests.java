package cdcdemo.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import cdcdemo.platform.apps.PlatformApps;
import cdcdemo.testsupport.kafka.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * cdc-bridge killed with SIGKILL while changes stream, then started again. It is
 * exactly-once: each connector's events and its position ({@code cdc-bridge-offsets}) are
 * committed in one Kafka transaction, and the replication slot moves only after that
 * commit. A kill aborts what the open transaction held (the next bridge's
 * {@code initTransactions()} aborts it on the broker); the restarted bridge reads the
 * last committed position and streams from there. So a read_committed reader gets every
 * change once: nothing lost, nothing twice.
 */
@Order(3)
@ExtendWith(PlatformParameterResolver.class)
@Tag("system")
class BridgeCrashTests {

	@Test
	void killedBridgeLosesNothingAndDeliversNothingTwice(FaultPlatform platform) {
		FaultScenario scenario = new FaultScenario(platform, "bridge-kill-9", 1_000_000);
		scenario.startWriting();
		scenario.awaitCommitted(1.0 / 3);
		platform.kill(FaultPlatform.BRIDGE);
		Instant restarted = platform.startBridge();
		platform.awaitHealthy(FaultPlatform.BRIDGE);
		scenario.awaitWritten();
		Delivery delivery = scenario.awaitDelivered();
		scenario.report(delivery, restarted, Map.of());

		Assertions.assertCompleteAndInOrder(delivery);
	}

	/**
	 * The kill lands while a transaction is open and holds events: a bridge committing
	 * every 3 s instead of every 20 ms, killed once the topic's log end is past its last
	 * stable offset (records written, not yet committed). Those records stay on the
	 * broker, aborted: a read_uncommitted reader would see them, and then their changes a
	 * second time from the restarted bridge.
	 */
	@Test
	void killedInTheMiddleOfATransactionLosesNothingAndDeliversNothingTwice(FaultPlatform platform) {
		platform.stop(FaultPlatform.BRIDGE);
		platform.startBridge(Map.of("CDC_CONNECTOR_COMMITINTERVAL", "3s"));
		platform.awaitHealthy(FaultPlatform.BRIDGE);
		FaultScenario scenario = new FaultScenario(platform, "bridge-kill-9-mid-transaction", 8_000_000);
		scenario.startWriting();
		scenario.awaitCommitted(1.0 / 3);
		String bootstrap = platform.bootstrapServers();
		long[] open = new long[1];
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
			open[0] = TopicReader.endOffset(bootstrap, PlatformApps.USERS_TOPIC, "read_uncommitted")
					- TopicReader.endOffset(bootstrap, PlatformApps.USERS_TOPIC, "read_committed");
			return open[0] > 20;
		});
		platform.kill(FaultPlatform.BRIDGE);
		Instant restarted = platform.startBridge();
		platform.awaitHealthy(FaultPlatform.BRIDGE);
		scenario.awaitWritten();
		Delivery delivery = scenario.awaitDelivered();
		Delivery uncommitted = scenario.deliveredAsReadUncommitted();
		Map<String, Object> more = new LinkedHashMap<>();
		more.put("open-transaction-offsets-at-kill", open[0]);
		more.put("read-uncommitted-duplicates", uncommitted.duplicates());
		scenario.report(delivery, restarted, more);

		Assertions.assertCompleteAndInOrder(delivery);
		assertThat(uncommitted.duplicates())
			.as("changes a read_uncommitted reader gets twice: from the aborted transaction, then from the restart")
			.isPositive();
	}

}
