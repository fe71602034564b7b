package cdcdemo.bridge.connector;

import java.time.Duration;
import cdcdemo.testsupport.TestLogins;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
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

	/**
	 * The standby loaded the definitions when it started; the other bridge then changed
	 * one. Taking over with the old definition would send the column the operator has
	 * just excluded: the standby reads the definition again once it has the lock.
	 */
	@Test
	void aStandbyTakesOverWithTheDefinitionTheOtherBridgeChangedWhileItStoodBy() {
		this.monolith.sql("create table vaults (id bigint primary key, label text not null, secret text)").update();
		this.monolith.sql("create publication vaults_publication for table vaults").update();
		this.monolith.sql("insert into vaults values (1, 'before any bridge', 'first secret')").update();
		String[] vaults = { "--cdc.connector.name=vaults", "--cdc.connector.tables=public.vaults",
				"--cdc.connector.publication=vaults_publication" };

		try (ConfigurableApplicationContext first = bridge(vaults)) {
			await().atMost(Duration.ofSeconds(60)).until(() -> "available".equals(status(first, "vaults")));
			try (ConfigurableApplicationContext second = bridge(vaults)) {
				await().atMost(Duration.ofSeconds(60)).until(() -> "standby".equals(status(second, "vaults")));
				exclude(first, "vaults", "public.vaults.secret");
				await().atMost(Duration.ofSeconds(60)).until(() -> "available".equals(status(first, "vaults")));
				assertThat(status(second, "vaults")).as("the standby stays one during the update").isEqualTo("standby");
				this.monolith.sql("insert into vaults values (2, 'after the update', 'second secret')").update();
				await().atMost(Duration.ofSeconds(60)).until(() -> rows("vaults.public.vaults").size() == 2);

				first.close();
				await().atMost(Duration.ofSeconds(60)).until(() -> "available".equals(status(second, "vaults")));
				assertThat(info(second, "vaults").path("excludedColumns").valueStream().map(JsonNode::asString))
					.containsExactly("public.vaults.secret");
				this.monolith.sql("insert into vaults values (3, 'after the takeover', 'third secret')").update();
				await().atMost(Duration.ofSeconds(60)).until(() -> rows("vaults.public.vaults").size() == 3);
			}
		}
		List<JsonNode> rows = rows("vaults.public.vaults");
		assertThat(rows).extracting((row) -> row.path("id").asLong()).containsExactly(1L, 2L, 3L);
		assertThat(rows.get(0).has("secret")).as("sent before the column was excluded").isTrue();
		assertThat(rows.subList(1, 3)).as("sent after, by the first bridge and by the one that took over")
			.allSatisfy((row) -> assertThat(row.has("secret")).isFalse());
	}

	/**
	 * Each bridge keeps its copy of the definitions: one changed through the standby's
	 * API reaches the bridge that streams the connector through the definitions topic. A
	 * move or a destroy needs the streaming bridge, and the standby refuses them.
	 */
	@Test
	void anEditMadeThroughTheStandbyReachesTheBridgeThatStreams() {
		this.monolith.sql("create table edits (id bigint primary key, label text not null, secret text)").update();
		this.monolith.sql("create publication edits_publication for table edits").update();
		this.monolith.sql("insert into edits values (1, 'before any bridge', 'first secret')").update();
		String[] edits = { "--cdc.connector.name=edits", "--cdc.connector.tables=public.edits",
				"--cdc.connector.publication=edits_publication" };

		try (ConfigurableApplicationContext first = bridge(edits);
				ConfigurableApplicationContext second = bridge(edits)) {
			await().atMost(Duration.ofSeconds(60)).until(() -> "available".equals(status(first, "edits")));
			await().atMost(Duration.ofSeconds(60)).until(() -> "standby".equals(status(second, "edits")));
			exclude(second, "edits", "public.edits.secret");
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(
						info(first, "edits").path("excludedColumns").valueStream().map(JsonNode::asString))
					.containsExactly("public.edits.secret"));
			await().atMost(Duration.ofSeconds(60)).until(() -> "available".equals(status(first, "edits")));
			assertThat(status(second, "edits")).isEqualTo("standby");
			this.monolith.sql("insert into edits values (2, 'after the edit', 'second secret')").update();
			await().atMost(Duration.ofSeconds(60)).until(() -> rows("edits.public.edits").size() == 2);

			for (var refused : List.of(api(second).post()
				.uri("/api/connectors/edits/move")
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"engine\":\"kafka-connect\"}"), api(second).delete().uri("/api/connectors/edits"))) {
				String answer = refused.exchange(
						(request, response) -> response.getStatusCode().value() + " " + response.bodyTo(String.class),
						true);
				assertThat(answer).startsWith("409").contains("streamed by another bridge process");
			}
			assertThat(status(first, "edits")).isEqualTo("available");
		}
		List<JsonNode> rows = rows("edits.public.edits");
		assertThat(rows).extracting((row) -> row.path("id").asLong()).containsExactly(1L, 2L);
		assertThat(rows.get(1).has("secret")).as("sent after the edit made through the standby").isFalse();
	}

	/** Adds an excluded column through a bridge's API. */
	private void exclude(ConfigurableApplicationContext bridge, String connector, String column) {
		api(bridge).patch()
			.uri("/api/connectors/" + connector)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"addExcludedColumns\":[\"" + column + "\"]}")
			.retrieve()
			.toBodilessEntity();
	}

	private List<JsonNode> rows(String topic) {
		return TopicReader.readAll(this.kafka.bootstrapServers(), topic)
			.stream()
			.map((record) -> this.mapper.readTree(record.value()).path("payload").path("after"))
			.toList();
	}

	private ConfigurableApplicationContext bridge(String... connector) {
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--spring.kafka.bootstrap-servers=" + this.kafka.bootstrapServers(),
						"--cdc.connector.source.port=" + this.postgres.port(), "--cdc.connector.excluded-columns=",
						"--cdc.connector.restart-delay=500ms", "--cdc.connector.definitions-check-interval=1s"));
		args.addAll(List.of(connector));
		return new SpringApplicationBuilder(BridgeApplication.class).run(args.toArray(String[]::new));
	}

	private ConfigurableApplicationContext bridge() {
		return bridge("--cdc.connector.name=items", "--cdc.connector.tables=public.items",
				"--cdc.connector.publication=items_publication");
	}

	private String status(ConfigurableApplicationContext bridge) {
		return status(bridge, "items");
	}

	private String status(ConfigurableApplicationContext bridge, String connector) {
		return info(bridge, connector).path("status").asString();
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
		return info(bridge, "items");
	}

	private JsonNode info(ConfigurableApplicationContext bridge, String connector) {
		return this.mapper
			.readTree(api(bridge).get().uri("/api/connectors/" + connector).retrieve().body(String.class));
	}

	private RestClient api(ConfigurableApplicationContext bridge) {
		String port = bridge.getEnvironment().getProperty("local.server.port");
		return RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultHeader("Authorization", TestLogins.ADMIN.basic())
			.build();
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
