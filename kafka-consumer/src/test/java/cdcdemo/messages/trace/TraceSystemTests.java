package cdcdemo.messages.trace;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import cdcdemo.events.reactions.EventRef;
import cdcdemo.events.reactions.Reaction;
import cdcdemo.events.reactions.ReactionJson;
import cdcdemo.platform.kafka.KafkaServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cdcdemo.testsupport.HeadlessChromium;
import cdcdemo.testsupport.TestLogins;
import cdcdemo.testsupport.kafka.TopicWriter;
import cdcdemo.testsupport.servers.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trace of a change on a real broker: a change event on the users topic, the
 * consumers' reactions on the reactions topic (made after the message list started, as
 * when onboarding-service starts after it), the trace over HTTP with every hop in order
 * and timed, the reactions of a page of events, a 404 for an offset with no event; in
 * headless Chromium, the reactions under the event in the list, its trace link, and the
 * trace page, which shows a reaction that arrives while it is open.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "messages.topics=monolith.public.users", "messages.discovery-interval=200ms" })
@Tag("system")
@RealServers(kafka = true, shared = false)
class TraceSystemTests {

	private static final String USERS = "monolith.public.users";

	private static final String REACTIONS = "platform.reactions";

	private static final Instant COMMIT = Instant.parse("2026-12-01T10:00:00Z");

	private static KafkaServer kafka;

	private static TopicWriter writer;

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder().authenticator(TestLogins.VIEWER.authenticator()).build();

	@BeforeAll
	static void aChangeEvent(KafkaServer server) {
		kafka = server;
		writer = TopicWriter.to(kafka.bootstrapServers());
		writer.createTopic(USERS, 1);
		JsonMapper json = JsonMapper.builder().build();
		ObjectNode value = json.createObjectNode();
		ObjectNode payload = value.putObject("payload");
		payload.put("op", "c").put("ts_ms", COMMIT.plusMillis(40).toEpochMilli());
		payload.putObject("after").put("id", 7).put("email", "trace@example.com");
		payload.putObject("source")
			.put("schema", "public")
			.put("table", "users")
			.put("txId", 780)
			.put("lsn", 123456)
			.put("ts_ms", COMMIT.toEpochMilli());
		// the record's timestamp as the bridge's producer sets it, 55 ms after the commit
		writer.send(new ProducerRecord<>(USERS, 0, COMMIT.plusMillis(55).toEpochMilli(),
				"{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"field\":\"id\"}]},"
						+ "\"payload\":{\"id\":7}}",
				value.toString()));
	}

	@DynamicPropertySource
	static void kafkaProperties(DynamicPropertyRegistry registry) {
		registry.add("messages.bootstrap-servers", () -> kafka.bootstrapServers());
	}

	@AfterAll
	static void closeWriter() {
		writer.close();
	}

	@Test
	void tracesAChangeToItsReactionsOverHttpAndInTheBrowser() throws Exception {
		writer.createTopic(REACTIONS, 1);
		reaction("welcome-scheduled", 180, "welcome email scheduled for 10:00:05");
		reaction("count-changed", 90, "example.com: 1 user");

		JsonNode trace = await().atMost(Duration.ofSeconds(30))
			.until(() -> get("/api/trace?topic=" + USERS + "&partition=0&offset=0"),
					(answer) -> answer.path("hops").size() == 5);
		assertThat(trace.path("hops").findValuesAsString("name")).containsExactly("committed", "captured", "written",
				"count-changed", "welcome-scheduled");
		assertThat(trace.path("hops").findValues("sinceCommitMs")).extracting(JsonNode::asLong)
			.containsExactly(0L, 40L, 55L, 90L, 180L);
		assertThat(trace.path("totalMs").asLong()).isEqualTo(180);
		assertThat(trace.path("hops").get(4).path("summary").asString())
			.isEqualTo("welcome email scheduled for 10:00:05");
		assertThat(trace.path("change").path("txId").asLong()).isEqualTo(780);
		assertThat(trace.path("change").path("key").asString()).as("the key's payload, not its schema")
			.isEqualTo("{\"id\":7}");
		assertThat(trace.toString()).as("the trace shows no row value").doesNotContain("trace@example.com");

		JsonNode reactions = get("/api/reactions?topic=" + USERS + "&partition=0&offset=0&offset=1");
		assertThat(reactions.propertyNames()).containsExactly("0");
		assertThat(reactions.path("0").findValuesAsString("kind")).containsExactly("count-changed",
				"welcome-scheduled");

		HttpResponse<String> none = this.http.send(
				HttpRequest.newBuilder(URI.create(url("/api/trace?topic=" + USERS + "&partition=0&offset=99"))).build(),
				BodyHandlers.ofString());
		assertThat(none.statusCode()).isEqualTo(404);
		assertThat(none.body()).contains("no change event at monolith.public.users/0/99");

		WebDriver browser = HeadlessChromium.start(1280, 700);
		try {
			TestLogins.VIEWER.logIn(browser, url(""));
			browser.get(url("/"));
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
			wait.until((shown) -> texts(shown, "li.event[data-offset='0'] li.reaction .reaction-kind").size() == 2);
			assertThat(texts(browser, "li.event[data-offset='0'] li.reaction .reaction-kind"))
				.containsExactly("count-changed", "welcome-scheduled");
			HeadlessChromium.screenshot((TakesScreenshot) browser, "messages-reactions");
			browser.findElement(By.cssSelector("li.event[data-offset='0'] .trace-link")).click();
			wait.until((shown) -> shown.getCurrentUrl().contains("/trace?"));
			assertThat(browser.findElement(By.id("trace-event")).getText()).isEqualTo("create public.users {\"id\":7}");
			assertThat(browser.findElement(By.tagName("header")).getText())
				.contains("Record monolith.public.users/0/0");
			assertThat(hops(browser)).containsExactly("committed", "captured", "written", "count-changed",
					"welcome-scheduled");
			reaction("email-sent", 5_180, "Welcome email sent to user 7");
			wait.until((shown) -> hops(shown).size() == 6);
			assertThat(texts(browser, "tr[data-hop='email-sent'] .hop-commit")).containsExactly("5180 ms");
			HeadlessChromium.screenshot((TakesScreenshot) browser, "messages-trace");
		}
		finally {
			browser.quit();
		}
	}

	private static List<String> hops(WebDriver browser) {
		return texts(browser, "#trace tbody tr.hop .hop-name");
	}

	/**
	 * The texts of what a selector finds, read in one script: the page redraws its rows
	 * every few seconds, so elements looked up one call before may be gone the next.
	 */
	@SuppressWarnings("unchecked")
	private static List<String> texts(WebDriver browser, String selector) {
		return (List<String>) ((JavascriptExecutor) browser).executeScript(
				"return Array.from(document.querySelectorAll(arguments[0])).map((e) => e.textContent.trim());",
				selector);
	}

	private void reaction(String kind, long afterCommitMs, String summary) {
		EventRef event = new EventRef(USERS, 0, 0, 123456L, 780L);
		Reaction reaction = Reaction.of(event, kind.equals("count-changed") ? "domain-stats" : "onboarding-service",
				kind, COMMIT.plusMillis(afterCommitMs), summary, Map.of("userId", 7));
		writer.send(REACTIONS, ReactionJson.key(event), ReactionJson.value(reaction));
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(url(path))).header("Accept", "application/json").build(),
				BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
