package cdcdemo.onboarding.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import cdcdemo.onboarding.system.OnboardingProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The backlog gauges under the names Prometheus scrapes, which the OnboardingBacklog
 * alert and the Grafana dashboard under docker/ query (e2e-tests'
 * {@code MonitoringFilesTests} lists them): {@code onboarding_backlog} per step and
 * {@code onboarding_backlog_oldest_age_seconds}, read from Micrometer's Prometheus
 * registry as Prometheus's own model, not from text.
 */
class BacklogMetricsTests {

	@Test
	void exposesTheBacklogPerStepAndHowLongTheOldestHasWaited() {
		Dashboard dashboard = mock(Dashboard.class);
		given(dashboard.backlog())
			.willReturn(List.of(new Dashboard.Backlog("welcome", 3, Instant.now().minus(Duration.ofMinutes(20))),
					new Dashboard.Backlog("tips", 1, Instant.now())));
		PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		new BacklogMetrics(dashboard, meters, properties());

		Map<String, GaugeSnapshot> gauges = new LinkedHashMap<>();
		for (MetricSnapshot snapshot : meters.getPrometheusRegistry().scrape()) {
			if (snapshot instanceof GaugeSnapshot gauge) {
				gauges.put(gauge.getMetadata().getPrometheusName(), gauge);
			}
		}

		assertThat(gauges).containsKeys("onboarding_backlog", "onboarding_backlog_oldest_age_seconds");
		Map<String, Double> perStep = new LinkedHashMap<>();
		gauges.get("onboarding_backlog")
			.getDataPoints()
			.forEach((point) -> perStep.put(point.getLabels().get("step"), point.getValue()));
		assertThat(perStep).containsExactlyInAnyOrderEntriesOf(
				Map.of("welcome", 3.0, "tips", 1.0, "check-in", 0.0, "exit-survey", 0.0));
		assertThat(gauges.get("onboarding_backlog_oldest_age_seconds").getDataPoints().get(0).getValue())
			.as("seconds the welcome email has been due")
			.isBetween(1199.0, 1210.0);
	}

	private static OnboardingProperties properties() {
		Map<String, String> settings = Map.of("onboarding.journey.steps[0].name", "welcome",
				"onboarding.journey.steps[1].name", "tips", "onboarding.journey.steps[1].after", "1d",
				"onboarding.journey.steps[2].name", "check-in", "onboarding.journey.steps[2].after", "3d");
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("onboarding",
				OnboardingProperties.class);
	}

}
