package cdcdemo.bridge.connector;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import cdcdemo.testsupport.kafka.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A change Kafka cannot take (a row whose event is larger than the producer's
 * {@code max.request.size}), on a real PostgreSQL and Kafka broker: the connector stops
 * in {@code failed} with a reason naming the event, is not restarted in a loop, delivers
 * nothing twice, answers every lifecycle action, and goes on after an operator skips the
 * event.
 */
class RefusedEventTests extends BridgeSystemTest {

	static final String LARGE = "x".repeat(2_200_000);

	BridgeApi api;

	@BeforeEach
	void api() {
		this.api = new BridgeApi(this.port, this.mapper);
	}

	@Test
	void aRefusedEventStopsTheConnectorUntilTheOperatorSkipsIt() {
		create("memos");
		insert("memos", 1, "small");
		// delivered before the large row is written: otherwise both may share a Kafka
		// transaction, which the refusal
		// aborts, and row 1 is delivered with row 3 after the skip
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(ids("memos.public.memos")).containsExactly(1L));
		insert("memos", 2, LARGE);
		insert("memos", 3, "small again");

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.api.info("memos").path("status").asString()).isEqualTo("failed"));
		JsonNode info = this.api.info("memos");
		assertThat(info.path("reason").asString()).contains("memos.public.memos", "{\"id\":2}", "max.request.size",
				"skip");
		assertThat(info.path("delivery").path("refusedEvent").path("key").asString()).isEqualTo("{\"id\":2}");
		assertThat(info.path("delivery").path("refusedEvent").path("bytes").asInt()).isGreaterThan(2_200_000);
		// no restart loop: it stays failed, and nothing after the refused event is sent,
		// let alone sent again
		await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> {
			JsonNode now = this.api.info("memos");
			assertThat(now.path("status").asString()).isEqualTo("failed");
			assertThat(now.path("delivery").path("restarts").asInt()).isZero();
		});
		assertThat(ids("memos.public.memos")).containsExactly(1L);
		JsonNode health = this.api.call("GET", "/actuator/health", null, 503);
		assertThat(health.path("status").asString()).isEqualTo("DOWN");
		assertThat(health.path("components").path("connectors").path("details").path("memos").asString())
			.startsWith("failed: Kafka refused the change event on memos.public.memos");

		// every action answers on a failed connector: pause, and resume (which meets the
		// same event again)
		assertThat(this.api.call("POST", "/api/connectors/memos/pause", null, 200).path("status").asString())
			.isEqualTo("paused");
		this.api.call("POST", "/api/connectors/memos/resume", null, 200);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.api.info("memos").path("status").asString()).isEqualTo("failed"));
		assertThat(ids("memos.public.memos")).containsExactly(1L);

		// the operator skips it from the page, which says what was refused and offers the
		// way out
		Document page = this.api.page();
		Element refusedOnPage = page.selectFirst("#connector-memos .refused");
		assertThat(refusedOnPage).as("the page shows the refused change").isNotNull();
		assertThat(refusedOnPage.text()).contains("memos.public.memos", "{\"id\":2}", "limit 1048576",
				"memos.public.memos.DLT");
		page = this.api.submit(refusedOnPage.selectFirst("form.skip"));
		assertThat(page.selectFirst("#flash").text()).startsWith("Skipped the change on memos.public.memos with key");
		assertThat(page.select("#connector-memos .skipped tbody tr")).hasSize(1);
		JsonNode skipped = this.api.info("memos");
		assertThat(skipped.path("delivery").path("skipped").get(0).path("key").asString()).isEqualTo("{\"id\":2}");
		assertThat(skipped.path("delivery").path("skipped").get(0).path("lsn").asLong()).isPositive();
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(ids("memos.public.memos")).containsExactly(1L, 3L));
		insert("memos", 4, "after the skip");
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(ids("memos.public.memos")).containsExactly(1L, 3L, 4L));
		List<ConsumerRecord<String, String>> deadLetters = TopicReader.readAll(this.kafka.bootstrapServers(),
				"memos.public.memos.DLT");
		assertThat(deadLetters).hasSize(1);
		JsonNode reference = this.mapper.readTree(deadLetters.get(0).value());
		assertThat(reference.path("skipped").asBoolean()).isTrue();
		assertThat(reference.path("key").asString()).isEqualTo("{\"id\":2}");
		assertThat(reference.path("bytes").asInt()).isGreaterThan(2_200_000);
		assertThat(reference.path("by").asString()).isNotBlank();
		assertThat(this.api.info("memos").path("status").asString()).isEqualTo("available");
		// a second skip has nothing to skip, from the API (409) or the page (no button)
		assertThat(this.api.call("POST", "/api/connectors/memos/skip", null, 409).path("detail").asString())
			.contains("no event to skip");
		assertThat(this.api.page().select("#connector-memos form.skip")).isEmpty();
		assertThat(this.api.call("DELETE", "/api/connectors/memos", null, 200).path("slotDropped").asBoolean())
			.isTrue();
	}

	@Test
	void raisingTheLargestEventSizeDeliversTheRowAndEverythingAfterItOnce() {
		create("letters");
		insert("letters", 1, "small");
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(ids("letters.public.letters")).containsExactly(1L));
		insert("letters", 2, LARGE);
		insert("letters", 3, "small again");
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.api.info("letters").path("status").asString()).isEqualTo("failed"));
		assertThat(this.api.info("letters").path("delivery").path("maxEventBytes").asInt()).isEqualTo(1024 * 1024);

		JsonNode refused = this.api.call("PATCH", "/api/connectors/letters", Map.of("maxEventBytes", 2_000_000_000),
				400);
		assertThat(refused.path("errors").findValuesAsString("field")).containsExactly("maxEventBytes");
		assertThat(refused.path("errors").get(0).path("message").asString()).contains("socket.request.max.bytes");

		JsonNode raised = this.api.call("PATCH", "/api/connectors/letters", Map.of("maxEventBytes", 4_000_000), 200);
		assertThat(raised.path("delivery").path("maxEventBytes").asInt()).isEqualTo(4_000_000);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(ids("letters.public.letters")).containsExactly(1L, 2L, 3L));
		assertThat(this.api.info("letters").path("status").asString()).isEqualTo("available");
		this.api.call("DELETE", "/api/connectors/letters", null, 200);
	}

	@Test
	void aFailedConnectorCanBeUpdatedAndDestroyed() {
		create("drafts");
		insert("drafts", 1, LARGE);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.api.info("drafts").path("status").asString()).isEqualTo("failed"));
		JsonNode updated = this.api.call("PATCH", "/api/connectors/drafts",
				Map.of("settings", Map.of("heartbeat.interval.ms", "2000")), 200);
		assertThat(updated.path("settings").path("heartbeat.interval.ms").asString()).isEqualTo("2000");
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.api.info("drafts").path("status").asString()).isEqualTo("failed"));
		JsonNode destroyed = this.api.call("DELETE", "/api/connectors/drafts", null, 200);
		assertThat(destroyed.path("slotDropped").asBoolean()).isTrue();
		assertThat(JdbcClient.create(this.postgres.dataSource("users"))
			.sql("select count(*) from pg_replication_slots where slot_name = 'drafts'")
			.query(Long.class)
			.single()).isZero();
		assertThat(ids("drafts.public.drafts")).isEmpty();

		// created again under the same name, it starts afresh: destroy forgot the old
		// slot's position
		this.monolith.sql("delete from drafts").update();
		createConnector("drafts");
		insert("drafts", 2, "small");
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(ids("drafts.public.drafts")).containsExactly(2L));
		this.api.call("DELETE", "/api/connectors/drafts", null, 200);
	}

	private void create(String table) {
		this.monolith.sql("create table " + table + " (id bigint primary key, body text not null)").update();
		this.monolith.sql("create publication " + table + "_publication for table " + table).update();
		createConnector(table);
	}

	private void createConnector(String table) {
		this.api.call("POST", "/api/connectors",
				Map.of("name", table, "source",
						Map.of("jdbcUrl", this.postgres.jdbcUrl("users"), "user", "cdc_bridge", "password",
								"cdc_bridge"),
						"tables", List.of("public." + table), "publication", table + "_publication"),
				201);
		assertThat(this.api.call("GET", "/api/connectors/" + table + "/wait?timeout=60s", null, 200)
			.path("status")
			.asString()).isEqualTo("available");
	}

	private void insert(String table, long id, String body) {
		this.monolith.sql("insert into " + table + " values (?, ?)").params(id, body).update();
	}

	private List<Long> ids(String topic) {
		return TopicReader.readAll(this.kafka.bootstrapServers(), topic)
			.stream()
			.filter((r) -> r.value() != null)
			.map((r) -> this.mapper.readTree(r.value()).path("payload").path("after").path("id").asLong())
			.toList();
	}

}
