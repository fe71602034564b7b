package cdcdemo.bridge.connector;

import java.io.IOException;
import cdcdemo.testsupport.TestLogins;
import cdcdemo.testsupport.kafka.TopicReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connector lifecycle through the REST API, on a real PostgreSQL and Kafka broker:
 * validation naming each bad field, create with a column-list publication (the excluded
 * column never leaves PostgreSQL), wait, info, pause, changes made while paused delivered
 * after resume, an on-demand snapshot, an update adding a table, destroy dropping slot
 * and publication but keeping the topics.
 */
class ConnectorLifecycleTests extends BridgeSystemTest {

	@Test
	void refusesABadRequestNamingEveryFieldAtFault() {
		JsonNode problem = call("POST", "/api/connectors",
				Map.of("name", "monolith", "source",
						Map.of("jdbcUrl", this.postgres.jdbcUrl("users"), "user", "cdc_bridge", "password",
								"cdc_bridge"),
						"tables", List.of("public.users", "public.missing", "public.no_key"), "excludedColumns",
						List.of("public.users.nope", "public.users.id")),
				400);
		assertThat(problem.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("name", "tables[1]",
				"tables[2]", "excludedColumns[0]", "excludedColumns[1]");
		assertThat(problem.path("errors").toString()).contains("exists already");

		problem = call("POST", "/api/connectors",
				Map.of("source",
						Map.of("jdbcUrl", this.postgres.jdbcUrl("users"), "user", "cdc_bridge", "password",
								"cdc_bridge"),
						"tables", List.of("public.users", "public.missing", "public.no_key"), "excludedColumns",
						List.of("public.users.nope", "public.users.id", "public.other.x")),
				400);
		assertThat(problem.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("tables[1]",
				"tables[2]", "excludedColumns[0]", "excludedColumns[1]", "excludedColumns[2]");
		assertThat(problem.path("errors").toString()).contains("has no primary key", "does not exist");

		problem = call("POST", "/api/connectors",
				Map.of("name", "Bad-Name", "source", Map.of("jdbcUrl", "mysql://nowhere"), "tables", List.of()), 400);
		assertThat(problem.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("name",
				"source.jdbcUrl", "tables");

		problem = call("POST", "/api/connectors",
				Map.of("source", Map.of("jdbcUrl", "jdbc:postgresql://127.0.0.1:" + this.postgres.port() + "/users",
						"user", "users_app", "password", "users_app"), "tables", List.of("public.accounts")),
				400);
		assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("source.user");

		problem = call("POST", "/api/connectors",
				Map.of("source", Map.of("jdbcUrl", "jdbc:postgresql://127.0.0.1:1/users", "user", "cdc_bridge"),
						"store", Map.of("bootstrapServers", "127.0.0.1:1"), "tables", List.of("public.users"),
						"publication", "none"),
				400);
		assertThat(problem.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("source.jdbcUrl",
				"store.bootstrapServers");
		problem = call("POST", "/api/connectors",
				Map.of("source",
						Map.of("jdbcUrl", this.postgres.jdbcUrl("users"), "user", "cdc_bridge", "password",
								"cdc_bridge"),
						"tables", List.of("public.users"), "publication", "no_such_publication"),
				400);
		assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("publication");

		assertThat(call("GET", "/api/connectors/nobody", null, 404).path("detail").asString()).contains("nobody");
	}

	@Test
	void refusesADatabaseWithoutLogicalDecoding() throws IOException {
		try (EmbeddedPostgres replicaLevel = EmbeddedPostgres.builder()
			.setServerConfig("wal_level", "replica")
			.setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
			.start()) {
			JdbcClient.create(replicaLevel.getPostgresDatabase())
				.sql("create table things (id bigint primary key)")
				.update();
			JsonNode problem = call("POST", "/api/connectors",
					Map.of("source", Map.of("jdbcUrl",
							"jdbc:postgresql://127.0.0.1:" + replicaLevel.getPort() + "/postgres", "user", "postgres"),
							"tables", List.of("public.things")),
					400);
			assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("source.jdbcUrl");
			assertThat(problem.path("errors").get(0).path("message").asString()).contains("wal_level is 'replica'",
					"wal_level=logical");
		}
	}

	@Test
	void createsAConnectorFromANamedDatasourceWithoutAPasswordInTheRequest() {
		JsonNode problem = call("POST", "/api/connectors",
				Map.of("source", Map.of("datasource", "nope"), "tables", List.of("public.users")), 400);
		assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("source.datasource");
		assertThat(problem.path("errors").get(0).path("message").asString()).contains("default");

		JsonNode created = call("POST", "/api/connectors",
				Map.of("name", "named", "source", Map.of("datasource", "default"), "tables", List.of("public.users"),
						"excludedColumns", List.of("public.users.password"), "publication", "monolith_publication"),
				201);
		assertThat(created.path("source").asString()).startsWith("cdc_bridge@");
		assertThat(call("GET", "/api/connectors/named/wait?timeout=60s", null, 200).path("status").asString())
			.isEqualTo("available");

		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.authenticator(TestLogins.OPERATOR.authenticator())
			.build();
		Document page = Jsoup.parse(send(browser, HttpRequest.newBuilder(uri("/")).GET().build()).body());
		Element pause = page.selectFirst("#connector-named form.pause");
		assertThat(pause).isNotNull();
		HttpRequest withoutToken = HttpRequest.newBuilder(uri(pause.attr("action")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(""))
			.build();
		assertThat(send(browser, withoutToken).statusCode()).isEqualTo(403);
		for (String forgeable : List.of("application/x-www-form-urlencoded", "text/plain")) {
			HttpResponse<String> forged = send(browser,
					HttpRequest.newBuilder(uri("/api/connectors/named/pause"))
						.header("Content-Type", forgeable)
						.POST(HttpRequest.BodyPublishers.ofString(""))
						.build());
			assertThat(forged.statusCode()).as("a %s POST to the API, as a foreign page could send", forgeable)
				.isEqualTo(403);
			assertThat(this.mapper.readTree(forged.body()).path("detail").asString())
				.contains("Content-Type: application/json");
		}
		assertThat(call("GET", "/api/connectors/named", null, 200).path("status").asString()).isEqualTo("available");
		HttpRequest withToken = HttpRequest.newBuilder(uri(pause.attr("action")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + pause.selectFirst("input[name=_csrf]").val()))
			.build();
		assertThat(send(browser, withToken).statusCode()).isEqualTo(302);
		page = Jsoup.parse(send(browser, HttpRequest.newBuilder(uri("/")).GET().build()).body());
		assertThat(page.selectFirst("#flash").text()).startsWith("Paused named");
		assertThat(page.selectFirst("#connector-named .status").text()).isEqualTo("paused");
		assertThat(page.selectFirst("#connector-named form.resume")).isNotNull();
		assertThat(call("DELETE", "/api/connectors/named", null, 200).path("publicationDropped").asBoolean())
			.as("a publication the bridge did not create is kept")
			.isFalse();
	}

	@Test
	void leastPrivilegeRoleGetsTheOwnersStatementForThePublication() {
		JsonNode problem = call("POST", "/api/connectors",
				Map.of("name", "unowned", "source",
						Map.of("jdbcUrl", this.postgres.jdbcUrl("users"), "user", "cdc_bridge", "password",
								"cdc_bridge"),
						"tables", List.of("public.accounts"), "excludedColumns", List.of("public.accounts.secret")),
				400);
		assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("publication");
		assertThat(problem.path("errors").get(0).path("message").asString()).contains(
				"CREATE PUBLICATION \"unowned_publication\" FOR TABLE \"public\".\"accounts\" (\"id\", \"name\")");
		assertThat(call("GET", "/api/connectors", null, 200).findValuesAsString("name")).doesNotContain("unowned");
	}

	@Test
	void destroyWhileTheConnectorIsStartingLeavesNoSlotBehind() throws Exception {
		JdbcClient admin = JdbcClient.create(this.postgres.dataSource("users"));
		try (Connection inFlight = this.postgres.dataSource("users").getConnection()) {
			// creating a replication slot waits for the transactions in flight: this one
			// (it has a transaction id,
			// and locks nothing) holds the engine in the middle of starting its task,
			// where Debezium refuses to close it
			inFlight.setAutoCommit(false);
			inFlight.createStatement().execute("select txid_current()");
			call("POST", "/api/connectors",
					Map.of("name", "hasty", "source",
							Map.of("jdbcUrl", this.postgres.jdbcUrl("users"), "user", "postgres", "password",
									"postgres"),
							"tables", List.of("public.accounts"), "excludedColumns", List.of("public.accounts.secret")),
					201);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> admin
					.sql("select count(*) from pg_stat_activity where query like '%REPLICATION_SLOT \"hasty\"%'")
					.query(Integer.class)
					.single() > 0);
			CompletableFuture<JsonNode> destroyed = CompletableFuture
				.supplyAsync(() -> call("DELETE", "/api/connectors/hasty", null, 200));
			await().atMost(Duration.ofSeconds(60))
				.ignoreExceptions()
				.until(() -> destroyed.isDone() || call("GET", "/api/connectors/hasty", null, 200).path("reason")
					.asString()
					.startsWith("stopping"));
			inFlight.rollback();
			assertThat(destroyed.get(90, TimeUnit.SECONDS).path("message").asString())
				.startsWith("Connector hasty destroyed");
		}
		await().during(Duration.ofSeconds(5))
			.atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> assertThat(admin.sql("select count(*) from pg_replication_slots where slot_name = 'hasty'")
						.query(Integer.class)
						.single()).as("a slot left behind would hold WAL forever").isZero());
	}

	@Test
	void createsWaitsPausesResumesAndDestroysAConnector() {
		this.monolith.sql("insert into accounts values (1, 'first', 'top-secret-1')").update();
		JsonNode created = call("POST", "/api/connectors",
				Map.of("name", "accounts", "source",
						Map.of("jdbcUrl", this.postgres.jdbcUrl("users"), "user", "postgres", "password", "postgres"),
						"tables", List.of("public.accounts"), "excludedColumns", List.of("public.accounts.secret"),
						"settings", Map.of("tombstones.on.delete", "false")),
				201);
		assertThat(created.path("name").asString()).isEqualTo("accounts");

		JsonNode info = call("GET", "/api/connectors/accounts/wait?timeout=60s", null, 200);
		assertThat(info.path("status").asString()).isEqualTo("available");
		assertThat(info.path("tables").get(0).path("topic").asString()).isEqualTo("accounts.public.accounts");
		assertThat(info.path("tables").get(0).path("replicaIdentity").asString()).isEqualTo("default");
		assertThat(info.path("excludedColumnsFiltered").asString()).isEqualTo("publication");
		assertThat(info.path("source").asString()).doesNotContain("password");
		assertThat(this.postgres.dataSource("users").toString()).isNotNull();
		assertThat(JdbcClient.create(this.postgres.dataSource("users"))
			.sql("select array_to_string(attnames, ',') from pg_publication_tables where pubname = 'accounts_publication'")
			.query(String.class)
			.single()).isEqualTo("id,name");

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode snapshot = call("GET", "/api/connectors/accounts", null, 200).path("snapshot");
			assertThat(snapshot.path("state").asString()).isEqualTo("completed");
			assertThat(snapshot.path("rowsDone").asLong()).isEqualTo(1);
		});
		String metric = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader("Authorization", TestLogins.ADMIN.basic())
			.build()
			.get()
			.uri("/actuator/metrics/cdc.connector.snapshot.rows?tag=connector:accounts")
			.retrieve()
			.body(String.class);
		assertThat(this.mapper.readTree(metric).path("measurements").get(0).path("value").asDouble()).isEqualTo(1.0);

		this.monolith.sql("insert into accounts values (2, 'second', 'top-secret-2')").update();
		await().atMost(Duration.ofSeconds(60)).until(() -> records("accounts.public.accounts").size() == 2);

		assertThat(call("POST", "/api/connectors/accounts/pause", null, 200).path("status").asString())
			.isEqualTo("paused");
		this.monolith.sql("insert into accounts values (3, 'while paused', 'top-secret-3')").update();
		this.monolith.sql("delete from accounts where id = 1").update();
		assertThat(call("POST", "/api/connectors/accounts/resume", null, 200).path("status").asString())
			.isIn("creating", "available");
		await().atMost(Duration.ofSeconds(60)).until(() -> records("accounts.public.accounts").size() == 4);

		List<ConsumerRecord<String, String>> records = records("accounts.public.accounts");
		assertThat(records).extracting((r) -> payload(r).path("op").asString()).containsExactly("r", "c", "c", "d");

		call("POST", "/api/connectors/accounts/snapshots", Map.of("table", "public.nope"), 400);
		assertThat(call("POST", "/api/connectors/accounts/snapshots", Map.of("table", "public.accounts"), 202)
			.path("message")
			.asString()).contains("accounts.public.accounts");
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(records("accounts.public.accounts")).extracting(this::payload)
				.filteredOn((payload) -> payload.path("op").asString().equals("r"))
				.extracting((payload) -> payload.path("after").path("id").asLong())
				.containsExactlyInAnyOrder(1L, 2L, 3L));
		assertThat(records("accounts.public.accounts"))
			.allSatisfy((r) -> assertThat(r.value()).doesNotContain("secret"));
		// a second one straight away, on a quiet database: the case that raced with
		// incremental snapshots
		call("POST", "/api/connectors/accounts/snapshots", Map.of("table", "public.accounts"), 202);
		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(records("accounts.public.accounts")).extracting(this::payload)
				.filteredOn((payload) -> payload.path("op").asString().equals("r"))
				.extracting((payload) -> payload.path("after").path("id").asLong())
				.containsExactlyInAnyOrder(1L, 2L, 3L, 2L, 3L));

		this.monolith.sql("insert into notes values (1, 'before the update', 'a@example.com')").update();
		call("PATCH", "/api/connectors/accounts", Map.of("addTables", List.of("public.nope")), 400);
		JsonNode updated = call(
				"PATCH", "/api/connectors/accounts", Map.of("addTables", List.of("public.notes"), "addExcludedColumns",
						List.of("public.notes.author_email"), "settings", Map.of("decimal.handling.mode", "string")),
				200);
		assertThat(updated.path("tables").findValuesAsString("topic")).containsExactly("accounts.public.accounts",
				"accounts.public.notes");
		assertThat(updated.path("excludedColumns").valueStream().map(JsonNode::asString))
			.containsExactly("public.accounts.secret", "public.notes.author_email");
		assertThat(updated.path("settings").path("decimal.handling.mode").asString()).isEqualTo("string");
		this.monolith.sql("insert into notes values (2, 'after the update', 'b@example.com')").update();
		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(records("accounts.public.notes"))
				.extracting((r) -> payload(r).path("after").path("id").asLong())
				.contains(1L, 2L));
		// signals are read in order, so an older request read again after the restart
		// would have run before this one
		assertThat(records("accounts.public.accounts")).filteredOn((r) -> payload(r).path("op").asString().equals("r"))
			.as("snapshot requests are not replayed when the connector restarts")
			.hasSize(5);
		assertThat(records("accounts.public.notes"))
			.allSatisfy((r) -> assertThat(r.value()).doesNotContain("example.com"));
		assertThat(JdbcClient.create(this.postgres.dataSource("users"))
			.sql("select string_agg(tablename || '(' || array_to_string(attnames, ',') || ')', ' ' order by tablename) "
					+ "from pg_publication_tables where pubname = 'accounts_publication'")
			.query(String.class)
			.single()).isEqualTo("accounts(id,name) notes(id,body)");

		JsonNode refused = call("PATCH", "/api/connectors/accounts",
				Map.of("replicaIdentity", Map.of("public.accounts", "full")), 400);
		assertThat(refused.path("errors").get(0).path("message").asString()).contains("Remove its excluded columns");
		JsonNode full = call("PATCH", "/api/connectors/accounts", Map.of("removeExcludedColumns",
				List.of("public.notes.author_email"), "replicaIdentity", Map.of("public.notes", "full")), 200);
		assertThat(full.path("tables").get(1).path("replicaIdentity").asString()).isEqualTo("full");
		assertThat(full.path("tables").get(1).path("beforeImage").asString()).contains("every column of the old row");
		assertThat(JdbcClient.create(this.postgres.dataSource("users"))
			.sql("select string_agg(tablename || '(' || array_to_string(attnames, ',') || ')', ' ' order by tablename) "
					+ "from pg_publication_tables where pubname = 'accounts_publication'")
			.query(String.class)
			.single()).isEqualTo("accounts(id,name) notes(id,body,author_email)");
		this.monolith.sql("update notes set body = 'edited' where id = 2").update();
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(records("accounts.public.notes")).extracting(this::payload)
				.filteredOn((payload) -> payload.path("op").asString().equals("u"))
				.singleElement()
				.satisfies((payload) -> assertThat(payload.path("before").path("body").asString())
					.isEqualTo("after the update")));

		JsonNode connect = call("GET", "/api/connectors/accounts/kafka-connect", null, 200);
		assertThat(connect.path("config").path("connector.class").asString())
			.isEqualTo("io.debezium.connector.postgresql.PostgresConnector");
		assertThat(connect.path("config").path("column.exclude.list").asString()).isEqualTo("public.accounts.secret");

		JsonNode destroyed = call("DELETE", "/api/connectors/accounts", null, 200);
		assertThat(destroyed.path("slotDropped").asBoolean()).isTrue();
		assertThat(destroyed.path("publicationDropped").asBoolean()).isTrue();
		assertThat(destroyed.path("message").asString()).contains("topics are kept");
		JdbcClient admin = JdbcClient.create(this.postgres.dataSource("users"));
		assertThat(admin.sql("select count(*) from pg_replication_slots where slot_name = 'accounts'")
			.query(Long.class)
			.single()).isZero();
		assertThat(admin.sql("select count(*) from pg_publication where pubname = 'accounts_publication'")
			.query(Long.class)
			.single()).isZero();
		try (Admin kafkaAdmin = Admin.create(Map.of("bootstrap.servers", this.kafka.bootstrapServers()))) {
			await().untilAsserted(
					() -> assertThat(kafkaAdmin.listTopics().names().get()).contains("accounts.public.accounts"));
		}
		call("GET", "/api/connectors/accounts", null, 404);
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void tablesAddedWhileTheConnectorIsPausedAreSnapshottedWhenItResumes() {
		this.monolith.sql("create table early (id bigint primary key)").update();
		this.monolith.sql("create table later_a (id bigint primary key)").update();
		this.monolith.sql("create table later_b (id bigint primary key)").update();
		this.monolith.sql("insert into later_a values (1), (2)").update();
		this.monolith.sql("insert into later_b values (3)").update();
		call("POST", "/api/connectors",
				Map.of("name", "later", "source",
						Map.of("jdbcUrl", this.postgres.jdbcUrl("users"), "user", "postgres", "password", "postgres"),
						"tables", List.of("public.early")),
				201);
		assertThat(call("GET", "/api/connectors/later/wait?timeout=60s", null, 200).path("status").asString())
			.isEqualTo("available");
		// paused before its first commit, the connector has no position past its initial
		// snapshot and takes that
		// snapshot again when it resumes, new tables included: that race is not what this
		// test is about
		await().atMost(Duration.ofSeconds(30))
			.until(() -> call("GET", "/api/connectors/later", null, 200).path("delivery").path("commits").asLong() > 0);
		call("POST", "/api/connectors/later/pause", null, 200);
		assertThat(call("PATCH", "/api/connectors/later",
				Map.of("addTables", List.of("public.later_a", "public.later_b")), 200)
			.path("status")
			.asString()).isEqualTo("paused");

		call("POST", "/api/connectors/later/resume", null, 200);
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(records("later.public.later_a")).extracting((r) -> payload(r).path("after").path("id").asLong())
				.containsExactlyInAnyOrder(1L, 2L);
			assertThat(records("later.public.later_b")).extracting((r) -> payload(r).path("after").path("id").asLong())
				.containsExactly(3L);
		});
		call("DELETE", "/api/connectors/later", null, 200);
	}

	@Test
	void aConnectorPausedDuringAnOnDemandSnapshotLosesNoChange() {
		int rows = 30_000;
		this.monolith.sql("create table bulk (id bigint primary key, label text not null)").update();
		this.monolith.sql("insert into bulk select i, 'row ' || i from generate_series(1, ?) i").param(rows).update();
		call("POST", "/api/connectors",
				Map.of("name", "bulk", "source",
						Map.of("jdbcUrl", this.postgres.jdbcUrl("users"), "user", "postgres", "password", "postgres"),
						"tables", List.of("public.bulk")),
				201);
		// records, not offsets: each Kafka transaction's commit marker takes an offset
		// too
		await().atMost(Duration.ofSeconds(120)).until(() -> records("bulk.public.bulk").size() == rows);
		long base = endOffset("bulk.public.bulk");

		call("POST", "/api/connectors/bulk/snapshots", Map.of("table", "public.bulk"), 202);
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> endOffset("bulk.public.bulk") > base + 1000);
		assertThat(call("POST", "/api/connectors/bulk/pause", null, 200).path("status").asString()).isEqualTo("paused");
		long whenPaused = endOffset("bulk.public.bulk");
		assertThat(whenPaused - base).as("paused while the snapshot was being read").isLessThan(rows);

		this.monolith.sql("insert into bulk values (0, 'while paused')").update();
		this.monolith.sql("delete from bulk where id = 1").update();
		call("POST", "/api/connectors/bulk/resume", null, 200);
		await().atMost(Duration.ofSeconds(120))
			.untilAsserted(() -> assertThat(records("bulk.public.bulk")).filteredOn((r) -> r.value() != null)
				.extracting(this::payload)
				.filteredOn((payload) -> !payload.path("op").asString().equals("r"))
				.extracting((payload) -> payload.path("op").asString() + payload.path("after").path("id").asLong(-1)
						+ "/" + payload.path("before").path("id").asLong(-1))
				.containsExactly("c0/-1", "d-1/1"));
		call("DELETE", "/api/connectors/bulk", null, 200);
	}

	@Test
	void anOnDemandSnapshotTakenWhileTheTableIsWrittenEndsOnEachRowsCurrentState() throws Exception {
		int rows = 20_000;
		this.monolith.sql("create table busy (id bigint primary key, version int not null)").update();
		this.monolith.sql("insert into busy select i, 0 from generate_series(1, ?) i").param(rows).update();
		call("POST", "/api/connectors",
				Map.of("name", "busy", "source",
						Map.of("jdbcUrl", this.postgres.jdbcUrl("users"), "user", "postgres", "password", "postgres"),
						"tables", List.of("public.busy"), "settings", Map.of("tombstones.on.delete", "false")),
				201);
		await().atMost(Duration.ofSeconds(120)).until(() -> records("busy.public.busy").size() == rows);

		// updates, inserts and deletes before the snapshot is asked for, while it runs,
		// and after it has ended
		AtomicBoolean snapshotSeen = new AtomicBoolean();
		CountDownLatch writing = new CountDownLatch(50);
		CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
			int after = 0;
			for (int i = 1; after < 50 && i < 200_000; i++) {
				this.monolith.sql("update busy set version = version + 1 where id = ?")
					.param((i * 7919L) % rows + 1)
					.update();
				if (i % 20 == 0) {
					this.monolith.sql("delete from busy where id = ?").param((i * 104729L) % rows + 1).update();
					this.monolith.sql("insert into busy values (?, 0)").param(rows + i).update();
				}
				writing.countDown();
				after += snapshotSeen.get() ? 1 : 0;
			}
			return after;
		});
		writing.await(30, TimeUnit.SECONDS);
		call("POST", "/api/connectors/busy/snapshots", Map.of("table", "public.busy"), 202);
		// the writer deletes a row, then inserts one: a snapshot read between the two
		// sees rows - 1 of them
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> reads(records("busy.public.busy")) >= 2L * rows - 1);
		snapshotSeen.set(true);
		assertThat(writer.get(60, TimeUnit.SECONDS)).as("writes after the snapshot").isEqualTo(50);

		Map<Long, Integer> table = new HashMap<>();
		this.monolith.sql("select id, version from busy").query((rs) -> {
			table.put(rs.getLong(1), rs.getInt(2));
		});
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			Map<Long, Integer> fromEvents = new HashMap<>();
			for (ConsumerRecord<String, String> record : records("busy.public.busy")) {
				JsonNode payload = payload(record);
				if (payload.path("op").asString().equals("d")) {
					fromEvents.remove(payload.path("before").path("id").asLong());
				}
				else {
					fromEvents.put(payload.path("after").path("id").asLong(),
							payload.path("after").path("version").asInt());
				}
			}
			assertThat(fromEvents).as("each row's last event against the table").isEqualTo(table);
		});
		call("DELETE", "/api/connectors/busy", null, 200);
	}

	private JsonNode payload(ConsumerRecord<String, String> record) {
		return this.mapper.readTree(record.value()).path("payload");
	}

	private long reads(List<ConsumerRecord<String, String>> records) {
		return records.stream().filter((r) -> payload(r).path("op").asString().equals("r")).count();
	}

	private long endOffset(String topic) {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.kafka.bootstrapServers()))) {
			var partition = new org.apache.kafka.common.TopicPartition(topic, 0);
			return admin.listOffsets(Map.of(partition, org.apache.kafka.clients.admin.OffsetSpec.latest()))
				.partitionResult(partition)
				.get(10, TimeUnit.SECONDS)
				.offset();
		}
		catch (Exception ex) {
			return -1;
		}
	}

	private JsonNode call(String method, String path, Object body, int expectedStatus) {
		RestClient.RequestBodySpec request = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader("Authorization", TestLogins.ADMIN.basic())
			.build()
			.method(HttpMethod.valueOf(method))
			.uri(path);
		request.contentType(MediaType.APPLICATION_JSON);
		if (body != null) {
			request.body(body);
		}
		return request.exchange((req, response) -> {
			String text = response.bodyTo(String.class);
			assertThat(response.getStatusCode().value()).as("%s %s answered %s", method, path, text)
				.isEqualTo(expectedStatus);
			return this.mapper.readTree((text != null && !text.isEmpty()) ? text : "null");
		});
	}

	private List<ConsumerRecord<String, String>> records(String topic) {
		return TopicReader.readAll(this.kafka.bootstrapServers(), topic);
	}

}
