package cdcdemo.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cdcdemo.platform.mail.ReceivedMail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The thin slice, on the real platform: a user added through the monolith's form becomes
 * a change event on Kafka (without its password), shows up in the message list, and gets
 * a welcome email; deleting the user yields a delete event, a tombstone and an
 * exit-survey email.
 */
@ExtendWith(PlatformParameterResolver.class)
@Tag("system")
class EndToEndTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void addedUserFlowsToKafkaMessageListAndMailAndDeleteFlowsToo(RunningPlatform platform) {
		String email = "e2e-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		UsersAppClient users = new UsersAppClient(platform.url("users-app"));

		HttpResponse<String> created = users.submit("/users/new", "#user-form", Map.of("firstName", "Edsger",
				"lastName", "Dijkstra", "email", email, "password", "goto-considered-harmful"));
		assertThat(created.statusCode()).isEqualTo(302);
		assertThat(users.get("/users").select("#users td").eachText()).contains(email);

		ConsumerRecord<String, String> createEvent = await().atMost(TIMEOUT)
			.until(() -> find(platform, "c", email), (found) -> found != null);
		assertThat(createEvent.key()).doesNotContain("password");
		assertThat(createEvent.value()).doesNotContain("password").doesNotContain("goto-considered-harmful");
		JsonNode payload = this.json.readTree(createEvent.value()).path("payload");
		assertThat(payload.path("after").path("first_name").asString()).isEqualTo("Edsger");
		assertThat(payload.path("source").path("table").asString()).isEqualTo("users");
		long id = payload.path("after").path("id").asLong();
		assertThat(this.json.readTree(createEvent.key()).path("payload").path("id").asLong()).isEqualTo(id);

		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(
					new UsersAppClient(platform.url("kafka-consumer"), platform.adminPassword()).get("/").text())
				.contains(email));
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(platform.mailTo(email)).extracting(ReceivedMail::subject)
				.singleElement()
				.asString()
				.startsWith("Welcome"));

		HttpResponse<String> deleted = users.submit("/users/" + id + "/delete", "#delete-form", Map.of());
		assertThat(deleted.statusCode()).isEqualTo(302);

		await().atMost(TIMEOUT).untilAsserted(() -> {
			List<ConsumerRecord<String, String>> records = platform.usersTopic();
			int delete = indexOf(records, "d", id);
			assertThat(delete).as("delete event for user %d", id).isNotNegative();
			ConsumerRecord<String, String> tombstone = records.get(delete + 1);
			assertThat(tombstone.value()).as("tombstone after the delete").isNull();
			assertThat(tombstone.key()).isEqualTo(createEvent.key());
		});
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(platform.mailTo(email)).extracting(ReceivedMail::subject)
				.hasSize(2)
				.last()
				.asString()
				.containsIgnoringCase("sorry to see you go"));
		JsonNode connector = this.json.readTree(new UsersAppClient(platform.url("cdc-bridge"), platform.adminPassword())
			.body("/api/connectors/monolith"));
		assertThat(connector.path("excludedColumnsFiltered").asString())
			.as("the password is kept out of the replication connection by the publication's column list")
			.isEqualTo("publication");
		assertThat(platform.usersTopic()).allSatisfy((record) -> {
			assertThat(String.valueOf(record.key())).doesNotContain("password");
			assertThat(String.valueOf(record.value())).doesNotContain("password");
		});
	}

	private ConsumerRecord<String, String> find(RunningPlatform platform, String op, String email) {
		return platform.usersTopic().stream().filter((record) -> record.value() != null).filter((record) -> {
			JsonNode payload = this.json.readTree(record.value()).path("payload");
			return op.equals(payload.path("op").asString())
					&& email.equals(payload.path("after").path("email").asString());
		}).findFirst().orElse(null);
	}

	private int indexOf(List<ConsumerRecord<String, String>> records, String op, long id) {
		for (int i = 0; i < records.size(); i++) {
			String value = records.get(i).value();
			if (value != null) {
				JsonNode payload = this.json.readTree(value).path("payload");
				if (op.equals(payload.path("op").asString()) && payload.path("before").path("id").asLong() == id) {
					return i;
				}
			}
		}
		return -1;
	}

}
