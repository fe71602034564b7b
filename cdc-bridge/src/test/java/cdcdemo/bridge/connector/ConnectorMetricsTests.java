package cdcdemo.bridge.connector;

import java.time.Duration;
import cdcdemo.testsupport.TestLogins;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What Prometheus scrapes from the bridge, on a real PostgreSQL and Kafka: the declared
 * connector's gauges under the names Micrometer gives them in the Prometheus format (the
 * base unit becomes a suffix, a counter gets {@code _total}, dots become underscores),
 * tagged with the connector and the application, with the values the connector's state
 * implies. The alert rules and the Grafana dashboard under docker/ query these names;
 * e2e-tests' {@code MonitoringFilesTests} lists the same ones and checks the rules and
 * panels ask for nothing else.
 */
class ConnectorMetricsTests extends BridgeSystemTest {

	static final String UP = "cdc_connector_up";

	static final String STATE = "cdc_connector_state";

	static final String LAG = "cdc_connector_lag_milliseconds";

	static final String EVENTS_RATE = "cdc_connector_events_rate_events_s";

	static final String WAL_RETAINED = "cdc_connector_wal_retained_bytes";

	static final String SNAPSHOT_ROWS = "cdc_connector_snapshot_rows";

	static final String RESTARTS = "cdc_connector_restarts_total";

	static final String PUBLISHED = "cdc_events_published_total";

	private static final Map<String, String> MONOLITH = Map.of("connector", "monolith", "application", "cdc-bridge");

	@Test
	void exposesEachConnectorsStateLagAndRetainedWalToPrometheus() {
		BridgeApi api = new BridgeApi(this.port, this.mapper);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(api.info("monolith").path("status").asString()).isEqualTo("available"));
		this.monolith
			.sql("insert into users (first_name, last_name, email, password) values ('Grace', 'Hopper', "
					+ "'grace@example.com', 'hash-of-grace')")
			.update();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			PrometheusText scrape = scrape();
			assertThat(value(scrape, PUBLISHED)).as("the snapshot's row and the insert").isGreaterThanOrEqualTo(2);
			assertThat(value(scrape, LAG)).as("lag of the streamed insert").isFinite().isNotNegative();
		});
		PrometheusText available = scrape();
		assertThat(available.samples()).extracting(PrometheusText.Sample::name)
			.as("the bridge's names, as the alerts and the dashboard query them")
			.contains(UP, STATE, LAG, EVENTS_RATE, WAL_RETAINED, SNAPSHOT_ROWS, RESTARTS, PUBLISHED,
					"jvm_memory_used_bytes", "jvm_memory_max_bytes");
		assertThat(value(available, UP)).isEqualTo(1);
		assertThat(stateValues(available)).containsExactlyInAnyOrderEntriesOf(
				Map.of("creating", 0.0, "available", 1.0, "paused", 0.0, "standby", 0.0, "failed", 0.0));
		assertThat(value(available, WAL_RETAINED)).as("WAL the slot holds, asked of PostgreSQL")
			.isFinite()
			.isNotNegative();
		assertThat(value(available, EVENTS_RATE)).isFinite().isNotNegative();
		assertThat(value(available, SNAPSHOT_ROWS)).isEqualTo(1);
		assertThat(value(available, RESTARTS)).isZero();

		api.call("POST", "/api/connectors/monolith/pause", null, 200);
		PrometheusText paused = scrape();
		assertThat(value(paused, UP)).as("a paused connector streams nothing").isZero();
		assertThat(stateValues(paused)).containsEntry("paused", 1.0).containsEntry("available", 0.0);
		assertThat(value(paused, WAL_RETAINED)).as("its slot still holds WAL: the alerts on it keep watching")
			.isFinite()
			.isNotNegative();

		api.call("POST", "/api/connectors/monolith/resume", null, 200);
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(value(scrape(), UP)).isEqualTo(1));
	}

	private PrometheusText scrape() {
		String body = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader("Authorization", TestLogins.ADMIN.basic())
			.build()
			.get()
			.uri("/actuator/prometheus")
			.accept(MediaType.TEXT_PLAIN)
			.retrieve()
			.body(String.class);
		return PrometheusText.parse(body);
	}

	private static double value(PrometheusText scrape, String name) {
		return scrape.find(name, MONOLITH)
			.orElseThrow(() -> new AssertionError("no " + name + MONOLITH + " in " + names(scrape)))
			.value();
	}

	private static Map<String, Double> stateValues(PrometheusText scrape) {
		List<PrometheusText.Sample> states = scrape.samples()
			.stream()
			.filter((sample) -> sample.name().equals(STATE))
			.filter((sample) -> sample.labels().entrySet().containsAll(MONOLITH.entrySet()))
			.toList();
		return states.stream()
			.collect(java.util.stream.Collectors.toMap((sample) -> sample.labels().get("state"),
					PrometheusText.Sample::value));
	}

	private static List<String> names(PrometheusText scrape) {
		return scrape.samples().stream().map(PrometheusText.Sample::name).filter((n) -> n.startsWith("cdc")).toList();
	}

}
