package cdcdemo.bridge.charts;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The charts' defaults (a sample every 10 s, an hour of them) and the limits. */
class ChartsPropertiesTests {

	@Test
	void defaultsToAnHourOfSamplesTenSecondsApart() {
		ChartsProperties properties = bind(Map.of());
		assertThat(properties.interval()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.window()).isEqualTo(Duration.ofHours(1));
		assertThat(properties.capacity()).isEqualTo(361);
	}

	@Test
	void refusesAWindowThatHoldsNoSampleOrTooManyAndAnIntervalOfNothing() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("cdc.charts.interval", "1m", "cdc.charts.window", "30s")))
			.havingRootCause()
			.withMessageContaining("cdc.charts.window (PT30S) must hold between 1 and 10000 samples");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("cdc.charts.interval", "1s", "cdc.charts.window", "7d")));
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(Map.of("cdc.charts.interval", "0s")))
			.havingRootCause()
			.withMessageContaining("cdc.charts.interval must be positive");
	}

	private static ChartsProperties bind(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("cdc.charts",
				ChartsProperties.class);
	}

}
