package cdcdemo.bridge.connector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import cdcdemo.testsupport.kafka.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The change-event fixtures the consumers' tests are built from
 * ({@code cdc-events/src/test/resources/change-events}, shipped as cdc-events' test-jar)
 * are what the bridge publishes: the declared connector, on the {@code users} table
 * exactly as users-app's migration creates it and published as the platform's publication
 * script does (every column but {@code password}), creates, updates and deletes a user,
 * and each event equals its fixture except the fields that change from run to run (times,
 * log positions, transaction ids, the row's id and creation time). So the fixtures cannot
 * drift from the bridge again, as hand-written copies did. Run with
 * {@code -Dcdc.golden.record=true} to write the fixtures afresh after a deliberate change
 * of the wire format.
 */
class GoldenChangeEventsTests extends BridgeSystemTest {

	static final String TOPIC = "monolith.public.users";

	static final Path FIXTURES = Path.of("../cdc-events/src/test/resources/change-events");

	static final Path USERS_TABLE = Path.of("../users-app/src/main/resources/db/migration/V1__create_users.sql");

	private static final String VOLATILE = "<varies>";

	private static final Set<String> VOLATILE_TIMES = Set.of("ts_ms", "ts_us", "ts_ns");

	private static final Set<String> VOLATILE_SOURCE = Set.of("ts_ms", "ts_us", "ts_ns", "lsn", "txId", "xmin",
			"sequence");

	@Test
	void publishesTheEventsOfTheFixtures() throws IOException {
		BridgeApi api = new BridgeApi(this.port, this.mapper);
		assertThat(api.call("GET", "/api/connectors/monolith/wait?timeout=60s", null, 200).path("status").asString())
			.isEqualTo("available");
		api.call("POST", "/api/connectors/monolith/pause", null, 200);
		JdbcClient monolith = usersTableOfUsersApp();
		assertThat(api.call("POST", "/api/connectors/monolith/resume", null, 200).path("status").asString())
			.isIn("creating", "available");
		assertThat(api.call("GET", "/api/connectors/monolith/wait?timeout=60s", null, 200).path("status").asString())
			.isEqualTo("available");
		int before = TopicReader.readAll(this.kafka.bootstrapServers(), TOPIC).size();

		long id = monolith
			.sql("insert into users (first_name, last_name, email, password) values ('Grace', 'Hopper', "
					+ "'grace@example.com', 'hash-of-grace') returning id")
			.query(Long.class)
			.single();
		monolith.sql("update users set email = 'grace.hopper@example.com' where id = ?").param(id).update();
		monolith.sql("delete from users where id = ?").param(id).update();

		await().atMost(Duration.ofSeconds(60))
			.until(() -> TopicReader.readAll(this.kafka.bootstrapServers(), TOPIC).size() >= before + 4);
		List<ConsumerRecord<String, String>> records = TopicReader.readAll(this.kafka.bootstrapServers(), TOPIC)
			.subList(before, before + 4);
		assertThat(records.get(3).value()).as("the tombstone after the delete").isNull();
		assertThat(records.get(3).key()).isEqualTo(records.get(2).key());
		Map<String, JsonNode> events = new LinkedHashMap<>();
		events.put("users-create.json", event(records.get(0)));
		events.put("users-update.json", event(records.get(1)));
		events.put("users-delete.json", event(records.get(2)));

		if (Boolean.getBoolean("cdc.golden.record")) {
			Files.createDirectories(FIXTURES);
			for (Map.Entry<String, JsonNode> event : events.entrySet()) {
				String json = this.mapper.writer(SerializationFeature.INDENT_OUTPUT)
					.writeValueAsString(event.getValue());
				Files.writeString(FIXTURES.resolve(event.getKey()), json + "\n");
			}
		}
		for (Map.Entry<String, JsonNode> event : events.entrySet()) {
			JsonNode fixture = this.mapper.readTree(Files.readString(FIXTURES.resolve(event.getKey())));
			assertThat(stable(event.getValue()))
				.as("%s, as the bridge published it: %s", event.getKey(), event.getValue())
				.isEqualTo(stable(fixture));
		}
		assertThat(events.values()).extracting((event) -> event.path("value").path("payload").path("op").asString())
			.containsExactly("c", "u", "d");
	}

	/**
	 * Replaces the users table of {@link BridgeTestServers} with the one users-app's
	 * migration creates, owned by users-app's role as on the platform, and publishes its
	 * columns but {@code password}, as {@code postgres/publications/monolith.sql} does.
	 * Done while the connector is paused: it reads the table's columns afresh when it
	 * resumes.
	 */
	private JdbcClient usersTableOfUsersApp() {
		SimpleDriverDataSource usersApp = new SimpleDriverDataSource(new org.postgresql.Driver(),
				this.postgres.jdbcUrl("users"), "users_app", "users_app");
		JdbcClient monolith = JdbcClient.create(usersApp);
		monolith.sql("drop table users").update();
		new ResourceDatabasePopulator(new FileSystemResource(USERS_TABLE)).execute(usersApp);
		JdbcClient superuser = JdbcClient.create(this.postgres.dataSource("users"));
		String columns = superuser.sql("""
				select string_agg(quote_ident(attname), ', ' order by attnum) from pg_attribute
				where attrelid = 'public.users'::regclass and attnum > 0 and not attisdropped and attname <> 'password'
				""").query(String.class).single();
		superuser.sql("alter publication monolith_publication add table public.users (" + columns + ")").update();
		return monolith;
	}

	private JsonNode event(ConsumerRecord<String, String> record) {
		ObjectNode event = this.mapper.createObjectNode();
		event.put("topic", record.topic());
		event.set("key", this.mapper.readTree(record.key()));
		event.set("value", this.mapper.readTree(record.value()));
		return event;
	}

	/**
	 * The event with each field that differs from run to run replaced by a placeholder; a
	 * field missing stays missing, so a field added or dropped is still a difference.
	 */
	private static JsonNode stable(JsonNode event) {
		JsonNode copy = event.deepCopy();
		replace(copy.path("key").path("payload"), Set.of("id"));
		JsonNode payload = copy.path("value").path("payload");
		replace(payload, VOLATILE_TIMES);
		replace(payload.path("source"), VOLATILE_SOURCE);
		replace(payload.path("before"), Set.of("id"));
		replace(payload.path("after"), Set.of("id", "created_at"));
		return copy;
	}

	private static void replace(JsonNode node, Set<String> fields) {
		if (node instanceof ObjectNode object) {
			fields.stream().filter(object::has).forEach((field) -> object.put(field, VOLATILE));
		}
	}

}
