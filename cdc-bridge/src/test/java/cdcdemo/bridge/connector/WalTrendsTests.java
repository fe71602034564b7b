package cdcdemo.bridge.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WAL trends fed by the sampler: a slot's growth seen in the samples that carry its
 * retained WAL (one kept every 30 s of those taken every 10 s), a sample without it
 * skipped rather than read as a zero, and a destroyed connector's trend forgotten.
 */
class WalTrendsTests {

	private final Instant start = Instant.parse("2026-12-01T10:00:00Z");

	private final WalTrends trends = new WalTrends(new WalGrowthProperties(Duration.ofMinutes(5), Duration.ofHours(1)),
			Duration.ofSeconds(30));

	@Test
	void warnsOfASlotGrowingInTheSamplesThatCarryItsRetainedWal() {
		for (int i = 0; i <= 30; i++) {
			Long bytes = (i % 5 == 4) ? null : i * 20_000_000L / 3;
			this.trends.sampled(this.start.plusSeconds(i * 10L), List.of(new ConnectorSample("audit", 0.0, bytes, null),
					new ConnectorSample("quiet", 0.0, 1_000L, null)));
		}
		assertThat(this.trends.warning("audit", WalTrendTests.THRESHOLD))
			.startsWith("the slot's retained WAL grew in every sample for 5 min");
		assertThat(this.trends.warning("quiet", WalTrendTests.THRESHOLD)).isNull();
	}

	@Test
	void forgetsADestroyedConnector() {
		for (int i = 0; i <= 10; i++) {
			this.trends.sampled(this.start.plusSeconds(i * 30L),
					List.of(new ConnectorSample("audit", 0.0, i * 20_000_000L, null)));
		}
		assertThat(this.trends.warning("audit", WalTrendTests.THRESHOLD)).isNotNull();
		this.trends.sampled(this.start.plusSeconds(330), List.of());
		assertThat(this.trends.warning("audit", WalTrendTests.THRESHOLD)).isNull();
	}

}
