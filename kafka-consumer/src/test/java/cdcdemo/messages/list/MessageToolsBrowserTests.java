package cdcdemo.messages.list;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cdcdemo.testsupport.HeadlessChromium;
import cdcdemo.testsupport.TestLogins;
import cdcdemo.testsupport.kafka.TopicWriter;
import cdcdemo.testsupport.servers.RealServers;
import cdcdemo.testsupport.servers.RealServersExtension;
import static cdcdemo.messages.list.ChangeEventRecords.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the Kafka UIs have, in headless Chromium against a real broker: seeking to an
 * offset or a time with the position kept in the address, and paging on from there.
 * Screenshots go to {@code target/screenshots} (or {@code -Dscreenshots.dir}), named
 * {@code message-tools-*}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "messages.topics=monolith.public.users", "messages.discovery-interval=200ms" })
@Tag("system")
@RealServers(kafka = true, shared = false)
class MessageToolsBrowserTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String USERS = "monolith.public.users";

	private static final String ORDERS = "monolith.public.orders";

	private static final String PAYMENTS = "monolith.public.payments";

	/**
	 * Order {@code i} was written at this hour plus {@code i} minutes, to partition
	 * {@code i % 2}.
	 */
	private static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));

	static TopicWriter kafka;

	static WebDriver browser;

	private final Path screenshots = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));

	@LocalServerPort
	int port;

	@BeforeAll
	static void startKafkaAndBrowser() throws Exception {
		browser = HeadlessChromium.start();
		kafka = TopicWriter.to(RealServersExtension.kafka().bootstrapServers());
		kafka.createTopic(USERS, 1);
		kafka.createTopic(ORDERS, 2);
		for (int i = 0; i < 80; i++) {
			kafka.send(new ProducerRecord<>(ORDERS, i % 2, HOUR.plusSeconds(60L * i).toEpochMilli(),
					"{\"payload\":{\"id\":" + i + "}}", event("orders", "c", "null", "{\"id\":" + i + "}")));
		}
		kafka.createTopic(PAYMENTS, 1);
		for (int i = 0; i < 6; i++) {
			kafka.send(PAYMENTS, "{\"payload\":{\"id\":" + (100 + i) + "}}",
					event("payments", "c", "null", "{\"id\":" + (100 + i) + "}"),
					Map.of("origin", (i % 3 == 0) ? "web" : "batch", "traceparent", "00-trace" + i + "-01"));
		}
	}

	@AfterAll
	static void stopBrowserAndKafka() {
		if (browser != null) {
			browser.quit();
		}
		if (kafka != null) {
			kafka.close();
		}
	}

	@DynamicPropertySource
	static void kafkaProperties(DynamicPropertyRegistry registry) {
		registry.add("messages.bootstrap-servers", () -> kafka.bootstrapServers());
	}

	@BeforeEach
	void logIn() {
		// the class's tests share the browser, which logs in once and keeps the session
		if (browser.manage().getCookieNamed("MESSAGES_SESSION") == null) {
			TestLogins.ADMIN.logIn(browser, url(""));
		}
	}

	@Test
	void seeksToAnOffsetKeepsItInTheAddressAndReadsOnToTheEnd() {
		browser.get(url("/?topic=" + ORDERS));
		new Select(browser.findElement(By.id("seek-mode"))).selectByValue("offset");
		browser.findElement(By.id("seek-partition")).sendKeys("1");
		browser.findElement(By.id("seek-offset")).sendKeys("5");
		browser.findElement(By.id("seek-go")).click();

		await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
			assertThat(browser.getCurrentUrl()).endsWith("/?topic=" + ORDERS + "&seek=offset&partition=1&offset=5");
			assertThat(ids()).startsWith(11, 13, 15).hasSize(35);
		});
		assertThat(browser.findElement(By.id("live")).getAttribute("data-state")).isEqualTo("seek");
		WebElement first = browser.findElement(By.cssSelector("#events li.event"));
		assertThat(first.getAttribute("data-partition")).isEqualTo("1");
		assertThat(first.getAttribute("data-offset")).isEqualTo("5");
		screenshot("message-tools-seek-offset", browser.findElement(By.tagName("header")));

		String shared = browser.getCurrentUrl();
		browser.get("about:blank");
		browser.get(shared);
		await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(ids()).startsWith(11, 13, 15));
		assertThat(new Select(browser.findElement(By.id("seek-mode"))).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo("offset");
		assertThat(browser.findElement(By.id("seek-offset")).getAttribute("value")).isEqualTo("5");
	}

	@Test
	void seeksToATimeInEveryPartitionAndPagesForwardWithoutGaps() {
		browser.get(url("/?topic=" + ORDERS));
		new Select(browser.findElement(By.id("seek-mode"))).selectByValue("timestamp");
		Object local = ((JavascriptExecutor) browser)
			.executeScript("const d = new Date(arguments[0]); d.setMinutes(d.getMinutes() - d.getTimezoneOffset());"
					+ "return d.toISOString().slice(0, 16);", HOUR.plusSeconds(12 * 60).toString());
		((JavascriptExecutor) browser).executeScript("document.getElementById('seek-at').value = arguments[0];", local);
		browser.findElement(By.id("seek-go")).click();

		await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
			assertThat(browser.getCurrentUrl()).contains("seek=timestamp")
				.contains("from=" + HOUR.plusSeconds(12 * 60).toString().replace(":", "%3A").replace("Z", ".000Z"));
			assertThat(ids()).hasSizeGreaterThanOrEqualTo(50).startsWith(12, 13, 14);
		});
		WebElement newer = browser.findElement(By.id("load-older"));
		await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
			((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView();", newer);
			if (newer.isEnabled()) {
				newer.click();
			}
			assertThat(newer.getText()).isEqualTo("end of the topic reached");
		});
		assertThat(ids()).containsExactlyElementsOf(java.util.stream.IntStream.range(12, 80).boxed().toList());
		screenshot("message-tools-seek-time", browser.findElement(By.tagName("header")));
	}

	@Test
	void searchesHeadersAndKeysInTheBrowser() {
		browser.get(url("/?topic=" + PAYMENTS + "&seek=oldest"));
		await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(ids()).hasSize(6));

		browser.findElement(By.id("filter-header")).sendKeys("ORIGIN=web");
		assertThat(visibleIds()).containsExactly(100, 103);
		browser.findElement(By.id("filter-key")).sendKeys("\"id\":103");
		assertThat(visibleIds()).containsExactly(103);
		assertThat(browser.findElement(By.id("count")).getText()).startsWith("1 of 6");
		screenshot("message-tools-header-search", browser.findElement(By.tagName("header")));
		browser.findElement(By.id("filter-key")).clear();
		browser.findElement(By.id("filter-header")).clear();
		browser.findElement(By.id("filter-header")).sendKeys("trace4");
		assertThat(visibleIds()).containsExactly(104);
	}

	@Test
	void exportsWhatTheFiltersSelectFromThePositionSought() {
		browser.get(url("/?topic=" + PAYMENTS + "&seek=offset&partition=0&offset=1"));
		await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(ids()).hasSize(5));
		browser.findElement(By.id("filter-header")).sendKeys("origin=batch");

		WebElement csv = browser.findElement(By.id("export-csv"));
		assertThat(csv.getAttribute("href")).contains("api/export?topic=" + PAYMENTS)
			.contains("seek=offset&partition=0&offset=1")
			.contains("header=origin%3Dbatch")
			.contains("format=csv");
		Object exported = ((JavascriptExecutor) browser).executeAsyncScript(
				"fetch(arguments[0]).then((r) => r.text()).then(arguments[1], (e) => arguments[1]('failed: ' + e));",
				browser.findElement(By.id("export-jsonl")).getAttribute("href"));
		List<String> lines = List.of(exported.toString().split("\n"));
		assertThat(lines).hasSize(4).allSatisfy((line) -> assertThat(line).contains("\"origin\":\"batch\""));
		assertThat(lines).extracting((line) -> line.replaceAll(".*\"offset\":(\\d+).*", "$1"))
			.containsExactly("1", "2", "4", "5");
		screenshot("message-tools-export", browser.findElement(By.tagName("header")));
	}

	private static List<Integer> visibleIds() {
		return browser.findElements(By.cssSelector("#events li.event"))
			.stream()
			.filter(WebElement::isDisplayed)
			.map((item) -> Integer.parseInt(item.getAttribute("data-key").replaceAll("\\D", "")))
			.toList();
	}

	private static List<Integer> ids() {
		return browser.findElements(By.cssSelector("#events li.event"))
			.stream()
			.map((item) -> Integer.parseInt(item.getAttribute("data-key").replaceAll("\\D", "")))
			.toList();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private void screenshot(String name, WebElement shown) {
		((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'start'});", shown);
		try {
			Files.createDirectories(this.screenshots);
			byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
			Files.write(this.screenshots.resolve(name + ".png"), png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
