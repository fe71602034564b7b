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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
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
import static cdcdemo.messages.list.ChangeEventRecords.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the Kafka UIs have, over HTTP on a real broker. Seeking in a topic of two
 * partitions: to the oldest and newest records, to an offset, to an instant (Kafka's
 * offsetsForTimes), and on from where a slice stopped; the page keeping the position in
 * its address; bad positions refused with a reason; only committed records of
 * transactions shown. Searching keys and headers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "messages.topics=monolith.public.users", "messages.discovery-interval=200ms" })
@Tag("system")
@RealServers(kafka = true, shared = false)
class MessageToolsTests {

	private static final String USERS = "monolith.public.users";

	private static final String ORDERS = "monolith.public.orders";

	private static final String PAYMENTS = "monolith.public.payments";

	/**
	 * Order {@code i} was written at this hour plus {@code i} minutes, to partition
	 * {@code i % 2}: an hour ago, as the broker refuses timestamps in the future and
	 * deletes those older than its retention.
	 */
	static final Instant TEN = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));

	static TopicWriter kafka;

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder().authenticator(TestLogins.ADMIN.authenticator()).build();

	/**
	 * Orders 0..19 over two partitions: partition 0 holds the even ones at offsets 0..9,
	 * partition 1 the odd ones.
	 */
	@BeforeAll
	static void startKafkaWithRecords() throws Exception {
		kafka = TopicWriter.to(RealServersExtension.kafka().bootstrapServers());
		kafka.createTopic(USERS, 1);
		kafka.createTopic(ORDERS, 2);
		for (int i = 0; i < 20; i++) {
			kafka.send(new ProducerRecord<>(ORDERS, i % 2, TEN.plusSeconds(60L * i).toEpochMilli(),
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
	void seeksToTheOldestRecordsOfEveryPartitionMergedByTime() throws Exception {
		JsonNode slice = object("/api/seek?topic=" + ORDERS + "&seek=oldest&limit=4");

		assertThat(ids(slice)).containsExactly(0, 1, 2, 3);
		assertThat(slice.get("next").asString()).isEqualTo("0:2,1:2");
		assertThat(slice.get("atEnd").asBoolean()).isFalse();
	}

	@Test
	void seeksToAnOffsetOfOnePartitionAndGoesOnWithoutSkippingOrRepeating() throws Exception {
		JsonNode slice = object("/api/seek?topic=" + ORDERS + "&seek=offset&partition=1&offset=5&limit=3");
		assertThat(slice.get("messages").get(0).get("partition").asInt()).isEqualTo(1);
		assertThat(slice.get("messages").get(0).get("offset").asLong()).isEqualTo(5);
		assertThat(ids(slice)).containsExactly(11, 13, 15);

		JsonNode rest = object("/api/seek?topic=" + ORDERS + "&seek=continue&positions="
				+ encode(slice.get("next").asString()) + "&limit=3");
		assertThat(ids(rest)).containsExactly(17, 19);
		assertThat(rest.get("atEnd").asBoolean()).isTrue();
	}

	@Test
	void seeksToTheFirstRecordAtOrAfterAnInstantInEachPartition() throws Exception {
		JsonNode slice = object(
				"/api/seek?topic=" + ORDERS + "&seek=timestamp&from=" + TEN.plusSeconds(12 * 60 + 30) + "&limit=3");
		assertThat(ids(slice)).containsExactly(13, 14, 15);
		assertThat(slice.get("start").get("0").asLong()).isEqualTo(7);
		assertThat(slice.get("start").get("1").asLong()).isEqualTo(6);

		long millis = TEN.plusSeconds(60 * 18).toEpochMilli();
		assertThat(ids(object("/api/seek?topic=" + ORDERS + "&seek=timestamp&from=" + millis))).containsExactly(18, 19);
		assertThat(ids(object("/api/seek?topic=" + ORDERS + "&seek=timestamp&from=2099-01-01T00:00:00Z"))).isEmpty();
	}

	@Test
	void seeksToTheNewestRecords() throws Exception {
		assertThat(ids(object("/api/seek?topic=" + ORDERS + "&seek=newest&limit=2"))).containsExactly(18, 19);
	}

	@Test
	void refusesAPositionThatIsNoneWithTheReason() throws Exception {
		assertBadRequest("/api/seek?topic=" + ORDERS + "&seek=sideways", "seek must be oldest, newest");
		assertBadRequest("/api/seek?topic=" + ORDERS + "&seek=offset&partition=0", "needs partition and offset");
		assertBadRequest("/api/seek?topic=" + ORDERS + "&seek=offset&partition=0&offset=-1", "must not be negative");
		assertBadRequest("/api/seek?topic=" + ORDERS + "&seek=timestamp&from=10:42", "ISO-8601 instant");
		assertBadRequest("/api/seek?topic=" + ORDERS + "&seek=continue&positions=0-4", "partition:offset pairs");
		assertBadRequest("/?topic=" + ORDERS + "&seek=timestamp&from=yesterday", "ISO-8601 instant");
		assertThat(get("/api/seek?topic=" + ORDERS + "&seek=offset&partition=7&offset=0").statusCode()).isEqualTo(404);
	}

	@Test
	void keepsThePositionInThePageAddress() throws Exception {
		HttpResponse<String> page = get("/?topic=" + ORDERS + "&seek=offset&partition=1&offset=8");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("data-seek=\"offset\"")
			.contains("data-seek-partition=\"1\"")
			.contains("data-seek-offset=\"8\"")
			.containsPattern("(?s)data-offset=\"8\".*data-offset=\"9\"")
			.doesNotContain("data-offset=\"7\"");
	}

	@Test
	void showsOnlyTheRecordsOfCommittedTransactions() throws Exception {
		try (KafkaProducer<String, String> producer = kafka.transactionalProducer("bridge-test")) {
			producer.beginTransaction();
			producer.send(new ProducerRecord<>(USERS, key(1), event("c", "null", row(1, "Aborted", "no@example.com"))));
			producer.flush();
			producer.abortTransaction();
			producer.beginTransaction();
			producer
				.send(new ProducerRecord<>(USERS, key(2), event("c", "null", row(2, "Committed", "yes@example.com"))));
			producer.commitTransaction();
		}

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(get("/api/messages").body()).contains("Committed"));
		assertThat(get("/api/messages").body()).doesNotContain("Aborted");
		JsonNode oldest = object("/api/seek?topic=" + USERS + "&seek=oldest");
		assertThat(oldest.get("messages")).hasSize(1);
		assertThat(oldest.get("messages").get(0).get("value").asString()).contains("Committed");
		assertThat(oldest.get("atEnd").asBoolean()).isTrue();
	}

	@Test
	void searchesHeadersByNameAndValueIgnoringCase() throws Exception {
		String page = "/api/messages?topic=" + PAYMENTS + "&partition=0&header=";
		assertThat(offsets(object(page + encode("ORIGIN=Web")))).containsExactly(3L, 0L);
		assertThat(offsets(object(page + "trace4"))).containsExactly(4L);
		assertThat(offsets(object(page + "origin="))).hasSize(6);
		assertThat(offsets(object(page + "no-such-header"))).isEmpty();
		assertThat(offsets(object("/api/seek?topic=" + PAYMENTS + "&seek=oldest&header=" + encode("origin=batch"))))
			.containsExactly(1L, 2L, 4L, 5L);
	}

	@Test
	void searchesKeysTogetherWithHeaders() throws Exception {
		String seek = "/api/seek?topic=" + PAYMENTS + "&seek=oldest&key=" + encode("\"id\":103");
		assertThat(offsets(object(seek))).containsExactly(3L);
		assertThat(offsets(object(seek + "&header=" + encode("origin=web")))).containsExactly(3L);
		assertThat(offsets(object(seek + "&header=" + encode("origin=batch")))).isEmpty();
	}

	private static List<Long> offsets(JsonNode slice) {
		return slice.get("messages").valueStream().map((m) -> m.get("offset").asLong()).toList();
	}

	private void assertBadRequest(String path, String reason) throws Exception {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as("GET %s", path).isEqualTo(400);
		assertThat(this.json.readTree(response.body()).get("detail").asString()).contains(reason);
	}

	private static List<Integer> ids(JsonNode slice) {
		return slice.get("messages")
			.valueStream()
			.map((m) -> Integer.parseInt(m.get("keyId").asString().replaceAll("\\D", "")))
			.toList();
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private JsonNode object(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				BodyHandlers.ofString());
	}

}
