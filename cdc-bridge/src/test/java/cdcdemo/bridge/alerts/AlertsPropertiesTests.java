package cdcdemo.bridge.alerts;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** The alerts' defaults, and the recipients as an environment variable gives them. */
class AlertsPropertiesTests {

	@Test
	void defaultsAlertOnAGibibyteAndTenMinutesAndTellNobody() {
		AlertsProperties properties = bind(Map.of());
		assertThat(properties.enabled()).isTrue();
		assertThat(properties.checkInterval()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.retainedWalOver()).isEqualTo(DataSize.ofBytes(1L << 30));
		assertThat(properties.walGrowingFor()).isEqualTo(Duration.ofMinutes(10));
		assertThat(properties.silentFor()).isEqualTo(Duration.ofMinutes(10));
		assertThat(properties.email().to()).isEmpty();
		assertThat(properties.email().from()).isEqualTo("cdc-bridge@localhost");
		assertThat(properties.webhooks()).isEmpty();
	}

	@Test
	void recipientsAndWebhooksAreCommaSeparated() {
		AlertsProperties properties = bind(
				Map.of("cdc.alerts.email.to", "ops@localhost,dba@localhost", "cdc.alerts.webhooks",
						"http://a.example/hook,http://b.example/hook", "cdc.alerts.retained-wal-over", "1MB"));
		assertThat(properties.email().to()).containsExactly("ops@localhost", "dba@localhost");
		assertThat(properties.webhooks()).hasSize(2);
		assertThat(properties.retainedWalOver().toBytes()).isEqualTo(1 << 20);
	}

	private static AlertsProperties bind(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("cdc.alerts",
				AlertsProperties.class);
	}

}
