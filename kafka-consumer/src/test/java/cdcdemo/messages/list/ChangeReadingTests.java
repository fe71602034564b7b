package cdcdemo.messages.list;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cdcdemo.messages.list.DebeziumEnvelopes.Field;

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
import cdcdemo.testsupport.servers.RealServersExtension;
import static cdcdemo.messages.list.DebeziumEnvelopes.envelope;
import static cdcdemo.messages.list.DebeziumEnvelopes.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a reader of the list needs explained, read live from a real broker: the first
 * event after a schema change (marked, with the difference), TOASTed values PostgreSQL
 * did not send, a truncate, and the three records of a primary key update. Checked in the
 * JSON API, the server-rendered page and, where Chromium is installed, the page as its
 * script renders it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "messages.topics=monolith.public.users", "messages.discovery-interval=200ms" })
@Tag("system")
@RealServers(kafka = true, shared = false)
class ChangeReadingTests {

	private static final String USERS = "monolith.public.users";

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String SCHEMA_CHANGE = "schema changed: + phone, + bio, − nickname, age: int32 → int64";

	static TopicWriter kafka;

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder().authenticator(TestLogins.ADMIN.authenticator()).build();

	/**
	 * Offsets: 0 create and 1 update under the old schema; 2 the first event after
	 * {@code ALTER TABLE} (+ phone, − nickname, age widened), 3 an update under the new
	 * schema leaving a TOASTed bio unsent; 4..6 the key 1 → 2 update (delete, tombstone,
	 * create); 7 a truncate.
	 */
	@BeforeAll
	static void startKafkaWithRecords() throws Exception {
		kafka = TopicWriter.to(RealServersExtension.kafka().bootstrapServers());
		kafka.createTopics(USERS);
		List<Field> before = new ArrayList<>(DebeziumEnvelopes.USERS);
		before.add(Field.of("nickname", "string", true));
		before.add(Field.of("age", "int32", true));
		List<Field> after = new ArrayList<>(DebeziumEnvelopes.USERS);
		after.add(Field.of("age", "int64", true));
		after.add(Field.of("phone", "string", true));
		after.add(Field.of("bio", "string", true));
		kafka.send(USERS, key(1), envelope(before, "c", "null", "{\"id\":1,\"first_name\":\"Ada\",\"age\":36}"));
		kafka.send(USERS, key(1), envelope(before, "u", "{\"id\":1,\"first_name\":\"Ada\",\"age\":36}",
				"{\"id\":1,\"first_name\":\"Ada\",\"age\":37}"));
		kafka.send(USERS, key(1), envelope(after, "u", "{\"id\":1,\"first_name\":\"Ada\",\"age\":37,\"bio\":\"x\"}",
				"{\"id\":1,\"first_name\":\"Ada\",\"age\":37,\"phone\":\"555\",\"bio\":\"long text\"}"));
		kafka.send(USERS, key(1), envelope(after, "u", "{\"id\":1,\"first_name\":\"Ada\",\"bio\":\"long text\"}",
				"{\"id\":1,\"first_name\":\"Augusta\",\"bio\":\"__debezium_unavailable_value\"}"));
		kafka.send(USERS, key(1), envelope(after, "d", "{\"id\":1,\"first_name\":\"Augusta\"}", "null"),
				Map.of(ChangeDescription.NEW_KEY_HEADER, "{\"id\":2}"));
		kafka.send(USERS, key(1), null);
		kafka.send(USERS, key(2), envelope(after, "c", "null", "{\"id\":2,\"first_name\":\"Augusta\"}"),
				Map.of(ChangeDescription.OLD_KEY_HEADER, "{\"id\":1}"));
		kafka.send(USERS, null, envelope(after, "t", "null", "null"));
	}

	@AfterAll
	static void stopKafka() {
		if (kafka != null) {
			kafka.close();
		}
	}

	@DynamicPropertySource
	static void kafkaProperties(DynamicPropertyRegistry registry) {
		registry.add("messages.bootstrap-servers", () -> kafka.bootstrapServers());
	}

	@Test
	void explainsSchemaChangesToastTruncatesAndKeyChangesInTheJsonApi() throws Exception {
		List<JsonNode> newestFirst = await().atMost(TIMEOUT).until(this::live, (messages) -> messages.size() == 8);

		assertThat(newestFirst).extracting((m) -> m.path("schemaChange").path("summary").asString(""))
			.containsExactly("", "", "", "", "", SCHEMA_CHANGE, "", "");
		JsonNode changed = newestFirst.get(5).get("schemaChange");
		assertThat(changed.get("added").toString()).isEqualTo("[\"phone\",\"bio\"]");
		assertThat(changed.get("changed").get(0).get("before").asString()).isEqualTo("int32");
		JsonNode toast = newestFirst.get(4);
		JsonNode bio = column(toast, "bio");
		assertThat(bio.get("after").asString()).isEqualTo("unchanged, not sent by PostgreSQL");
		assertThat(bio.get("afterNotSent").asBoolean()).isTrue();
		assertThat(bio.get("changed").asBoolean()).isFalse();
		assertThat(column(toast, "first_name").get("changed").asBoolean()).isTrue();
		assertThat(newestFirst).extracting((m) -> m.path("summary").asString(""))
			.containsExactly("table truncated: public.users", "key changed from {\"id\":1}",
					"tombstone (compaction marker for key {\"id\":1})", "key changed to {\"id\":2}", "", "", "", "");
		assertThat(newestFirst.get(0).get("label").asString()).isEqualTo("table truncated");
	}

	@Test
	void marksTheSchemaChangeOnTheServerRenderedPage() throws Exception {
		await().atMost(TIMEOUT).until(this::live, (messages) -> messages.size() == 8);

		String page = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/")).build(),
					BodyHandlers.ofString())
			.body();

		assertThat(page).contains("<summary class=\"schema-change-summary\">" + SCHEMA_CHANGE + "</summary>")
			.contains("<td class=\"what\">added</td>")
			.contains("table truncated: public.users")
			.contains("unchanged, not sent by PostgreSQL");
	}

	@Test
	void marksTheSchemaChangeInTheBrowser() {
		WebDriver browser = HeadlessChromium.start(800, 600);
		try {
			TestLogins.VIEWER.logIn(browser, "http://127.0.0.1:" + this.port);
			browser.get("http://127.0.0.1:" + this.port + "/");
			WebElement marked = await().atMost(TIMEOUT)
				.ignoreExceptions()
				.until(() -> browser.findElement(By.cssSelector("#events li.event[data-id][data-offset='2']")),
						(element) -> !element.findElements(By.cssSelector(".schema-change")).isEmpty());
			assertThat(browser.findElements(By.cssSelector("#events li.event[data-id] .schema-change"))).hasSize(1);
			WebElement change = marked.findElement(By.cssSelector(".schema-change"));
			assertThat(change.findElement(By.tagName("summary")).getText()).isEqualTo(SCHEMA_CHANGE);
			change.findElement(By.tagName("summary")).click();
			assertThat(change.findElement(By.cssSelector("tr[data-field='age'] .what")).getText())
				.isEqualTo("type changed");
			assertThat(change.findElement(By.cssSelector("tr[data-field='nickname'] .what")).getText())
				.isEqualTo("removed");
			WebElement toast = browser.findElement(By.cssSelector("#events li.event[data-id][data-offset='3']"));
			assertThat(toast.findElement(By.cssSelector("tr[data-column='bio'] td.after")).getText())
				.isEqualTo("unchanged, not sent by PostgreSQL");
			assertThat(toast.findElement(By.cssSelector("tr[data-column='bio']")).getAttribute("class"))
				.doesNotContain("changed");
			assertThat(browser.findElement(By.cssSelector("#events li.event[data-offset='7'] .summary")).getText())
				.isEqualTo("table truncated: public.users");
			assertThat(browser.findElement(By.cssSelector("#events li.event[data-offset='4'] .summary")).getText())
				.isEqualTo("key changed to {\"id\":2}");
		}
		finally {
			browser.quit();
		}
	}

	private List<JsonNode> live() throws IOException, InterruptedException {
		String body = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/messages")).build(),
					BodyHandlers.ofString())
			.body();
		List<JsonNode> messages = new ArrayList<>();
		this.json.readTree(body).forEach(messages::add);
		return messages;
	}

	private static JsonNode column(JsonNode message, String name) {
		for (JsonNode column : message.get("columns")) {
			if (column.get("name").asString().equals(name)) {
				return column;
			}
		}
		throw new AssertionError("no column " + name + " in " + message);
	}

}
