package cdcdemo.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kafka broker stopped while changes stream, and started again on its log directory
 * and ports once a third more of them are committed. cdc-bridge is left alone: its
 * producer keeps the unacknowledged events and retries, and if the engine fails it
 * restarts from its last committed offset, all by itself.
 */
@Order(4)
@ExtendWith(PlatformParameterResolver.class)
@Tag("system")
class KafkaRestartTests {

	@Test
	void bridgeRecoversByItselfFromABrokerRestartAndLosesNothing(FaultPlatform platform) {
		FaultScenario scenario = new FaultScenario(platform, "kafka-restart", 2_000_000);
		long bridgePid = platform.app(FaultPlatform.BRIDGE).pid();
		scenario.startWriting();
		scenario.awaitCommitted(1.0 / 3);
		platform.stopKafka();
		scenario.awaitCommitted(2.0 / 3);
		Instant restarted = platform.startKafka();
		scenario.awaitWritten();
		Delivery delivery = scenario.awaitDelivered();
		scenario.report(delivery, restarted, Map.of());

		Assertions.assertCompleteAndInOrder(delivery);
		assertThat(platform.app(FaultPlatform.BRIDGE).pid()).as("the same bridge process").isEqualTo(bridgePid);
		await().atMost(Duration.ofMinutes(2))
			.untilAsserted(() -> assertThat(platform.get(FaultPlatform.BRIDGE, "/actuator/health")).contains("\"UP\""));
	}

}
