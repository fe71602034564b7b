package cdcdemo.messages.groups;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cdcdemo.platform.kafka.KafkaServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cdcdemo.testsupport.HeadlessChromium;
import cdcdemo.testsupport.TestLogins;
import cdcdemo.testsupport.servers.RealServers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer groups of a topic on a real broker, over HTTP and in headless Chromium: a
 * group with a live member (a real consumer that polled and committed part of the topic),
 * a group whose members left but whose offsets remain, a group of another topic that must
 * not show; lag per partition, and the page following new records without a reload.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "messages.topics=monolith.public.users", "messages.discovery-interval=200ms" })
@Tag("system")
@RealServers(kafka = true, shared = false)
class ConsumerGroupsTests {

	private static final String USERS = "monolith.public.users";

	private static final String OTHER = "monolith.public.orders";

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	static KafkaServer kafka;

	static KafkaProducer<String, String> producer;

	/**
	 * A member of "onboarding-service" for the whole class: assigned both partitions,
	 * committed 4 and 3.
	 */
	static KafkaConsumer<String, String> onboarding;

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder().authenticator(TestLogins.ADMIN.authenticator()).build();

	@BeforeAll
	static void startKafkaWithGroups(KafkaServer server) throws Exception {
		kafka = server;
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(USERS, 2, (short) 1), new NewTopic(OTHER, 1, (short) 1)))
				.all()
				.get();
		}
		producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
				new StringSerializer(), new StringSerializer());
		for (int i = 0; i < 10; i++) {
			producer.send(new ProducerRecord<>(USERS, i % 2, "k" + i, "v" + i)).get();
		}
		producer.send(new ProducerRecord<>(OTHER, "k", "v")).get();

		// domain-stats read everything once, committed, and left
		try (KafkaConsumer<String, String> stats = consumer("domain-stats", "domain-stats-1", 100)) {
			stats.subscribe(List.of(USERS));
			int read = 0;
			while (read < 10) {
				read += stats.poll(Duration.ofMillis(200)).count();
			}
			stats.commitSync();
		}
		try (KafkaConsumer<String, String> orders = consumer("orders-only", "orders-1", 100)) {
			orders.subscribe(List.of(OTHER));
			while (orders.poll(Duration.ofMillis(200)).isEmpty()) {
				// until the one record is read
			}
			orders.commitSync();
		}
		onboarding = consumer("onboarding-service", "onboarding-1", 1);
		onboarding.subscribe(List.of(USERS));
		while (onboarding.assignment().size() < 2) {
			onboarding.poll(Duration.ofMillis(200));
		}
		onboarding.commitSync(Map.of(new TopicPartition(USERS, 0), new OffsetAndMetadata(4),
				new TopicPartition(USERS, 1), new OffsetAndMetadata(3)));
	}

	@AfterAll
	static void stopKafka() {
		if (onboarding != null) {
			onboarding.close();
		}
		if (producer != null) {
			producer.close();
		}
	}

	@DynamicPropertySource
	static void kafkaProperties(DynamicPropertyRegistry registry) {
		registry.add("messages.bootstrap-servers", () -> kafka.bootstrapServers());
	}

	@Test
	void listsEveryGroupReadingTheTopicWithMembersAndLagPerPartition() throws Exception {
		JsonNode view = object("/api/groups?topic=" + USERS);

		assertThat(view.get("groups").valueStream().map((g) -> g.get("groupId").asString()))
			.containsExactly("domain-stats", "onboarding-service");
		JsonNode stats = view.get("groups").get(0);
		assertThat(stats.get("state").asString()).isEqualTo("Empty");
		assertThat(stats.get("members")).isEmpty();
		// the page test may have added records: lag is what lies between the commit and
		// the end
		assertThat(committed(stats)).isEqualTo(10);
		assertThat(stats.get("lag").asLong()).isEqualTo(ends(stats) - 10);

		JsonNode group = view.get("groups").get(1);
		assertThat(group.get("state").asString()).isEqualTo("Stable");
		assertThat(group.get("members")).hasSize(1);
		assertThat(group.get("members").get(0).get("clientId").asString()).isEqualTo("onboarding-1");
		assertThat(group.get("members").get(0).get("partitions").valueStream().map(JsonNode::asInt)).containsExactly(0,
				1);
		assertThat(group.get("partitions").get(0).get("committed").asLong()).isEqualTo(4);
		assertThat(group.get("partitions").get(1).get("committed").asLong()).isEqualTo(3);
		assertThat(group.get("lag").asLong()).isEqualTo(ends(group) - 7).isGreaterThanOrEqualTo(3);
		assertThat(group.get("partitions")).allSatisfy((p) -> {
			assertThat(p.get("end").asLong()).isGreaterThanOrEqualTo(5);
			assertThat(p.get("lag").asLong()).isEqualTo(p.get("end").asLong() - p.get("committed").asLong());
			assertThat(p.get("owner").asString()).isEqualTo("onboarding-1");
		});
	}

	private static long committed(JsonNode group) {
		return group.get("partitions").valueStream().mapToLong((p) -> p.get("committed").asLong()).sum();
	}

	private static long ends(JsonNode group) {
		return group.get("partitions").valueStream().mapToLong((p) -> p.get("end").asLong()).sum();
	}

	@Test
	void refusesUnknownAndInternalTopics() throws Exception {
		assertThat(get("/api/groups?topic=no.such.topic").statusCode()).isEqualTo(404);
		assertThat(get("/api/groups?topic=__consumer_offsets").statusCode()).isEqualTo(404);
		assertThat(this.json.readTree(get("/api/groups?topic=no.such.topic").body()).get("detail").asString())
			.isEqualTo("no topic no.such.topic");
	}

	@Test
	void showsTheGroupsOnAPageThatFollowsTheLagWithoutReloading() throws Exception {
		WebDriver browser = HeadlessChromium.start();
		try {
			TestLogins.VIEWER.logIn(browser, "http://127.0.0.1:" + this.port);
			browser.get("http://127.0.0.1:" + this.port + "/groups?topic=" + USERS);
			assertThat(browser.findElements(By.cssSelector(".group .group-id"))).extracting((e) -> e.getText())
				.containsExactly("domain-stats", "onboarding-service");
			String lag = "[data-group='onboarding-service'] .total-lag";
			assertThat(browser.findElement(By.cssSelector(lag)).getText()).isEqualTo("3");
			assertThat(browser.findElement(By.cssSelector("[data-group='domain-stats'] .members-none")).getText())
				.contains("no members");

			for (int i = 10; i < 14; i++) {
				producer.send(new ProducerRecord<>(USERS, i % 2, "k" + i, "v" + i)).get();
			}
			await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
				assertThat(browser.findElement(By.cssSelector(lag)).getText()).isEqualTo("7");
				assertThat(browser.findElement(By.cssSelector("[data-group='domain-stats'] .total-lag")).getText())
					.isEqualTo("4");
			});
			assertThat(browser.findElement(By.id("refreshed")).getAttribute("data-state")).isEqualTo("live");
		}
		finally {
			browser.quit();
		}
	}

	private static KafkaConsumer<String, String> consumer(String group, String client, int maxPollRecords) {
		return new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.CLIENT_ID_CONFIG, client,
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
						false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords,
						// the member stays in the group while the tests run, without
						// polling
						ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000),
				new StringDeserializer(), new StringDeserializer());
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
