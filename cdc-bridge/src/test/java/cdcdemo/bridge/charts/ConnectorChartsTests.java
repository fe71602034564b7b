package cdcdemo.bridge.charts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import cdcdemo.bridge.connector.BridgeApi;
import cdcdemo.bridge.connector.BridgeSystemTest;
import cdcdemo.bridge.connector.ConnectorNotFoundException;
import cdcdemo.bridge.connector.ConnectorRegistry;
import cdcdemo.testsupport.HeadlessChromium;
import cdcdemo.testsupport.TestLogins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The charts on a real bridge, PostgreSQL and Kafka, sampled every second and kept for
 * ten minutes (a context of its own; a window of two minutes let the samples from before
 * the pause leave the chart on a loaded CI machine before the browser drew it, so the
 * chart never showed the two runs around the gap): rows written through a connector of
 * its own show in its history as samples with events per second and retained WAL; paused,
 * its samples have no rate (a gap, not a zero) and still its retained WAL; resumed, the
 * rate comes back. A viewer's page in headless Chromium draws both charts from that
 * history, the events/s line broken where the connector was paused, with the connector's
 * figures in their labels. The screenshot is {@code bridge-charts}.
 */
@TestPropertySource(properties = { "cdc.charts.interval=1s", "cdc.charts.window=10m" })
class ConnectorChartsTests extends BridgeSystemTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private static final String NAME = "charted";

	private static final String SECTION = "section[data-connector=" + NAME + "]";

	@Autowired
	ConnectorRegistry registry;

	private BridgeApi api;

	private WebDriver browser;

	private int written;

	@BeforeEach
	void connector() {
		this.monolith.sql("create table charted_rows (id bigint primary key, label text not null)").update();
		this.monolith.sql("create publication charted_publication for table charted_rows").update();
		this.api = new BridgeApi(this.port, this.mapper);
		this.api.call("POST", "/api/connectors",
				Map.of("name", NAME, "source",
						Map.of("jdbcUrl", this.postgres.jdbcUrl("users"), "user", "cdc_bridge", "password",
								"cdc_bridge"),
						"tables", List.of("public.charted_rows"), "publication", "charted_publication"),
				201);
		awaitAvailable();
	}

	@AfterEach
	void destroy() {
		if (this.browser != null) {
			this.browser.quit();
		}
		try {
			this.registry.destroy(NAME);
		}
		catch (ConnectorNotFoundException ex) {
			// never created
		}
		this.monolith.sql("drop publication if exists charted_publication").update();
		this.monolith.sql("drop table if exists charted_rows").update();
	}

	@Test
	void drawsTheEventsPerSecondAndRetainedWalOfAConnectorWithAGapWhereItWasPaused() {
		Instant begun = Instant.now();
		JsonNode streaming = awaitSamples(Instant.now(), true,
				(rate, bytes) -> rate != null && rate > 0 && bytes != null);
		assertThat(streaming.path("intervalSeconds").asLong()).isEqualTo(1);
		assertThat(streaming.path("timestamps").size()).isEqualTo(streaming.path("eventsPerSecond").size())
			.isEqualTo(streaming.path("retainedWalBytes").size());

		this.api.call("POST", "/api/connectors/" + NAME + "/pause", null, 200);
		JsonNode paused = awaitSamples(Instant.now(), false, (rate, bytes) -> rate == null && bytes != null);
		this.api.call("POST", "/api/connectors/" + NAME + "/resume", null, 200);
		awaitAvailable();
		JsonNode resumed = awaitSamples(Instant.now(), true,
				(rate, bytes) -> rate != null && rate > 0 && bytes != null);
		System.out.printf("History of %s after %d rows: streaming %s, paused %s, resumed %s%n", NAME, this.written,
				streaming.path("eventsPerSecond"), paused.path("eventsPerSecond"), resumed.path("eventsPerSecond"));

		this.browser = HeadlessChromium.start();
		TestLogins.VIEWER.logIn(this.browser, "http://127.0.0.1:" + this.port);
		this.browser.get("http://127.0.0.1:" + this.port + "/");
		WebElement events = drawn("eventsPerSecond", 2);
		WebElement wal = drawn("retainedWalBytes", 1);
		assertThat(events.getDomAttribute("aria-label"))
			.matches("Events/s, last 10 min: latest [0-9.]+ events/s, max [0-9.]+ events/s")
			.doesNotContain("max 0.0 events/s");
		assertThat(wal.getDomAttribute("aria-label"))
			.matches("Retained WAL, last 10 min: latest [0-9.]+ (bytes|KiB|MiB|GiB), max [0-9.]+ (bytes|KiB|MiB|GiB)");
		assertThat(events.findElement(By.tagName("title")).getDomProperty("textContent"))
			.isEqualTo(events.getDomAttribute("aria-label"));
		assertThat(events.findElements(By.tagName("text"))).extracting(WebElement::getText)
			.contains("last 10 min", "now")
			.anyMatch((label) -> label.startsWith("max "));
		assertThat(numbers(history(), "retainedWalBytes"))
			.as("the retained WAL the chart says is latest, one of the history's")
			.contains(Double.parseDouble(wal.getDomAttribute("data-latest")));
		((JavascriptExecutor) this.browser).executeScript("arguments[0].scrollIntoView({block: 'start'});",
				this.browser.findElement(By.cssSelector(SECTION)));
		HeadlessChromium.screenshot((TakesScreenshot) this.browser.findElement(By.cssSelector(SECTION)),
				"bridge-charts");
		System.out.printf("Charts drawn %d s after the first streaming samples were awaited%n",
				Duration.between(begun, Instant.now()).toSeconds());
	}

	/**
	 * Write rows (or not) until three samples taken after {@code since} have figures that
	 * match.
	 */
	private JsonNode awaitSamples(Instant since, boolean writing, BiPredicate<Double, Long> matches) {
		return await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
			if (writing) {
				writeRows(20);
			}
			return history();
		}, (history) -> {
			int matching = 0;
			for (int i = 0; i < history.path("timestamps").size(); i++) {
				JsonNode rate = history.path("eventsPerSecond").get(i);
				JsonNode bytes = history.path("retainedWalBytes").get(i);
				if (Instant.parse(history.path("timestamps").get(i).asString()).isAfter(since) && matches
					.test(rate.isNumber() ? rate.asDouble() : null, bytes.isNumber() ? bytes.asLong() : null)) {
					matching++;
				}
			}
			return matching >= 3;
		});
	}

	private void awaitAvailable() {
		assertThat(this.api.call("GET", "/api/connectors/" + NAME + "/wait?timeout=60s", null, 200)
			.path("status")
			.asString()).isEqualTo("available");
	}

	/**
	 * The chart's svg once its line has at least {@code lines} parts (a part a run of
	 * samples without a gap) and its latest sample a figure.
	 */
	private WebElement drawn(String chart, int lines) {
		String svg = SECTION + " figure.chart[data-chart=" + chart + "] svg";
		return await().atMost(TIMEOUT)
			.ignoreExceptions()
			.until(() -> this.browser.findElement(By.cssSelector(svg)),
					(element) -> element.findElement(By.cssSelector("path.line"))
						.getDomAttribute("d")
						.split("M", -1).length - 1 >= lines && !element.getDomAttribute("data-latest").isEmpty());
	}

	private JsonNode history() {
		return this.api.call("GET", "/api/connectors/" + NAME + "/history", null, 200);
	}

	private static Stream<Double> numbers(JsonNode history, String series) {
		return history.path(series).valueStream().filter(JsonNode::isNumber).map(JsonNode::asDouble);
	}

	private void writeRows(int count) {
		this.monolith
			.sql("insert into charted_rows select i, 'row ' || i from generate_series(" + (this.written + 1) + ", "
					+ (this.written + count) + ") i")
			.update();
		this.written += count;
	}

}
