package cdcdemo.bridge.connector;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import cdcdemo.testsupport.kafka.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The monolith's schema changes under a running connector, on a real PostgreSQL and
 * Kafka: a column added to a captured table flows, unless it is excluded, whoever owns
 * the publication; and a table that left its publication (through a
 * {@code DROP COLUMN ... CASCADE}) is noticed. The check runs every second here (30 s by
 * default).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "cdc.connector.publication-check-interval=1s")
class PublicationWatchTests extends BridgeSystemTest {

	BridgeApi api;

	@BeforeEach
	void api() {
		this.api = new BridgeApi(this.port, this.mapper);
	}

	@Test
	void aColumnAddedUnderAnOwnersPublicationIsReportedWithTheStatementUntilTheOwnerRunsIt() {
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(this.api.info("monolith").path("status").asString()).isEqualTo("available"));
		this.monolith.sql("alter table users add column phone text").update();

		JsonNode drift = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.api.info("monolith").path("publicationDrift"), (d) -> d.size() == 1);
		assertThat(drift.get(0).path("table").asString()).isEqualTo("public.users");
		assertThat(drift.get(0).path("unpublishedColumns").valueStream().map(JsonNode::asString))
			.containsExactly("phone");
		String statement = drift.get(0).path("statement").asString();
		assertThat(statement)
			.startsWith("BEGIN; ALTER PUBLICATION \"monolith_publication\" DROP TABLE \"public\".\"users\"; ")
			.contains("ADD TABLE \"public\".\"users\" (")
			.contains("\"phone\"")
			.doesNotContain("\"password\"")
			.endsWith("; COMMIT;");
		assertThat(this.api.info("monolith").path("warnings").valueStream().map(JsonNode::asString))
			.anySatisfy((warning) -> assertThat(warning).startsWith("column public.users.phone not published")
				.contains(statement));
		JsonNode health = this.api.call("GET", "/actuator/health", null, 200).path("components").path("connectors");
		assertThat(health.path("status").asString()).isEqualTo("WARNING");
		assertThat(health.path("details").path("monolith").asString()).contains("not published: public.users.phone");

		// until the owner acts, the column does not leave PostgreSQL
		long before = insertUser("Ada", "+44 20 7946 0000");
		assertThat(after("monolith.public.users", before).has("phone")).isFalse();

		// the platform's publication is the superuser's (its owner's script made it), so
		// is the statement to run
		JdbcClient owner = JdbcClient.create(this.postgres.dataSource("users"));
		owner.sql(statement).update();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.api.info("monolith").path("publicationDrift").size()).isZero());
		assertThat(this.api.call("GET", "/actuator/health", null, 200)
			.path("components")
			.path("connectors")
			.path("status")
			.asString()).isEqualTo("UP");
		long published = insertUser("Grace", "+1 202 555 0100");
		assertThat(after("monolith.public.users", published).path("phone").asString()).isEqualTo("+1 202 555 0100");
		assertThat(after("monolith.public.users", published).has("password")).isFalse();
		JsonNode phone = afterSchema(event("monolith.public.users", published)).get("phone");
		assertThat(phone).as("the envelope's schema names the new column").isNotNull();
		assertThat(phone.path("optional").asBoolean()).isTrue();
		assertThat(phone.path("type").asString()).isEqualTo("string");

		// a published column cannot be dropped (nor its type changed) until the
		// publication leaves it out
		assertThatThrownBy(() -> this.monolith.sql("alter table users drop column phone").update())
			.hasMessageContaining(
					"publication of table users in publication monolith_publication depends on column phone");
		assertThatThrownBy(() -> this.monolith.sql("alter table users alter column phone type varchar(40)").update())
			.hasMessageContaining("cannot alter type of a column used by a publication");
		owner.sql("alter publication monolith_publication set table users (id, first_name, last_name, email)").update();
		this.monolith.sql("alter table users drop column phone").update();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.api.info("monolith").path("publicationDrift").size()).isZero());
	}

	@Test
	void theBridgeAltersAPublicationItOwnsAndPutsBackATableACascadeRemoved() {
		this.monolith.sql("create table memos (id bigint primary key, body text not null, secret text)").update();
		this.api.call("POST", "/api/connectors",
				Map.of("name", "memos", "source",
						Map.of("jdbcUrl", this.postgres.jdbcUrl("users"), "user", "postgres", "password", "postgres"),
						"tables", List.of("public.memos"), "excludedColumns", List.of("public.memos.secret")),
				201);
		assertThat(this.api.call("GET", "/api/connectors/memos/wait?timeout=60s", null, 200).path("status").asString())
			.isEqualTo("available");

		this.monolith.sql("alter table memos add column tag text").update();
		JsonNode changes = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.api.info("memos").path("publicationChanges"), (c) -> c.size() == 1);
		assertThat(changes.get(0).path("unpublishedColumns").valueStream().map(JsonNode::asString))
			.containsExactly("tag");
		assertThat(changes.get(0).path("fixedAt").isNull()).isFalse();
		assertThat(changes.get(0).path("statement").asString()).isEqualTo(
				"ALTER PUBLICATION \"memos_publication\" SET TABLE \"public\".\"memos\" (\"id\", \"body\", \"tag\")");
		assertThat(this.api.info("memos").path("publicationDrift").size()).isZero();
		this.monolith.sql("insert into memos values (1, 'one', 's3cret', 'urgent')").update();
		JsonNode first = after("memos.public.memos", 1);
		assertThat(first.path("tag").asString()).isEqualTo("urgent");
		assertThat(first.has("secret")).isFalse();

		// a renamed column is renamed in the publication's list too; the next event has
		// the new name
		this.monolith.sql("alter table memos rename column body to content").update();
		this.monolith.sql("insert into memos values (3, 'three', 's3cret', 'later')").update();
		JsonNode renamed = event("memos.public.memos", 3);
		assertThat(renamed.path("payload").path("after").path("content").asString()).isEqualTo("three");
		assertThat(renamed.path("payload").path("after").has("body")).isFalse();
		assertThat(afterSchema(renamed)).containsKey("content").doesNotContainKey("body");
		this.monolith.sql("alter table memos rename column content to body").update();

		// CASCADE takes the table out of the publication: the bridge puts it back, and
		// says what was missed
		this.monolith.sql("alter table memos drop column tag cascade").update();
		JsonNode putBack = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.api.info("memos").path("publicationChanges"), (c) -> c.size() == 2)
			.get(1);
		assertThat(putBack.path("missingFromPublication").asBoolean()).isTrue();
		assertThat(this.api.info("memos").path("publicationChanges").get(1).path("statement").asString())
			.isEqualTo("ALTER PUBLICATION \"memos_publication\" SET TABLE \"public\".\"memos\" (\"id\", \"body\")");
		this.monolith.sql("insert into memos values (2, 'two', 's3cret')").update();
		assertThat(after("memos.public.memos", 2).path("body").asString()).isEqualTo("two");
		this.api.call("DELETE", "/api/connectors/memos", null, 200);
	}

	private long insertUser(String name, String phone) {
		return this.monolith
			.sql("insert into users (first_name, last_name, email, password, phone) values (?, 'Test', ?, 'hash', ?) "
					+ "returning id")
			.params(name, name.toLowerCase() + "-" + System.nanoTime() + "@example.com", phone)
			.query(Long.class)
			.single();
	}

	/** The {@code after} of the event for a row, once it has arrived. */
	private JsonNode after(String topic, long id) {
		return event(topic, id).path("payload").path("after");
	}

	/**
	 * The (first) event whose {@code after} is this row, schema and payload, once it has
	 * arrived.
	 */
	private JsonNode event(String topic, long id) {
		return await().atMost(Duration.ofSeconds(60))
			.until(() -> TopicReader.readAll(this.kafka.bootstrapServers(), topic)
				.stream()
				.filter((r) -> r.value() != null)
				.map((r) -> this.mapper.readTree(r.value()))
				.filter((event) -> event.path("payload").path("after").path("id").asLong() == id)
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
	}

	/** The fields of the envelope schema's {@code after}, by name. */
	private static Map<String, JsonNode> afterSchema(JsonNode event) {
		Map<String, JsonNode> fields = new java.util.LinkedHashMap<>();
		for (JsonNode field : event.path("schema").path("fields")) {
			if (field.path("field").asString().equals("after")) {
				field.path("fields").forEach((f) -> fields.put(f.path("field").asString(), f));
			}
		}
		return fields;
	}

}
