package cdcdemo.bridge.connector;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The early warning of a growing slot: steady growth that reaches the threshold within
 * the hour warns, with the rate and the time left; growth that pauses, a slot that
 * follows the WAL, and a short history do not. Of samples taken more often than every 30
 * s, one every 30 s counts.
 */
class WalTrendTests {

	static final long THRESHOLD = 1L << 30;

	private final Instant start = Instant.parse("2026-12-01T10:00:00Z");

	@Test
	void warnsOfSteadyGrowthThatReachesTheThresholdWithinTheHour() {
		WalTrend trend = samples(0, 30, 10, 20_000_000);
		assertThat(trend.warning(THRESHOLD)).startsWith("the slot's retained WAL grew in every sample for 5 min")
			.contains("by 40,000,000 bytes/min (now 200,000,000)")
			.contains("passes the 1,073,741,824-byte warning in 22 min");
	}

	@Test
	void staysQuietForGrowthTooSlowToMatterWithinTheHour() {
		assertThat(samples(0, 30, 10, 100_000).warning(THRESHOLD)).isNull();
	}

	@Test
	void staysQuietForASlotThatFollowsTheWal() {
		WalTrend trend = samples(0, 30, 10, 20_000_000);
		trend.record(this.start.plusSeconds(330), 1_000);
		trend.record(this.start.plusSeconds(360), 30_000_000);
		assertThat(trend.warning(THRESHOLD)).as("growth broken less than a window ago").isNull();
	}

	@Test
	void needsAWholeWindowOfSamples() {
		assertThat(samples(0, 30, 5, 20_000_000).warning(THRESHOLD)).isNull();
	}

	@Test
	void keepsOneSampleEveryThirtySecondsOfThoseTakenMoreOften() {
		WalTrend trend = new WalTrend(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(1));
		for (int i = 0; i <= 30; i++) {
			long bytes = (i % 3 == 0) ? i * 20_000_000L / 3 : 1_000;
			trend.record(this.start.plusSeconds(i * 10L), bytes);
		}
		assertThat(trend.warning(THRESHOLD)).as("the samples between those 30 s apart are left out")
			.startsWith("the slot's retained WAL grew in every sample for 5 min")
			.contains("by 40,000,000 bytes/min (now 200,000,000)");
	}

	@Test
	void leavesASlotAlreadyOverTheThresholdToItsOwnWarning() {
		assertThat(samples(THRESHOLD, 30, 10, 20_000_000).warning(THRESHOLD)).isNull();
	}

	/**
	 * One sample every {@code seconds} s, growing by {@code step} bytes each,
	 * {@code count + 1} in all.
	 */
	private WalTrend samples(long from, int seconds, int count, long step) {
		WalTrend trend = new WalTrend(Duration.ZERO, Duration.ofMinutes(5), Duration.ofHours(1));
		for (int i = 0; i <= count; i++) {
			trend.record(this.start.plus(Duration.ofSeconds((long) i * seconds)), from + i * step);
		}
		return trend;
	}

}
