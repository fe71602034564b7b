package cdcdemo.messages;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cdcdemo.platform.kafka.KafkaServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cdcdemo.testsupport.TestLogins;
import cdcdemo.testsupport.servers.RealServers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole app against a real broker. The users topic is filled before the app starts
 * (so it must read from the beginning); the second topic is created only during a test
 * (so it must keep looking for it, and stay healthy meanwhile). Nothing but health is
 * shown without a login.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "messages.topics=monolith.public.users,late.topic", "messages.discovery-interval=200ms" })
@Tag("system")
@RealServers(kafka = true, shared = false)
class MessageListApplicationTests {

	private static final String USERS = "monolith.public.users";

	private static final String LATE = "late.topic";

	private static final String SCRIPT = "<script>alert(1)</script>";

	static KafkaServer kafka;

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper jsonMapper;

	private final HttpClient http = HttpClient.newBuilder().authenticator(TestLogins.ADMIN.authenticator()).build();

	@BeforeAll
	static void startKafkaWithRecords(KafkaServer server) throws Exception {
		kafka = server;
		try (Admin admin = admin()) {
			admin.createTopics(List.of(new NewTopic(USERS, 1, (short) 1))).all().get();
		}
		send(USERS, key(1), changeEvent("c", "null", row(1, SCRIPT)));
		send(USERS, key(1), changeEvent("d", "{\"id\":1,\"first_name\":null}", "null"));
		send(USERS, key(1), null);
		send(USERS, "not a json key", "not json {");
	}

	@DynamicPropertySource
	static void kafkaProperties(DynamicPropertyRegistry registry) {
		registry.add("messages.bootstrap-servers", () -> kafka.bootstrapServers());
	}

	@Test
	void listsRecordsNewestFirstWithTheirKind() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<JsonNode> users = apiMessages().stream()
				.filter((m) -> USERS.equals(m.get("topic").asString()))
				.toList();
			assertThat(users).extracting((m) -> m.get("offset").asLong()).containsExactly(3L, 2L, 1L, 0L);
			assertThat(users).extracting((m) -> m.get("op").isNull() ? null : m.get("op").asString())
				.containsExactly(null, null, "d", "c");
			assertThat(users).extracting((m) -> m.get("tombstone").asBoolean())
				.containsExactly(false, true, false, false);
			assertThat(users).extracting((m) -> m.get("malformed").asBoolean())
				.containsExactly(true, false, false, false);
			assertThat(users).extracting((m) -> m.get("table").isNull() ? null : m.get("table").asString())
				.containsExactly(null, null, "public.users", "public.users");
			assertThat(users.get(0).get("key").asString()).isEqualTo("not a json key");
			assertThat(users.get(0).get("value").asString()).isEqualTo("not json {");
			assertThat(users.get(1).get("value").isNull()).isTrue();
		});
	}

	@Test
	void rendersTextFromTheDatabaseEscaped() throws Exception {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			String page = get("/").body();
			assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(SCRIPT);
			assertThat(page).contains("id=\"events\"")
				.contains("data-op=\"c\" data-offset=\"0\"")
				.contains("data-op=\"d\" data-offset=\"1\"")
				.contains("data-op=\"tombstone\" data-offset=\"2\"")
				.contains("data-op=\"raw\" data-offset=\"3\"")
				.contains("not json {");
		});
		assertThat(get("/").body()).contains("monolith.public.users").contains("late.topic");
	}

	@Test
	void findsATopicCreatedLaterAndStreamsItsRecords() throws Exception {
		try (Admin admin = admin()) {
			assertThat(admin.listTopics().names().get()).doesNotContain(LATE);
		}
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"");

		List<String> lines = new CopyOnWriteArrayList<>();
		HttpResponse<Stream<String>> stream = this.http.send(request("/stream"), BodyHandlers.ofLines());
		assertThat(stream.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		Thread reader = new Thread(() -> stream.body().forEach(lines::add), "sse-reader");
		reader.setDaemon(true);
		reader.start();
		try {
			send(LATE, key(2), changeEvent("u", "null", row(2, "Grace")));

			await().atMost(Duration.ofSeconds(30))
				.until(() -> lines.stream().anyMatch((line) -> line.startsWith("data:") && line.contains(LATE)));
			String data = lines.stream()
				.filter((line) -> line.startsWith("data:") && line.contains(LATE))
				.findFirst()
				.orElseThrow()
				.substring("data:".length());
			JsonNode message = this.jsonMapper.readTree(data);
			assertThat(message.get("op").asString()).isEqualTo("u");
			assertThat(message.get("label").asString()).isEqualTo("update");
			assertThat(message.get("after").asString()).contains("Grace");
			assertThat(apiMessages().get(0).get("topic").asString()).isEqualTo(LATE);
		}
		finally {
			stream.body().close();
		}
	}

	@Test
	void asksWhoIsThereBeforeShowingAnyRecordAndLetsAViewerRead() throws Exception {
		HttpClient anonymous = HttpClient.newHttpClient();
		HttpResponse<String> api = anonymous.send(request("/api/messages"), BodyHandlers.ofString());
		assertThat(api.statusCode()).isEqualTo(401);
		assertThat(api.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Basic"));
		assertThat(api.body()).doesNotContain(USERS);
		HttpResponse<String> page = anonymous.send(
				HttpRequest.newBuilder(request("/").uri()).header("Accept", "text/html").build(),
				BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
		assertThat(anonymous.send(request("/actuator/health"), BodyHandlers.ofString()).statusCode()).isEqualTo(200);

		HttpClient viewer = HttpClient.newBuilder().authenticator(TestLogins.VIEWER.authenticator()).build();
		assertThat(viewer.send(request("/api/messages"), BodyHandlers.ofString()).statusCode()).isEqualTo(200);
	}

	@Test
	void neverJoinsAConsumerGroup() throws Exception {
		await().atMost(Duration.ofSeconds(30)).until(() -> apiMessages().size() >= 4);
		try (Admin admin = admin()) {
			assertThat(admin.listGroups().all().get()).isEmpty();
		}
	}

	private List<JsonNode> apiMessages() throws IOException, InterruptedException {
		HttpResponse<String> response = get("/api/messages");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode list = this.jsonMapper.readTree(response.body());
		assertThat(list.isArray()).isTrue();
		return list.valueStream().toList();
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(request(path), BodyHandlers.ofString());
	}

	private HttpRequest request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build();
	}

	private static Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
	}

	private static void send(String topic, String key, String value) throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, key, value)).get();
		}
	}

	private static String key(long id) {
		return "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"field\":\"id\"}]},"
				+ "\"payload\":{\"id\":" + id + "}}";
	}

	private static String row(long id, String firstName) {
		return "{\"id\":" + id + ",\"first_name\":\"" + firstName + "\",\"last_name\":\"Lovelace\","
				+ "\"email\":\"ada@example.com\"}";
	}

	private static String changeEvent(String op, String before, String after) {
		return "{\"schema\":{\"type\":\"struct\",\"fields\":[]},\"payload\":{\"before\":" + before + ",\"after\":"
				+ after + ",\"source\":{\"version\":\"3.6.1.Final\",\"connector\":\"postgresql\",\"name\":\"monolith\","
				+ "\"db\":\"users\",\"schema\":\"public\",\"table\":\"users\",\"txId\":729,\"lsn\":22195224,"
				+ "\"ts_ms\":1795577334000,\"snapshot\":\"false\"},\"transaction\":null,\"op\":\"" + op
				+ "\",\"ts_ms\":1795577334190}}";
	}

}
