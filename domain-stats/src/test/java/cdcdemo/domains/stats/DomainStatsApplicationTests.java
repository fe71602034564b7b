package cdcdemo.domains.stats;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cdcdemo.domains.DomainStatsApplication;
import cdcdemo.events.reactions.Reaction;
import cdcdemo.events.reactions.ReactionJson;
import cdcdemo.events.reactions.ReactionKey;
import cdcdemo.events.reactions.ReactionKinds;
import cdcdemo.platform.kafka.KafkaServer;
import cdcdemo.testsupport.kafka.TopicReader;
import cdcdemo.testsupport.servers.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service against a real Kafka broker (KRaft, in this JVM), fed records shaped
 * like cdc-bridge's, and asked over HTTP. The topic does not exist when the service
 * starts: the service must still find it. Each test counts its own domains, so the tests
 * do not depend on each other's order.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Tag("system")
@RealServers(kafka = true, shared = false)
class DomainStatsApplicationTests {

	private static final Logger log = LoggerFactory.getLogger(DomainStatsApplicationTests.class);

	private static final String TOPIC = "monolith.public.users";

	static KafkaServer kafka;

	static KafkaProducer<String, String> producer;

	@LocalServerPort
	int port;

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startKafka(KafkaServer server) {
		kafka = server;
		producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
				new StringSerializer(), new StringSerializer());
	}

	@AfterAll
	static void stopKafka() {
		producer.close();
	}

	@DynamicPropertySource
	static void kafkaProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> kafka.bootstrapServers());
	}

	@Test
	void countsUsersPerDomainThroughSnapshotCreateUpdateDeleteAndABadRecord() {
		send(1, ChangeEvents.snapshotRead(1, "ada@example.com"));
		send(2, ChangeEvents.snapshotRead(2, "grace@navy.mil"));
		send(3, ChangeEvents.created(3, "alan@example.com"));
		send(4, ChangeEvents.created(4, "barbara@mit.edu"));
		send("not a key", "not a change event {");
		send(4, ChangeEvents.updated(4, "barbara@example.com"));
		send(2, ChangeEvents.deleted(2));
		send(2, null);
		// delivered again, as after a crash of the bridge between Kafka's ack and its
		// offset commit
		send(3, ChangeEvents.created(3, "alan@example.com"));
		send(4, ChangeEvents.updated(4, "barbara@example.com"));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(domains(this.port, "example.com", "navy.mil", "mit.edu")).isEqualTo(Map.of("example.com", 3));
			assertThat(
					get(this.port, "/actuator/metrics/domains.skipped.records").at("/measurements/0/value").asDouble())
				.isEqualTo(1.0);
		});
		assertThat(get(this.port, "/actuator/health").path("status").asString()).isEqualTo("UP");
	}

	@Test
	void rebuildsTheSameCountsFromTheStartOfTheTopicAfterARestart() {
		send(10, ChangeEvents.created(10, "edsger@restart.test"));
		send(11, ChangeEvents.created(11, "tony@restart.test"));
		send(11, ChangeEvents.updated(11, "tony@moved.test"));
		send(10, ChangeEvents.deleted(10));
		send(10, null);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(domains(this.port, "restart.test", "moved.test"))
				.isEqualTo(Map.of("moved.test", 1)));

		try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(DomainStatsApplication.class)
			.run("--server.port=0", "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers())) {
			int restartedPort = Integer.parseInt(restarted.getEnvironment().getProperty("local.server.port"));

			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(
						() -> assertThat(get(restartedPort, "/api/domains")).isEqualTo(get(this.port, "/api/domains")));
			assertThat(domains(restartedPort, "restart.test", "moved.test")).isEqualTo(Map.of("moved.test", 1));
		}
	}

	@Test
	void announcesEachCountAnEventChangesKeyedByTheEventButNotTheRebuildAfterARestart() {
		String created = ChangeEvents.created(20, "ken@reactions.test");
		RecordMetadata event = send(20, created);
		RecordMetadata replay = send(20, created);

		Reaction reaction = await().atMost(Duration.ofSeconds(30))
			.until(() -> reactionsTo(event), (reactions) -> !reactions.isEmpty())
			.get(0);
		assertThat(reaction.kind()).isEqualTo(ReactionKinds.COUNT_CHANGED);
		assertThat(reaction.service()).isEqualTo("domain-stats");
		assertThat(reaction.event().topic()).isEqualTo(TOPIC);
		assertThat(reaction.event().partition()).isEqualTo(event.partition());
		assertThat(reaction.event().offset()).isEqualTo(event.offset());
		assertThat(reaction.event().lsn()).isEqualTo(this.json.readTree(created).at("/payload/source/lsn").asLong());
		assertThat(reaction.detail()).isEqualTo(Map.of("domain", "reactions.test", "users", 1));
		assertThat(reaction.summary()).isEqualTo("reactions.test has 1 user(s)");
		assertThat(ReactionJson.value(reaction)).doesNotContain("@", "ken");
		log.info("Reaction on platform.reactions: key {} value {}", ReactionJson.key(reaction.event()),
				ReactionJson.value(reaction));

		try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(DomainStatsApplication.class)
			.run("--server.port=0", "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers())) {
			int restartedPort = Integer.parseInt(restarted.getEnvironment().getProperty("local.server.port"));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(domains(restartedPort, "reactions.test"))
					.isEqualTo(Map.of("reactions.test", 1)));
			RecordMetadata next = send(21, ChangeEvents.created(21, "dennis@reactions.test"));
			await().atMost(Duration.ofSeconds(30)).until(() -> reactionsTo(next).size() == 2);
		}
		assertThat(reactionsTo(event)).as("the rebuild is not announced").hasSize(1);
		assertThat(reactionsTo(replay)).as("a replay changes no count").isEmpty();
	}

	/** The reactions published so far to the event at this position. */
	private List<Reaction> reactionsTo(RecordMetadata event) {
		return TopicReader.readAll(kafka.bootstrapServers(), "platform.reactions")
			.stream()
			.filter((record) -> ReactionJson.readKey(record.key())
				.equals(new ReactionKey(TOPIC, event.partition(), event.offset())))
			.map((record) -> ReactionJson.read(record.value()))
			.toList();
	}

	private RecordMetadata send(long id, String value) {
		return send(ChangeEvents.key(id), value);
	}

	private RecordMetadata send(String key, String value) {
		try {
			return producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The counts {@code GET /api/domains} answers for the given domains. */
	private Map<String, Integer> domains(int port, String... domains) {
		List<String> wanted = List.of(domains);
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (JsonNode line : get(port, "/api/domains")) {
			if (wanted.contains(line.path("domain").asString())) {
				counts.put(line.path("domain").asString(), line.path("users").asInt());
			}
		}
		return counts;
	}

	private JsonNode get(int port, String path) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build();
			return this.json.readTree(this.http.send(request, BodyHandlers.ofString()).body());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
