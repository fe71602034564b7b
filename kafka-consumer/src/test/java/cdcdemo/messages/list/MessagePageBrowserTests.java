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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasPermissions;
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
import static cdcdemo.messages.list.ChangeEventRecords.key;
import static cdcdemo.messages.list.ChangeEventRecords.keyOnly;
import static cdcdemo.messages.list.ChangeEventRecords.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The page in headless Chromium (Debian's chromium and chromium-driver) against a real
 * broker: change events as diffs, the JSON tree, live arrival and pause, filters,
 * masking, a key's history, hostile text, malformed and huge values, paging back through
 * another topic. Screenshots of the main views go to {@code target/screenshots} (or
 * {@code -Dscreenshots.dir}), named {@code message-list-*}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "messages.topics=monolith.public.users", "messages.discovery-interval=200ms" })
@Tag("system")
@RealServers(kafka = true, shared = false)
class MessagePageBrowserTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String USERS = "monolith.public.users";

	private static final String ORDERS = "monolith.public.orders";

	private static final String HOSTILE = "<script>alert(1)</script>";

	static TopicWriter kafka;

	static WebDriver browser;

	private final Path screenshots = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));

	@LocalServerPort
	int port;

	@BeforeAll
	static void startKafkaAndBrowser() throws Exception {
		browser = HeadlessChromium.start();
		kafka = TopicWriter.to(RealServersExtension.kafka().bootstrapServers());
		kafka.createTopics(USERS, ORDERS);
		kafka.send(USERS, key(1), event("r", "null", row(1, "Ada", "ada@example.com")));
		kafka.send(USERS, key(2), event("c", "null", row(2, "Grace", "grace@example.com")),
				Map.of("origin", "browser-test"));
		kafka.send(USERS, key(2),
				event("u", row(2, "Grace", "grace@example.com"), row(2, "Grace", "hopper@example.com")));
		kafka.send(USERS, key(2), event("u", "null", row(2, "Amazing Grace", "hopper@example.com")));
		kafka.send(USERS, key(2), event("d", keyOnly(2), "null"));
		kafka.send(USERS, key(2), null);
		kafka.send(USERS, key(3), event("c", "null", row(3, HOSTILE, "mallory@example.com")));
		kafka.send(USERS, "not a json key", "not json {<b>" + HOSTILE);
		kafka.send(USERS, key(4), "{\"huge\":\"" + "z".repeat(200_000) + "\"}");
		// 5 ms apart, and the one at offset 100 on a whole second: its instant is written
		// without a fraction ("...:07Z"), and the 19 newer ones of the same second must
		// still
		// come above it (as text, "...:07Z" sorts after "...:07.005Z")
		Instant wholeSecond = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
		for (int id = 1; id <= 120; id++) {
			long timestamp = wholeSecond.plusMillis(5L * (id - 101)).toEpochMilli();
			kafka.send(new ProducerRecord<>(ORDERS, null, timestamp, "{\"payload\":{\"id\":" + id + "}}",
					event("orders", "c", "null", "{\"id\":" + id + ",\"total\":" + id + "}")));
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
	void openThePage() {
		// the class's tests share the browser, which logs in once and keeps the session
		if (browser.manage().getCookieNamed("MESSAGES_SESSION") == null) {
			TestLogins.ADMIN.logIn(browser, "http://127.0.0.1:" + this.port);
		}
		browser.get("http://127.0.0.1:" + this.port + "/");
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(browser.findElement(By.id("live")).getAttribute("data-state")).isEqualTo("live");
			assertThat(browser.findElements(By.cssSelector("#events li.event[data-id]")))
				.hasSizeGreaterThanOrEqualTo(9);
		});
	}

	@Test
	void showsEachChangeWithItsBadgePositionAndBeforeAfterDiff() {
		WebElement update = item("u", 2);
		assertThat(update.findElement(By.cssSelector(".badge")).getText()).isEqualTo("update");
		assertThat(update.findElement(By.cssSelector(".table")).getText()).isEqualTo("public.users");
		assertThat(update.findElement(By.cssSelector(".position")).getText()).contains("LSN 22195224")
			.contains("tx 729");
		assertThat(update.findElement(By.cssSelector(".lag")).getText()).isEqualTo("lag 190 ms");
		assertThat(update.findElements(By.cssSelector("tr.changed")))
			.extracting((row) -> row.getAttribute("data-column"))
			.containsExactly("email");
		assertThat(update.findElement(By.cssSelector("tr.changed td.before")).getText()).isEqualTo("grace@example.com");
		assertThat(update.findElement(By.cssSelector("tr.changed td.after")).getText()).isEqualTo("hopper@example.com");

		WebElement updateWithoutBefore = item("u", 3);
		assertThat(updateWithoutBefore.findElement(By.cssSelector(".before-note")).getText())
			.contains("replica identity");
		assertThat(updateWithoutBefore.findElements(By.cssSelector("thead th"))).extracting(WebElement::getText)
			.containsExactly("column", "after");

		WebElement delete = item("d", 4);
		assertThat(delete.findElement(By.cssSelector(".before-note")).getText()).contains("Only the primary key");
		assertThat(delete.findElements(By.cssSelector("tbody tr"))).extracting((row) -> row.getAttribute("data-column"))
			.containsExactly("id");
		assertThat(delete.getAttribute("class")).contains("has-tombstone");
		WebElement tombstone = item("tombstone", 5);
		assertThat(tombstone.getAttribute("class")).contains("paired-tombstone");
		assertThat(tombstone.getText()).contains("tombstone").contains("for the delete at offset 4");
		assertThat(item("c", 1).findElement(By.cssSelector(".headers")).getText()).contains("origin=browser-test");
		screenshot("message-list-changes", item("tombstone", 5));
	}

	@Test
	void showsNewEventsLiveWithoutReloadingAndHoldsThemBackWhilePaused() {
		((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
		kafka.send(USERS, key(50), event("c", "null", row(50, "Live", "live@example.com")));

		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(browser.findElement(By.cssSelector("#events li.event")).getText())
				.contains("live@example.com"));
		assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;")).isEqualTo(true);
		screenshot("message-list-live", browser.findElement(By.tagName("header")));

		browser.findElement(By.id("pause")).click();
		kafka.send(USERS, key(51), event("c", "null", row(51, "Held", "held@example.com")));
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(browser.findElement(By.id("pause")).getText()).isEqualTo("resume (1 new)"));
		assertThat(browser.findElement(By.id("events")).getText()).doesNotContain("held@example.com");
		browser.findElement(By.id("pause")).click();
		assertThat(browser.findElement(By.cssSelector("#events li.event")).getText()).contains("held@example.com");
		assertThat(browser.findElement(By.id("live")).getText()).isEqualTo("live");
	}

	@Test
	void showsTheValueAsATreeCollapsedToSchemaAndPayloadThatExpandsPerNode() {
		WebElement create = item("c", 1);
		List<WebElement> top = create.findElements(By.cssSelector(".tree > .node"));
		assertThat(top).extracting((node) -> node.getAttribute("data-name")).containsExactly("schema", "payload");
		assertThat(top).allSatisfy((node) -> assertThat(node.getAttribute("open")).isNull());
		assertThat(create.findElement(By.cssSelector(".tree")).getText()).doesNotContain("first_name");

		WebElement payload = top.get(1);
		payload.findElement(By.tagName("summary")).click();
		assertThat(find(payload, ".children > .leaf[data-name='ts_ns'] .v").getText())
			.as("an integer beyond 2^53 keeps its digits")
			.isEqualTo("1795577334190123457");
		WebElement after = find(payload, ".children > .node[data-name='after']");
		assertThat(after.getAttribute("open")).isNull();
		after.findElement(By.tagName("summary")).click();
		assertThat(find(after, ".leaf[data-name='first_name']").getText()).isEqualTo("first_name: \"Grace\"");
		WebElement email = after.findElement(By.cssSelector(".leaf[data-name='email'] .v"));
		assertThat(email.getAttribute("class")).contains("masked");
		screenshot("message-list-json-tree", create);

		payload.findElement(By.tagName("summary")).click();
		assertThat(after.isDisplayed()).isFalse();
		WebElement copy = create.findElement(By.cssSelector("button.copy"));
		assertThat(copy.getText()).isEqualTo("copy raw JSON");
		((HasPermissions) browser).setPermission("clipboard-read", "granted");
		copy.click();
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(copy.getText()).isEqualTo("copied"));
		Object copied = ((JavascriptExecutor) browser).executeAsyncScript(
				"navigator.clipboard.readText().then(arguments[0], (e) => arguments[0]('denied: ' + e));");
		assertThat(copied).asString().startsWith("{\"schema\"").contains("\"first_name\":\"Grace\"");
	}

	@Test
	void masksEmailsUntilTheViewerRevealsThem() {
		WebElement email = item("c", 1).findElement(By.cssSelector("tr[data-column='email'] td.after span"));
		assertThat(email.getAttribute("class")).contains("masked");
		assertThat(email.getCssValue("filter")).startsWith("blur");
		assertThat(item("c", 1).findElement(By.cssSelector("tr[data-column='first_name'] td.after span"))
			.getCssValue("filter")).isEqualTo("none");

		browser.findElement(By.id("reveal")).click();
		assertThat(email.getCssValue("filter")).isEqualTo("none");
		browser.findElement(By.id("reveal")).click();
		assertThat(email.getCssValue("filter")).startsWith("blur");
		email.click();
		assertThat(email.getCssValue("filter")).isEqualTo("none");
	}

	@Test
	void filtersByOperationKeyAndText() {
		new Select(browser.findElement(By.id("filter-op"))).selectByValue("d");
		assertThat(visibleItems()).extracting((item) -> item.getAttribute("data-op")).containsExactly("d");
		new Select(browser.findElement(By.id("filter-op"))).selectByValue("");

		browser.findElement(By.id("filter-key")).sendKeys("\"id\":2");
		assertThat(visibleItems()).extracting((item) -> item.getAttribute("data-offset"))
			.containsExactly("5", "4", "3", "2", "1");
		browser.findElement(By.id("filter-text")).sendKeys("HOPPER@");
		assertThat(visibleItems()).extracting((item) -> item.getAttribute("data-offset")).containsExactly("3", "2");
		assertThat(browser.findElement(By.id("count")).getText()).startsWith("2 of ");
		screenshot("message-list-filter", browser.findElement(By.tagName("header")));
	}

	@Test
	void showsEveryEventOfAKeyInOrderWhenTheKeyIsClicked() {
		item("c", 1).findElement(By.cssSelector(".key-link")).click();

		await().atMost(TIMEOUT).untilAsserted(() -> {
			WebElement history = browser.findElement(By.id("history"));
			assertThat(history.isDisplayed()).isTrue();
			assertThat(history.findElements(By.cssSelector("#history-events > li")))
				.extracting((item) -> item.findElement(By.cssSelector(".badge")).getText())
				.containsExactly("create", "update", "update", "delete", "tombstone");
		});
		assertThat(browser.findElement(By.id("history-key")).getText()).isEqualTo("{\"id\":2}");
		assertThat(browser.findElement(By.id("history-summary")).getText()).startsWith("5 events of this key");
		screenshot("message-list-history", browser.findElement(By.id("history")));
		browser.findElement(By.id("history-close")).click();
		assertThat(browser.findElement(By.id("history")).isDisplayed()).isFalse();
	}

	@Test
	void showsAHostileNameAsTextEverywhere() {
		WebElement hostile = item("c", 6);
		assertThat(hostile.findElement(By.cssSelector("tr[data-column='first_name'] td.after")).getText())
			.isEqualTo(HOSTILE);
		hostile.findElement(By.cssSelector(".node[data-name='payload'] > summary")).click();
		find(hostile, ".node[data-name='after'] > summary").click();
		assertThat(find(hostile, ".leaf[data-name='first_name'] .v").getText()).isEqualTo("\"" + HOSTILE + "\"");
		hostile.findElement(By.cssSelector(".key-link")).click();
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#history-events td.after")))
				.extracting(WebElement::getText)
				.contains(HOSTILE));

		assertThat(browser.findElements(By.tagName("script")))
			.as("the page's own scripts, no script of the hostile name")
			.extracting((script) -> script.getDomAttribute("src"))
			.containsExactly("/messages.js", "/reactions.js");
		assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> browser.switchTo().alert());
		assertThat(item("raw", 7).findElement(By.cssSelector("pre.raw")).getText())
			.isEqualTo("not json {<b>" + HOSTILE);
		assertThat(browser.findElements(By.tagName("b"))).isEmpty();
	}

	@Test
	void showsMalformedAndHugeValuesRawAndWholeOnRequest() {
		WebElement malformed = item("raw", 7);
		assertThat(malformed.findElement(By.cssSelector(".badge")).getText()).isEqualTo("raw");
		assertThat(malformed.findElement(By.cssSelector(".malformed-note")).getText()).contains("not a change event");
		assertThat(malformed.findElement(By.cssSelector(".key-value")).getText()).isEqualTo("not a json key");

		WebElement huge = item("raw", 8);
		assertThat(huge.findElement(By.cssSelector(".truncated-note")).getText())
			.contains("showing 10000 of 200011 characters");
		assertThat(huge.findElement(By.cssSelector("pre.raw")).getText()).hasSizeLessThan(10_001);
		screenshot("message-list-malformed", malformed);
		huge.findElement(By.cssSelector("button.show-all")).click();
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(huge.findElement(By.cssSelector(".truncated-note")).getText())
				.contains("200011 characters"));
		assertThat(find(huge, ".tree .leaf[data-name='huge'] .v").getText()).hasSize(200_002);
	}

	@Test
	void switchesToAnotherCdcTopicAndPagesBackThroughItsOffsets() {
		Select topics = new Select(browser.findElement(By.id("topic-select")));
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(topics.getOptions()).extracting(WebElement::getText).contains(ORDERS));
		topics.selectByValue(ORDERS);

		// the app reads the topic live from its end when it is chosen: the first page,
		// the
		// newest 50, is read from Kafka, newest first, and what arrives after goes on top
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(browser.getCurrentUrl()).contains("topic=" + ORDERS);
			assertThat(browser.findElements(By.cssSelector("#events li.event"))).hasSizeGreaterThanOrEqualTo(50);
			assertThat(browser.findElement(By.cssSelector("#events li.event")).getAttribute("data-offset"))
				.isEqualTo("119");
		});
		WebElement older = browser.findElement(By.id("load-older"));
		await().atMost(TIMEOUT).untilAsserted(() -> {
			((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView();", older);
			if (older.isEnabled()) {
				older.click();
			}
			assertThat(browser.findElements(By.cssSelector("#events li.event"))).hasSize(120);
			assertThat(older.getText()).isEqualTo("beginning of the topic reached");
		});
		List<WebElement> items = browser.findElements(By.cssSelector("#events li.event"));
		assertThat(items.get(items.size() - 1).getAttribute("data-offset")).isEqualTo("0");
		assertThat(items).allSatisfy((item) -> assertThat(item.getAttribute("data-topic")).isEqualTo(ORDERS));

		kafka.send(ORDERS, "{\"payload\":{\"id\":121}}", event("orders", "c", "null", "{\"id\":121,\"total\":1}"));
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(
					browser.findElement(By.cssSelector("#events li.event")).getAttribute("data-offset"))
				.isEqualTo("120"));
	}

	private static WebElement item(String op, long offset) {
		return await().atMost(TIMEOUT)
			.ignoreExceptions()
			.until(() -> browser.findElement(By.cssSelector("#events li.event[data-op='" + op + "'][data-offset='"
					+ offset + "'][data-topic='" + USERS + "']")), (element) -> element != null);
	}

	private static WebElement find(WebElement parent, String css) {
		return await().atMost(TIMEOUT)
			.ignoreExceptions()
			.until(() -> parent.findElement(By.cssSelector(css)), (element) -> element != null);
	}

	private static List<WebElement> visibleItems() {
		return browser.findElements(By.cssSelector("#events li.event"))
			.stream()
			.filter(WebElement::isDisplayed)
			.toList();
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
