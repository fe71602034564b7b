package cdcdemo.bridge.connector;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cdcdemo.testsupport.kafka.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a consumer receives for the changes a real monolith makes that are not a plain
 * insert, update or delete of a row, on a real PostgreSQL (pgoutput, REPLICA IDENTITY
 * DEFAULT) and Kafka: an update that leaves a large TOASTed value unchanged, an update of
 * the primary key, and a TRUNCATE. The README's "When the monolith changes" describes the
 * same events.
 */
class ChangeShapesTests extends BridgeSystemTest {

	static final String TOPIC = "docs.public.docs";

	@Test
	void toastedValuesPrimaryKeyUpdatesAndTruncatesArriveAsDebeziumWritesThem() {
		this.monolith.sql("create table docs (id bigint primary key, title text not null, body text not null)")
			.update();
		this.monolith.sql("create publication docs_publication for table docs").update();
		BridgeApi api = new BridgeApi(this.port, this.mapper);
		api.call("POST", "/api/connectors",
				Map.of("name", "docs", "source",
						Map.of("jdbcUrl", this.postgres.jdbcUrl("users"), "user", "cdc_bridge", "password",
								"cdc_bridge"),
						"tables", List.of("public.docs"), "publication", "docs_publication"),
				201);
		assertThat(api.call("GET", "/api/connectors/docs/wait?timeout=60s", null, 200).path("status").asString())
			.isEqualTo("available");

		// 64 KB of hex digits: compressed, still far over the 2 KB past which PostgreSQL
		// stores a value out of line
		this.monolith
			.sql("insert into docs values (1, 'draft', (select string_agg(md5(g::text), '') "
					+ "from generate_series(1, 2000) g))")
			.update();
		this.monolith.sql("update docs set title = 'final' where id = 1").update();
		this.monolith.sql("update docs set id = 2 where id = 1").update();
		this.monolith.sql("truncate docs").update();

		List<ConsumerRecord<String, String>> records = await().atMost(Duration.ofSeconds(60))
			.until(() -> TopicReader.readAll(this.kafka.bootstrapServers(), TOPIC), (all) -> all.size() >= 6);
		assertThat(records).hasSize(6);

		assertThat(records).as("no Debezium context header on any event")
			.allSatisfy((record) -> assertThat(record.headers().toArray()).extracting(Header::key)
				.noneMatch((key) -> key.startsWith("__debezium.context.")));
		JsonNode created = payload(records.get(0));
		assertThat(created.path("op").asString()).isEqualTo("c");
		assertThat(created.path("after").path("body").asString()).hasSize(64_000);

		// the update did not touch body: pgoutput does not send an unchanged TOASTed
		// value, Debezium puts a placeholder
		JsonNode updated = payload(records.get(1));
		assertThat(updated.path("op").asString()).isEqualTo("u");
		assertThat(updated.path("after").path("title").asString()).isEqualTo("final");
		assertThat(updated.path("after").path("body").asString()).isEqualTo("__debezium_unavailable_value");
		assertThat(updated.path("before").isNull()).as("REPLICA IDENTITY DEFAULT: no old row").isTrue();

		// a new primary key: a delete of the old key, its tombstone, a create of the new
		// one, linked by headers
		JsonNode deleted = payload(records.get(2));
		assertThat(deleted.path("op").asString()).isEqualTo("d");
		assertThat(deleted.path("before").path("id").asLong()).isEqualTo(1);
		assertThat(header(records.get(2), "__debezium.newkey")).isEqualTo("{\"id\":2}");
		assertThat(records.get(3).value()).as("the tombstone of the old key").isNull();
		assertThat(this.mapper.readTree(records.get(3).key()).path("payload").path("id").asLong()).isEqualTo(1);
		JsonNode moved = payload(records.get(4));
		assertThat(moved.path("op").asString()).isEqualTo("c");
		assertThat(moved.path("after").path("id").asLong()).isEqualTo(2);
		// the new key's row is still an UPDATE to PostgreSQL: its unchanged TOASTed value
		// is not sent either, so a
		// consumer must carry it over from the old key's row
		assertThat(moved.path("after").path("body").asString()).isEqualTo("__debezium_unavailable_value");
		assertThat(header(records.get(4), "__debezium.oldkey")).isEqualTo("{\"id\":1}");

		// TRUNCATE: one event for the table, no key, no row
		ConsumerRecord<String, String> truncate = records.get(5);
		assertThat(truncate.key()).isNull();
		JsonNode truncated = payload(truncate);
		assertThat(truncated.path("op").asString()).isEqualTo("t");
		assertThat(truncated.path("before").isNull()).isTrue();
		assertThat(truncated.path("after").isNull()).isTrue();
		assertThat(truncated.path("source").path("table").asString()).isEqualTo("docs");
		api.call("DELETE", "/api/connectors/docs", null, 200);
	}

	private JsonNode payload(ConsumerRecord<String, String> record) {
		return this.mapper.readTree(record.value()).path("payload");
	}

	private String header(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		assertThat(header).as("header %s", name).isNotNull();
		return new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
	}

}
