package cdcdemo.onboarding.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import cdcdemo.onboarding.system.OnboardingProperties;

/**
 * The backlog as gauges, for alerting on a mail provider that cannot keep up:
 * {@code onboarding.backlog} (steps due and not sent, tag {@code step}) and
 * {@code onboarding.backlog.oldest.age} (seconds the longest waiting one has been due).
 * One query serves all gauges of a scrape: its result is kept for a second.
 */
@Component
class BacklogMetrics {

	/** The step that follows a delete; not configured, so named here. */
	private static final String EXIT_SURVEY = "exit-survey";

	private static final Duration KEPT = Duration.ofSeconds(1);

	private final Dashboard dashboard;

	private List<Dashboard.Backlog> backlog = List.of();

	private Instant readAt = Instant.MIN;

	BacklogMetrics(Dashboard dashboard, MeterRegistry meters, OnboardingProperties properties) {
		this.dashboard = dashboard;
		Stream
			.concat(properties.journey().steps().stream().map(OnboardingProperties.Step::name), Stream.of(EXIT_SURVEY))
			.distinct()
			.forEach((step) -> Gauge.builder("onboarding.backlog", this, (metrics) -> metrics.due(step))
				.description("Steps due and not sent yet")
				.tag("step", step)
				.register(meters));
		Gauge.builder("onboarding.backlog.oldest.age", this, BacklogMetrics::oldestAgeSeconds)
			.description("How long the longest waiting step due and not sent has been due")
			.baseUnit("seconds")
			.register(meters);
	}

	double due(String step) {
		return current().stream().filter((b) -> b.step().equals(step)).mapToLong(Dashboard.Backlog::due).sum();
	}

	double oldestAgeSeconds() {
		return current().stream()
			.map(Dashboard.Backlog::oldestDueAt)
			.min(Instant::compareTo)
			.map((oldest) -> Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0))
			.orElse(0.0);
	}

	private synchronized List<Dashboard.Backlog> current() {
		Instant now = Instant.now();
		if (this.readAt.plus(KEPT).isBefore(now)) {
			this.backlog = this.dashboard.backlog();
			this.readAt = now;
		}
		return this.backlog;
	}

}
