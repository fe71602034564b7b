package cdcdemo.bridge.connector;

import java.time.Duration;
import cdcdemo.testsupport.TestLogins;
import cdcdemo.testsupport.kafka.TopicReader;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The declared connector on a real PostgreSQL (logical decoding, the least-privilege
 * {@code cdc_bridge} role) and a real KRaft broker: snapshot, insert, update, delete and
 * tombstone arrive as Kafka Connect JSON, keyed by the primary key, with the password
 * column nowhere.
 */
class ConnectorStreamingTests extends BridgeSystemTest {

	static final String TOPIC = "monolith.public.users";

	@Test
	void streamsSnapshotAndChangesWithoutThePassword() {
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(health()).contains("\"monolith\":\"available\""));

		this.monolith
			.sql("insert into users (first_name, last_name, email, password) values ('Grace', 'Hopper', "
					+ "'grace@example.com', 'hash-of-grace')")
			.update();
		this.monolith.sql("update users set email = 'grace.hopper@example.com' where email = 'grace@example.com'")
			.update();
		this.monolith.sql("delete from users where first_name = 'Grace'").update();

		await().atMost(Duration.ofSeconds(60))
			.until(() -> TopicReader.readAll(this.kafka.bootstrapServers(), TOPIC).size() == 5);
		List<ConsumerRecord<String, String>> records = TopicReader.readAll(this.kafka.bootstrapServers(), TOPIC);

		assertThat(records).extracting(this::op).containsExactly("r", "c", "u", "d", null);
		for (ConsumerRecord<String, String> record : records) {
			assertThat(record.key()).doesNotContain("password");
			if (record.value() != null) {
				assertThat(record.value()).doesNotContain("password").doesNotContain("hash-of");
				JsonNode envelope = this.mapper.readTree(record.value());
				assertThat(envelope.has("schema")).isTrue();
				assertThat(envelope.path("payload").path("source").path("table").asString()).isEqualTo("users");
			}
		}
		JsonNode created = this.mapper.readTree(records.get(1).value()).path("payload");
		assertThat(created.path("after").path("email").asString()).isEqualTo("grace@example.com");
		assertThat(created.path("before").isNull()).isTrue();
		JsonNode key = this.mapper.readTree(records.get(1).key()).path("payload");
		assertThat(key.propertyNames()).containsExactly("id");
		JsonNode deleted = this.mapper.readTree(records.get(3).value()).path("payload");
		assertThat(deleted.path("before").path("id").asLong()).isEqualTo(key.path("id").asLong());
		assertThat(records.get(4).key()).isEqualTo(records.get(3).key());

		assertThat(call("/api/connectors/monolith").path("excludedColumnsFiltered").asString())
			.as("the password is not even sent over the replication connection")
			.isEqualTo("publication");

		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.kafka.bootstrapServers()))) {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(admin.listTopics().names().get()).contains("heartbeat.monolith",
						"cdc-bridge-offsets"));
		}
	}

	@Test
	void showsTopicsWithTheirSettingsAndThePages() {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode topics = call("/api/topics");
			assertThat(topics.findValuesAsString("name")).contains("monolith.public.users", "cdc-bridge-connectors",
					"cdc-bridge-offsets");
		});
		JsonNode definitions = call("/api/topics/cdc-bridge-connectors");
		assertThat(definitions.path("cleanupPolicy").asString()).isEqualTo("compact");
		// the view shows the last sample of the topics (cdc.topics.sample-interval, 5 s):
		// one taken when the topic existed but before its first records counts none
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode users = call("/api/topics/monolith.public.users");
			assertThat(users.path("partitions").asInt()).isEqualTo(1);
			assertThat(users.path("messages").asLong()).isPositive();
			assertThat(users.path("partitionDetails").get(0).path("latestOffset").asLong()).isPositive();
		});

		for (String topic : topics(call("/api/topics"))) {
			assertThat(TopicReader.readAll(this.kafka.bootstrapServers(), topic)).as("records of %s", topic)
				.allSatisfy((record) -> assertThat(record.key() + " " + record.value())
					.as("no excluded column's value leaves PostgreSQL")
					.doesNotContain("hash-of-", "top-secret-", "secret-1", "secret-2", "example.com\",\"author"));
		}

		String page = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader("Authorization", TestLogins.ADMIN.basic())
			.build()
			.get()
			.uri("/")
			.retrieve()
			.body(String.class);
		assertThat(page).contains("id=\"connector-monolith\"", "monolith.public.users", "public.users.password");
		String topicsPage = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader("Authorization", TestLogins.ADMIN.basic())
			.build()
			.get()
			.uri("/topics")
			.retrieve()
			.body(String.class);
		assertThat(topicsPage).contains("monolith.public.users", "compact");
	}

	private static List<String> topics(JsonNode topics) {
		return topics.findValuesAsString("name").stream().filter((name) -> !name.startsWith("__")).toList();
	}

	private String op(ConsumerRecord<String, String> record) {
		return (record.value() != null) ? this.mapper.readTree(record.value()).path("payload").path("op").asString()
				: null;
	}

	private JsonNode call(String path) {
		return this.mapper.readTree(RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader("Authorization", TestLogins.ADMIN.basic())
			.build()
			.get()
			.uri(path)
			.retrieve()
			.body(String.class));
	}

	private String health() {
		return RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader("Authorization", TestLogins.ADMIN.basic())
			.build()
			.get()
			.uri("/actuator/health")
			.exchange((request, response) -> response.bodyTo(String.class));
	}

}
