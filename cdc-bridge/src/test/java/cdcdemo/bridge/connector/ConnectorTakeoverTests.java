package cdcdemo.bridge.connector;

import java.time.Duration;
import cdcdemo.testsupport.TestLogins;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import cdcdemo.bridge.BridgeApplication;
import cdcdemo.testsupport.kafka.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bridge processes sharing a connector, on a real PostgreSQL and Kafka broker: only one
 * streams it at a time, the other stands by and takes over when the first stops; a bridge
 * started again later resumes from its committed offset, so rows changed while no bridge
 * ran arrive once, and the table is not snapshotted again.
 */
class ConnectorTakeoverTests extends BridgeSystemTest {

	private static final String TOPIC = "items.public.items";

	@Test
	void oneBridgeStreamsAConnectorAtATimeAndAnotherTakesOverWithNothingLostOrSnapshottedAgain() {
		JdbcClient.create(this.postgres.dataSource("users"))
			.sql("create publication items_publication for table items (id, label)")
			.update();
		this.monolith.sql("insert into items values (1, 'before any bridge')").update();

		try (ConfigurableApplicationContext first = bridge()) {
			await().atMost(Duration.ofSeconds(60)).until(() -> "available".equals(status(first)));
			try (ConfigurableApplicationContext second = bridge()) {
				await().atMost(Duration.ofSeconds(60))
					.untilAsserted(() -> assertThat(info(second).path("reason").asString()).contains("standing by"));
				assertThat(status(second)).isEqualTo("standby");
				assertThat(health(second)).as("a standby is healthy").isEqualTo("UP");
				this.monolith.sql("insert into items values (2, 'streamed by the first')").update();
				await().atMost(Duration.ofSeconds(60)).until(() -> ids().contains(2L));

				first.close();
				await().atMost(Duration.ofSeconds(60)).until(() -> "available".equals(status(second)));
				this.monolith.sql("insert into items values (3, 'streamed by the second')").update();
				await().atMost(Duration.ofSeconds(60)).until(() -> ids().contains(3L));
			}
		}

		this.monolith.sql("insert into items values (4, 'while no bridge runs')").update();
		try (ConfigurableApplicationContext again = bridge()) {
			await().atMost(Duration.ofSeconds(60)).until(() -> ids().contains(4L));
		}

		List<JsonNode> events = records().stream()
			.map((record) -> this.mapper.readTree(record.value()).path("payload"))
			.toList();
		assertThat(events).extracting((event) -> event.path("op").asString()).containsExactly("r", "c", "c", "c");
		assertThat(events).extracting((event) -> event.path("after").path("id").asLong())
			.containsExactly(1L, 2L, 3L, 4L);
	}

	private ConfigurableApplicationContext bridge() {
		return new SpringApplicationBuilder(BridgeApplication.class).run("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + this.kafka.bootstrapServers(), "--cdc.connector.name=items",
				"--cdc.connector.source.port=" + this.postgres.port(), "--cdc.connector.tables=public.items",
				"--cdc.connector.excluded-columns=", "--cdc.connector.publication=items_publication",
				"--cdc.connector.restart-delay=500ms");
	}

	private String status(ConfigurableApplicationContext bridge) {
		return info(bridge).path("status").asString();
	}

	/** The bridge's overall health status, whatever the HTTP status. */
	private String health(ConfigurableApplicationContext bridge) {
		String port = bridge.getEnvironment().getProperty("local.server.port");
		String body = RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultHeader("Authorization", TestLogins.ADMIN.basic())
			.build()
			.get()
			.uri("/actuator/health")
			.exchange((request, response) -> response.bodyTo(String.class), true);
		return this.mapper.readTree(body).path("status").asString();
	}

	private JsonNode info(ConfigurableApplicationContext bridge) {
		String port = bridge.getEnvironment().getProperty("local.server.port");
		return this.mapper.readTree(RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultHeader("Authorization", TestLogins.ADMIN.basic())
			.build()
			.get()
			.uri("/api/connectors/items")
			.retrieve()
			.body(String.class));
	}

	private List<Long> ids() {
		return records().stream()
			.map((record) -> this.mapper.readTree(record.value()).path("payload").path("after").path("id").asLong())
			.toList();
	}

	private List<ConsumerRecord<String, String>> records() {
		return TopicReader.readAll(this.kafka.bootstrapServers(), TOPIC);
	}

}
