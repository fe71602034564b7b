package cdcdemo.messages.list;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cdcdemo.testsupport.TestLogins;
import cdcdemo.testsupport.kafka.TopicWriter;
import cdcdemo.testsupport.servers.RealServers;
import cdcdemo.testsupport.servers.RealServersExtension;
import static cdcdemo.messages.list.ChangeEventRecords.event;
import static cdcdemo.messages.list.ChangeEventRecords.key;
import static cdcdemo.messages.list.ChangeEventRecords.keyOnly;
import static cdcdemo.messages.list.ChangeEventRecords.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Browsing what the in-memory list does not hold, against a real broker: pages of older
 * offsets, a key's history, whole values, the topic list; and the filters and masking
 * marks of the JSON API. The app keeps only five records per topic in memory, so
 * everything older must come from Kafka.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "messages.topics=monolith.public.users", "messages.capacity=5",
				"messages.discovery-interval=200ms" })
@Tag("system")
@RealServers(kafka = true, shared = false)
class MessageBrowsingTests {

	private static final String USERS = "monolith.public.users";

	private static final String ORDERS = "monolith.public.orders";

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	static TopicWriter kafka;

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder().authenticator(TestLogins.ADMIN.authenticator()).build();

	/**
	 * Users 1..40 created (offsets 0..39); user 7 updated twice and deleted, with its
	 * tombstone (40..43); a record that is not JSON (44), a huge one (45), and user 41
	 * created (46).
	 */
	@BeforeAll
	static void startKafkaWithRecords() throws Exception {
		kafka = TopicWriter.to(RealServersExtension.kafka().bootstrapServers());
		kafka.createTopics(USERS, ORDERS, "cdc-bridge-offsets", "heartbeat.monolith", "monolith.public.users.DLT");
		for (long id = 1; id <= 40; id++) {
			kafka.send(USERS, key(id), event("c", "null", row(id, "User " + id, "user" + id + "@example.com")));
		}
		kafka.send(USERS, key(7), event("u", "null", row(7, "Grace", "user7@example.com")), Map.of("origin", "test"));
		kafka.send(USERS, key(7),
				event("u", row(7, "Grace", "user7@example.com"), row(7, "Grace", "grace@example.com")));
		kafka.send(USERS, key(7), event("d", keyOnly(7), "null"));
		kafka.send(USERS, key(7), null);
		kafka.send(USERS, "not a json key", "not json {<b>");
		kafka.send(USERS, key(99), "z".repeat(300_000));
		kafka.send(USERS, key(41), event("c", "null", row(41, "Last", "last@example.com")));
		kafka.send(ORDERS, "{\"payload\":{\"id\":1}}", event("orders", "c", "null", "{\"id\":1,\"total\":12}"));
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
	void keepsOnlyTheNewestInMemoryAndKeepsReadingPastAHugeAndAMalformedValue() throws Exception {
		List<JsonNode> live = await().atMost(TIMEOUT)
			.until(() -> array("/api/messages"),
					(messages) -> !messages.isEmpty() && messages.get(0).get("offset").asLong() == 46);
		assertThat(live).extracting((m) -> m.get("offset").asLong()).containsExactly(46L, 45L, 44L, 43L, 42L);

		JsonNode huge = live.get(1);
		assertThat(huge.get("truncated").asBoolean()).isTrue();
		assertThat(huge.get("value").isNull()).isTrue();
		assertThat(huge.get("valueLength").asInt()).isEqualTo(300_000);
		assertThat(huge.get("display").asString()).hasSize(MessageMapper.MAX_DISPLAY_LENGTH);
		JsonNode malformed = live.get(2);
		assertThat(malformed.get("malformed").asBoolean()).isTrue();
		assertThat(malformed.get("value").asString()).isEqualTo("not json {<b>");
		assertThat(malformed.get("error").asString()).contains("not JSON");
	}

	@Test
	void servesAWholeHugeValueFromKafkaAsPlainText() throws Exception {
		HttpResponse<String> value = get("/api/value?topic=" + USERS + "&partition=0&offset=45");

		assertThat(value.statusCode()).isEqualTo(200);
		assertThat(value.body()).hasSize(300_000);
		assertThat(value.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		assertThat(value.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(get("/api/value?topic=" + USERS + "&partition=0&offset=43").statusCode()).isEqualTo(204);
		assertThat(get("/api/value?topic=" + USERS + "&partition=0&offset=4711").statusCode()).isEqualTo(404);
	}

	@Test
	void pagesBackwardsThroughOffsetsReadFromKafka() throws Exception {
		JsonNode newest = object("/api/messages?topic=" + USERS + "&partition=0&limit=20");
		assertThat(offsets(newest)).containsExactlyElementsOf(range(46, 27));
		assertThat(newest.get("nextBefore").asLong()).isEqualTo(27);
		assertThat(newest.get("end").asLong()).isEqualTo(47);

		JsonNode older = object("/api/messages?topic=" + USERS + "&partition=0&limit=20&before=27");
		assertThat(offsets(older)).containsExactlyElementsOf(range(26, 7));
		JsonNode oldest = object("/api/messages?topic=" + USERS + "&partition=0&limit=20&before=7");
		assertThat(offsets(oldest)).containsExactly(6L, 5L, 4L, 3L, 2L, 1L, 0L);
		assertThat(oldest.get("nextBefore").isNull()).isTrue();
		assertThat(oldest.get("messages").get(6).get("op").asString()).isEqualTo("c");
	}

	@Test
	void filtersPagesByOperationTableKeyAndText() throws Exception {
		String page = "/api/messages?topic=" + USERS + "&partition=0&limit=50";

		assertThat(offsets(object(page + "&op=u,d"))).containsExactly(42L, 41L, 40L);
		assertThat(offsets(object(page + "&op=tombstone"))).containsExactly(43L);
		assertThat(offsets(object(page + "&op=raw"))).containsExactly(45L, 44L);
		assertThat(offsets(object(page + "&key=" + encode("\"id\":7")))).containsExactly(43L, 42L, 41L, 40L, 6L);
		assertThat(offsets(object(page + "&text=GRACE@example"))).containsExactly(41L);
		assertThat(offsets(object(page + "&table=orders"))).isEmpty();
		assertThat(offsets(object(page + "&table=public.users&text=user12@"))).containsExactly(11L);
		assertThat(array("/api/messages?op=d")).extracting((m) -> m.get("offset").asLong()).containsExactly(42L);
	}

	@Test
	void pagesWithAFilterThatMatchesLessThanAPageScanToTheBeginning() throws Exception {
		JsonNode page = object("/api/messages?topic=" + USERS + "&partition=0&limit=3&op=c");
		assertThat(offsets(page)).containsExactly(46L, 39L, 38L);
		assertThat(page.get("nextBefore").asLong()).isEqualTo(38);
	}

	@Test
	void showsTheHistoryOfOneKeyInOrderWithTheDiffOfEachChange() throws Exception {
		String path = "/api/history?topic=" + USERS + "&key=" + encode(key(7));
		JsonNode history = await().atMost(TIMEOUT)
			.until(() -> object(path), (read) -> read.get("scanned").asLong() == 0);
		JsonNode scanned = object(path + "&index=false");

		assertThat(history.get("complete").asBoolean()).isTrue();
		assertThat(history.get("indexed").asBoolean()).as("read at the offsets the key index gives").isTrue();
		assertThat(history.get("fetched").asLong()).isBetween(5L, 46L);
		assertThat(scanned.get("indexed").asBoolean()).isFalse();
		assertThat(scanned.get("scanned").asLong()).isEqualTo(47);
		assertThat(scanned.get("events")).isEqualTo(history.get("events"));
		assertThat(history.get("keyId").asString()).isEqualTo("{\"id\":7}");
		List<JsonNode> events = history.get("events").valueStream().toList();
		assertThat(events).extracting((m) -> m.get("label").asString())
			.containsExactly("create", "update", "update", "delete", "tombstone");
		assertThat(events.get(1).get("beforeNote").asString()).contains("replica identity");
		assertThat(events.get(1).get("headers").get(0).get("key").asString()).isEqualTo("origin");
		JsonNode email = column(events.get(2), "email");
		assertThat(email.get("changed").asBoolean()).isTrue();
		assertThat(email.get("masked").asBoolean()).isTrue();
		assertThat(email.get("before").asString()).isEqualTo("user7@example.com");
		assertThat(email.get("after").asString()).isEqualTo("grace@example.com");
		assertThat(column(events.get(2), "first_name").get("changed").asBoolean()).isFalse();
		assertThat(column(events.get(2), "first_name").get("masked").asBoolean()).isFalse();
		assertThat(events.get(3).get("beforeNote").asString()).contains("Only the primary key");
		assertThat(events.get(3).get("position").get("lagMs").asLong()).isEqualTo(190);
	}

	@Test
	void listsTheCdcTopicsAndRefusesOthers() throws Exception {
		List<JsonNode> topics = array("/api/topics");

		assertThat(topics).extracting((t) -> t.get("name").asString()).containsExactly(USERS, ORDERS);
		assertThat(topics.get(0).get("configured").asBoolean()).isTrue();
		assertThat(topics.get(1).get("partitions").asInt()).isEqualTo(1);
		assertThat(get("/api/messages?topic=cdc-bridge-offsets&partition=0").statusCode()).isEqualTo(404);
		assertThat(get("/api/history?topic=heartbeat.monolith&key=x").statusCode()).isEqualTo(404);
		assertThat(get("/api/messages?topic=" + USERS + "&partition=3").statusCode()).isEqualTo(404);
	}

	@Test
	void pagesAnotherTopicAndShowsItsPage() throws Exception {
		JsonNode orders = object("/api/messages?topic=" + ORDERS + "&partition=0");
		assertThat(orders.get("messages").get(0).get("table").asString()).isEqualTo("public.orders");

		HttpResponse<String> page = get("/?topic=" + ORDERS);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("data-topics=\"" + ORDERS + "\"");
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((csp) -> assertThat(csp).contains("script-src 'self'"));
		assertThat(get("/?topic=no.such.topic").statusCode()).isEqualTo(404);
	}

	@Test
	void rendersMaskedFieldsMarkedOnThePage() throws Exception {
		await().atMost(TIMEOUT).until(() -> get("/").body().contains("last@example.com"));
		String page = get("/").body();

		assertThat(page).contains("data-masked-fields=\"email\"");
		assertThat(page).containsPattern("<span class=\"masked ?\"[^>]*>last@example.com</span>");
		assertThat(page).containsPattern("<span class=\"\\s*\"[^>]*>Last</span>|<span>Last</span>");
	}

	@Test
	void neverJoinsAConsumerGroupWhileBrowsing() throws Exception {
		object("/api/messages?topic=" + USERS + "&partition=0&limit=5");
		object("/api/history?topic=" + USERS + "&key=" + encode(key(3)));
		get("/api/value?topic=" + USERS + "&partition=0&offset=1");
		try (Admin admin = kafka.admin()) {
			assertThat(admin.listGroups().all().get()).isEmpty();
		}
	}

	private static JsonNode column(JsonNode message, String name) {
		return message.get("columns")
			.valueStream()
			.filter((c) -> c.get("name").asString().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private static List<Long> offsets(JsonNode page) {
		return page.get("messages").valueStream().map((m) -> m.get("offset").asLong()).toList();
	}

	private static List<Long> range(long from, long downTo) {
		return java.util.stream.LongStream.iterate(from, (o) -> o >= downTo, (o) -> o - 1).boxed().toList();
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private List<JsonNode> array(String path) throws IOException, InterruptedException {
		JsonNode list = object(path);
		assertThat(list.isArray()).isTrue();
		return list.valueStream().toList();
	}

	private JsonNode object(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				BodyHandlers.ofString());
	}

}
