package cdcdemo.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * cdc-bridge killed with SIGKILL while changes stream, then started again. It publishes at least once: it commits
 * its position ({@code cdc-bridge-offsets}) only after Kafka acknowledged the events, every
 * {@code cdc.connector.offset-flush-interval} (1 s, Debezium's {@code offset.flush.interval.ms}). So nothing is lost,
 * and what is published twice is at most what was acknowledged since the last commit: the records first published
 * within that interval before the kill, plus the batch in flight and the offset write itself, for which the bound
 * allows {@link #IN_FLIGHT}.
 */
@Order(3)
@ExtendWith(PlatformParameterResolver.class)
@Tag("system")
class BridgeCrashTests {

	static final Duration OFFSET_FLUSH_INTERVAL = Duration.ofSeconds(1);

	static final Duration IN_FLIGHT = Duration.ofSeconds(2);

	@Test
	void killedBridgeLosesNothingAndRepublishesOnlyWhatFollowedItsLastCommittedOffset(FaultPlatform platform) {
		FaultScenario scenario = new FaultScenario(platform, "bridge-kill-9", 1_000_000);
		scenario.startWriting();
		scenario.awaitCommitted(1.0 / 3);
		Instant killed = Instant.now();
		platform.kill(FaultPlatform.BRIDGE);
		Instant restarted = platform.startBridge();
		platform.awaitHealthy(FaultPlatform.BRIDGE);
		scenario.awaitWritten();
		Delivery delivery = scenario.awaitDelivered();

		Instant windowStart = killed.minus(OFFSET_FLUSH_INTERVAL).minus(IN_FLIGHT);
		long bound = delivery.firstArrivals()
			.stream()
			.filter((arrival) -> !arrival.isBefore(windowStart) && !arrival.isAfter(killed))
			.count();
		Map<String, Object> more = new LinkedHashMap<>();
		more.put("duplicate-bound", bound);
		scenario.report(delivery, restarted, more);

		Assertions.assertCompleteAndInOrder(delivery);
		assertThat(delivery.duplicates()).as("records published twice, at most those acknowledged after the last "
				+ "committed offset (first published in the %s before the kill)", OFFSET_FLUSH_INTERVAL.plus(IN_FLIGHT))
			.isLessThanOrEqualTo((int) bound);
	}

}
