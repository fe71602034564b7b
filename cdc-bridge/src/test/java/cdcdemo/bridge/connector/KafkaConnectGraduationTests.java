package cdcdemo.bridge.connector;

import java.time.Duration;
import cdcdemo.testsupport.TestLogins;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import cdcdemo.platform.FreePort;
import cdcdemo.testsupport.kafka.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The way out of the bridge: the Kafka Connect configuration it gives for a connector,
 * posted to a real Kafka Connect worker (connect-runtime, started in this JVM), produces
 * the same events for the same changes: same keys, same {@code op}, {@code before} and
 * {@code after}, same envelope fields. Only the names that carry the connector's name
 * differ.
 */
class KafkaConnectGraduationTests extends BridgeSystemTest {

	@Test
	void kafkaConnectRunsTheSameConnectorWithTheSameEvents() {
		this.monolith.sql("insert into people values (1, 'Ada', 'secret-1')").update();
		RestClient bridge = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader("Authorization", TestLogins.ADMIN.basic())
			.build();
		bridge.post()
			.uri("/api/connectors")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "bridged", "source",
					Map.of("jdbcUrl", this.postgres.jdbcUrl("users"), "user", "postgres", "password", "postgres"),
					"tables", List.of("public.people"), "excludedColumns", List.of("public.people.secret")))
			.retrieve()
			.toBodilessEntity();
		JsonNode exported = this.mapper
			.readTree(bridge.get().uri("/api/connectors/bridged/kafka-connect").retrieve().body(String.class));
		assertThat(exported.path("config").path("database.password").asString()).startsWith("${file:");

		Map<String, String> config = new HashMap<>();
		exported.path("config").properties().forEach((e) -> config.put(e.getKey(), e.getValue().asString()));
		config.put("topic.prefix", "connected");
		config.put("slot.name", "connected");
		config.put("database.password", "postgres");

		Connect<?> worker = new ConnectDistributed()
			.startConnect(TestConnectWorkers.config(this.kafka.bootstrapServers(), "graduation", FreePort.orAny(0)));
		try {
			RestClient connect = RestClient.create(worker.rest().advertisedUrl().toString());
			connect.put()
				.uri("/connectors/connected/config")
				.contentType(MediaType.APPLICATION_JSON)
				.body(config)
				.retrieve()
				.toBodilessEntity();
			// the worker answers 404 until it has written the connector's first status
			await().atMost(Duration.ofSeconds(90))
				.ignoreExceptionsInstanceOf(HttpClientErrorException.NotFound.class)
				.untilAsserted(() -> {
					JsonNode status = this.mapper
						.readTree(connect.get().uri("/connectors/connected/status").retrieve().body(String.class));
					assertThat(status.path("tasks").path(0).path("state").asString()).isEqualTo("RUNNING");
				});
			await().atMost(Duration.ofSeconds(60)).until(() -> records("connected.public.people").size() == 1);

			this.monolith.sql("insert into people values (2, 'Grace', 'secret-2')").update();
			this.monolith.sql("update people set name = 'Grace H.' where id = 2").update();
			this.monolith.sql("delete from people where id = 1").update();

			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				assertThat(records("bridged.public.people")).hasSize(5);
				assertThat(records("connected.public.people")).hasSize(5);
			});
		}
		finally {
			worker.stop();
			worker.awaitStop();
		}

		List<ConsumerRecord<String, String>> bridged = records("bridged.public.people");
		List<ConsumerRecord<String, String>> connected = records("connected.public.people");
		for (int i = 0; i < bridged.size(); i++) {
			JsonNode bridgedKey = this.mapper.readTree(bridged.get(i).key());
			JsonNode connectedKey = this.mapper.readTree(connected.get(i).key());
			assertThat(connectedKey.path("payload")).isEqualTo(bridgedKey.path("payload"));
			if (bridged.get(i).value() == null) {
				assertThat(connected.get(i).value()).as("tombstone %d", i).isNull();
				continue;
			}
			JsonNode ours = this.mapper.readTree(bridged.get(i).value());
			JsonNode theirs = this.mapper.readTree(connected.get(i).value());
			assertThat(theirs.path("schema").path("fields").findValuesAsString("field"))
				.isEqualTo(ours.path("schema").path("fields").findValuesAsString("field"));
			for (String field : List.of("op", "before", "after")) {
				assertThat(theirs.path("payload").path(field)).as("%s of event %d", field, i)
					.isEqualTo(ours.path("payload").path(field));
			}
			assertThat(theirs.path("payload").path("source").path("table"))
				.isEqualTo(ours.path("payload").path("source").path("table"));
			assertThat(ours.toString()).doesNotContain("secret");
			assertThat(theirs.toString()).doesNotContain("secret");
		}
		bridge.delete().uri("/api/connectors/bridged").retrieve().toBodilessEntity();
		JdbcClient.create(this.postgres.dataSource("users"))
			.sql("select pg_drop_replication_slot('connected')")
			.query()
			.singleRow();
	}

	private List<ConsumerRecord<String, String>> records(String topic) {
		return TopicReader.readAll(this.kafka.bootstrapServers(), topic);
	}

}
