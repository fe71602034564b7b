package cdcdemo.bridge.charts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import cdcdemo.bridge.connector.ConnectorSample;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The charts' history on a clock the test sets: a window of samples at the interval,
 * never more kept than a window holds however long it runs, a missing sample a gap (an
 * entry of nulls) and a late one none, a figure not measured or not a number of zero or
 * more a {@code null}, and a destroyed connector forgotten at the next sample.
 */
class ConnectorHistoriesTests {

	private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

	private static final Duration INTERVAL = Duration.ofSeconds(10);

	private final SettableClock clock = new SettableClock(START);

	private final ConnectorHistories histories = new ConnectorHistories(
			new ChartsProperties(INTERVAL, Duration.ofMinutes(1)), this.clock);

	@Test
	void readsTheSamplesOfTheLastWindowOldestFirst() {
		sampleEveryInterval(3, "audit", 2.5, 4096L, 30L);
		ConnectorHistory history = this.histories.history("audit");
		assertThat(history.connector()).isEqualTo("audit");
		assertThat(history.intervalSeconds()).isEqualTo(10);
		assertThat(history.to()).isEqualTo(START.plusSeconds(20));
		assertThat(history.from()).isEqualTo(START.minusSeconds(40));
		assertThat(history.timestamps()).containsExactly(START, START.plusSeconds(10), START.plusSeconds(20));
		assertThat(history.eventsPerSecond()).containsExactly(2.5, 2.5, 2.5);
		assertThat(history.retainedWalBytes()).containsExactly(4096L, 4096L, 4096L);
		assertThat(history.millisBehindSource()).containsExactly(30L, 30L, 30L);
	}

	@Test
	void keepsNoMoreThanAWindowOfSamplesHoweverLongItRuns() {
		sampleEveryInterval(100, "audit", 1.0, 1L, 1L);
		ConnectorHistory history = this.histories.history("audit");
		assertThat(history.timestamps()).as("a minute of 10 s samples, and the one that starts it")
			.hasSize(7)
			.startsWith(START.plusSeconds(930))
			.endsWith(START.plusSeconds(990));
		this.clock.advance(Duration.ofSeconds(45));
		assertThat(this.histories.history("audit").timestamps()).as("older than the window: not shown")
			.containsExactly(START.plusSeconds(980), START.plusSeconds(990));
	}

	@Test
	void marksMissingSamplesAsOneGapAndALateSampleAsNone() {
		sample(START, 1.0);
		sample(START.plusMillis(10_400), 2.0);
		sample(START.plusSeconds(25), 3.0);
		sample(START.plusSeconds(55), 4.0);
		ConnectorHistory history = this.histories.history("audit");
		assertThat(history.timestamps()).containsExactly(START, START.plusMillis(10_400), START.plusSeconds(25),
				START.plusSeconds(35), START.plusSeconds(55));
		assertThat(history.eventsPerSecond()).containsExactly(1.0, 2.0, 3.0, null, 4.0);
		assertThat(history.retainedWalBytes()).containsExactly(10L, 10L, 10L, null, 10L);
		assertThat(history.millisBehindSource()).containsExactly(5L, 5L, 5L, null, 5L);
	}

	@Test
	void keepsAPausedConnectorsRetainedWalWithoutARate() {
		this.histories.sampled(START, List.of(new ConnectorSample("audit", null, 1_048_576L, null)));
		ConnectorHistory history = this.histories.history("audit");
		assertThat(history.eventsPerSecond()).containsExactly((Double) null);
		assertThat(history.retainedWalBytes()).containsExactly(1_048_576L);
		assertThat(history.millisBehindSource()).containsExactly((Long) null);
	}

	@Test
	void neverAnswersNaNOrANegativeFigureAsANumber() {
		this.histories.sampled(START, List.of(new ConnectorSample("audit", Double.NaN, -5L, -1L)));
		this.histories.sampled(START.plusSeconds(10),
				List.of(new ConnectorSample("audit", Double.POSITIVE_INFINITY, 0L, 0L)));
		this.histories.sampled(START.plusSeconds(20), List.of(new ConnectorSample("audit", -0.5, null, 7L)));
		this.clock.advance(Duration.ofSeconds(20));
		ConnectorHistory history = this.histories.history("audit");
		assertThat(history.eventsPerSecond()).containsExactly(null, null, null);
		assertThat(history.retainedWalBytes()).containsExactly(null, 0L, null);
		assertThat(history.millisBehindSource()).containsExactly(null, 0L, 7L);
	}

	@Test
	void forgetsADestroyedConnectorAtTheNextSample() {
		this.histories.sampled(START,
				List.of(new ConnectorSample("audit", 1.0, 1L, 1L), new ConnectorSample("orders", 2.0, 2L, 2L)));
		this.histories.sampled(START.plusSeconds(10), List.of(new ConnectorSample("orders", 2.0, 2L, 2L)));
		this.clock.advance(Duration.ofSeconds(20));
		assertThat(this.histories.history("audit")).isNull();
		assertThat(this.histories.history("orders").timestamps()).hasSize(2);
		this.histories.sampled(START.plusSeconds(20), List.of(new ConnectorSample("audit", 3.0, 3L, 3L)));
		assertThat(this.histories.history("audit").eventsPerSecond()).as("created again: a history of its own")
			.containsExactly(3.0);
	}

	@Test
	void hasNoHistoryForAConnectorNeverSampled() {
		assertThat(this.histories.history("nope")).isNull();
		ConnectorHistory none = this.histories.none("new_one");
		assertThat(none.timestamps()).isEmpty();
		assertThat(none.eventsPerSecond()).isEmpty();
		assertThat(none.from()).isEqualTo(START.minus(Duration.ofMinutes(1)));
		assertThat(none.to()).isEqualTo(START);
	}

	private void sampleEveryInterval(int count, String connector, double rate, long bytes, long lag) {
		for (int i = 0; i < count; i++) {
			if (i > 0) {
				this.clock.advance(INTERVAL);
			}
			this.histories.sampled(this.clock.instant(), List.of(new ConnectorSample(connector, rate, bytes, lag)));
		}
	}

	private void sample(Instant at, double rate) {
		this.clock.advance(Duration.between(this.clock.instant(), at));
		this.histories.sampled(at, List.of(new ConnectorSample("audit", rate, 10L, 5L)));
	}

}
