package cdcdemo.bridge.connector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import cdcdemo.platform.FreePort;
import cdcdemo.testsupport.HeadlessChromium;
import cdcdemo.testsupport.TestLogins;
import cdcdemo.testsupport.kafka.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The kafka-connect engine on a real Kafka Connect worker (connect-runtime, distributed
 * mode, exactly-once source support enabled, started in this JVM with its REST API on a
 * port of its own), driven through the bridge's own API: a connector created with
 * {@code "engine": "kafka-connect"} is validated, configured on the worker with its
 * password as a config-provider reference, snapshots and streams there exactly once,
 * pauses, resumes and is destroyed with its slot; and a connector of the embedded engine
 * moves to the worker and back while rows are written without a pause, with no change
 * lost, none sent twice to a read_committed reader, and no snapshot taken again.
 */
class KafkaConnectEngineTests extends BridgeSystemTest {

	private static final int WORKER_PORT = FreePort.orAny(0);

	private static final Path SECRETS = secrets();

	private static Connect<?> worker;

	@DynamicPropertySource
	static void cluster(DynamicPropertyRegistry registry) {
		registry.add("cdc.connect.clusters.test.url", () -> "http://127.0.0.1:" + WORKER_PORT);
		registry.add("cdc.connect.clusters.test.password-reference", () -> "file:" + SECRETS + ":{connector}.password");
	}

	private static Path secrets() {
		try {
			Path file = Files.createTempFile("connect-secrets", ".properties");
			// the passwords the worker's FileConfigProvider resolves; the bridge's
			// configuration names them, never holds them
			Files.writeString(file,
					"engine.password=cdc_bridge\nmoving.password=cdc_bridge\npaged.password=cdc_bridge\n");
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private BridgeApi api;

	private RestClient connect;

	@BeforeEach
	void worker() {
		if (worker == null) {
			worker = new ConnectDistributed()
				.startConnect(TestConnectWorkers.config(this.kafka.bootstrapServers(), "engine-tests", WORKER_PORT));
		}
		this.api = new BridgeApi(this.port, this.mapper);
		this.connect = RestClient.create("http://127.0.0.1:" + WORKER_PORT);
	}

	@AfterAll
	static void stopWorker() {
		if (worker != null) {
			worker.stop();
			worker.awaitStop();
		}
	}

	@Test
	void runsAConnectorOnKafkaConnectThroughTheBridgesApi() {
		this.monolith.sql("create table engine_rows (id bigint primary key, label text not null)").update();
		this.monolith.sql("insert into engine_rows select i, 'row ' || i from generate_series(1, 3) i").update();
		this.monolith.sql("create publication engine_publication for table engine_rows").update();
		JsonNode created = this.api.call(
				"POST", "/api/connectors", Map.of("name", "engine", "source", source(), "tables",
						List.of("public.engine_rows"), "publication", "engine_publication", "engine", "kafka-connect"),
				201);
		assertThat(created.path("engine").asString()).isEqualTo("kafka-connect");
		assertThat(created.path("cluster").asString()).isEqualTo("test");
		JsonNode available = awaitStatus("engine", "available");
		assertThat(available.path("delivery").path("guarantee").asString()).isEqualTo("exactly-once");

		JsonNode config = json(this.connect.get().uri("/connectors/engine/config").retrieve().body(String.class));
		assertThat(config.path("database.password").asString()).isEqualTo("${file:" + SECRETS + ":engine.password}");
		assertThat(config.path("exactly.once.support").asString()).isEqualTo("required");
		assertThat(config.properties())
			.as("no value but the role's name is the password (the role cdc_bridge's password is its name)")
			.filteredOn((entry) -> !entry.getKey().equals("database.user"))
			.extracting((entry) -> entry.getValue().asString())
			.noneMatch((value) -> value.contains("cdc_bridge"));
		await().atMost(Duration.ofSeconds(60)).until(() -> ids("engine.public.engine_rows").size() == 3);
		// the worker's JMX metrics are out of reach: the snapshot's state comes from the
		// offsets the task committed on the cluster
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.api.call("GET", "/api/connectors/engine", null, 200)
				.path("snapshot")
				.path("state")
				.asString(), "completed"::equals);

		this.api.call("POST", "/api/connectors/engine/pause", null, 200);
		assertThat(json(this.connect.get().uri("/connectors/engine/status").retrieve().body(String.class))
			.path("connector")
			.path("state")
			.asString()).isEqualTo("STOPPED");
		this.monolith.sql("insert into engine_rows values (4, 'written while paused')").update();
		this.api.call("POST", "/api/connectors/engine/resume", null, 200);
		awaitStatus("engine", "available");
		await().atMost(Duration.ofSeconds(60)).until(() -> ids("engine.public.engine_rows").size() == 4);

		JsonNode destroyed = this.api.call("DELETE", "/api/connectors/engine", null, 200);
		assertThat(destroyed.toString()).contains("\"slotDropped\":true");
		assertThat(json(this.connect.get().uri("/connectors").retrieve().body(String.class)).valueStream()
			.map(JsonNode::asString)).doesNotContain("engine");
		this.monolith.sql("drop publication engine_publication").update();
		this.monolith.sql("drop table engine_rows").update();
	}

	@Test
	void movesARunningConnectorToKafkaConnectAndBackWithoutLossDuplicateOrSnapshot() throws Exception {
		this.monolith.sql("create table moving_rows (id bigint primary key, label text not null)").update();
		this.monolith.sql("insert into moving_rows select i, 'row ' || i from generate_series(1, 10) i").update();
		this.monolith.sql("create publication moving_publication for table moving_rows").update();
		this.api.call("POST", "/api/connectors", Map.of("name", "moving", "source", source(), "tables",
				List.of("public.moving_rows"), "publication", "moving_publication"), 201);
		awaitStatus("moving", "available");
		String topic = "moving.public.moving_rows";
		await().atMost(Duration.ofSeconds(60)).until(() -> ids(topic).size() == 10);

		AtomicBoolean writing = new AtomicBoolean(true);
		AtomicInteger written = new AtomicInteger(10);
		CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
			while (writing.get()) {
				int id = written.get() + 1;
				this.monolith.sql("insert into moving_rows values (?, 'written during the moves')").param(id).update();
				written.set(id);
			}
		});
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> ids(topic).size() > 30);
			long moveStarted = System.nanoTime();
			JsonNode there = this.api.call("POST", "/api/connectors/moving/move", Map.of("engine", "kafka-connect"),
					200);
			assertThat(there.path("engine").asString()).isEqualTo("kafka-connect");
			assertThat(there.path("snapshot").path("state").asString())
				.as("the position handed over is past the snapshot")
				.isEqualTo("completed");
			awaitStatus("moving", "available");
			long movedThere = (System.nanoTime() - moveStarted) / 1_000_000;
			int atMove = written.get();
			await().atMost(Duration.ofSeconds(60)).until(() -> ids(topic).size() > atMove);

			moveStarted = System.nanoTime();
			JsonNode back = this.api.call("POST", "/api/connectors/moving/move", Map.of("engine", "embedded"), 200);
			assertThat(back.path("engine").asString()).isEqualTo("embedded");
			awaitStatus("moving", "available");
			long movedBack = (System.nanoTime() - moveStarted) / 1_000_000;
			int atReturn = written.get();
			await().atMost(Duration.ofSeconds(60)).until(() -> ids(topic).size() > atReturn);
			writing.set(false);
			writer.get();

			int rows = written.get();
			await().atMost(Duration.ofSeconds(60)).until(() -> new TreeSet<>(ids(topic)).size() == rows);
			List<Long> ids = ids(topic);
			Set<Long> distinct = new TreeSet<>(ids);
			long snapshotReads = TopicReader.json(this.kafka.bootstrapServers(), topic)
				.stream()
				.filter((event) -> "r".equals(event.path("payload").path("op").asString()))
				.count();
			System.out.printf(
					"Moved 'moving' to Kafka Connect in %d ms and back in %d ms while writing: %d rows, %d events "
							+ "read_committed, %d distinct, %d lost, %d duplicated, %d snapshot reads%n",
					movedThere, movedBack, rows, ids.size(), distinct.size(), rows - distinct.size(),
					ids.size() - distinct.size(), snapshotReads);
			assertThat(distinct).as("every row written, once").hasSize(rows);
			assertThat(ids).as("no event twice").hasSize(rows);
			assertThat(snapshotReads).as("only the first snapshot's 10 rows").isEqualTo(10);
		}
		finally {
			writing.set(false);
			writer.join();
			this.api.call("DELETE", "/api/connectors/moving", null, 200);
			this.monolith.sql("drop publication moving_publication").update();
			this.monolith.sql("drop table moving_rows").update();
		}
	}

	private Map<String, String> source() {
		return Map.of("jdbcUrl", this.postgres.jdbcUrl("users"), "user", "cdc_bridge", "password", "cdc_bridge");
	}

	/**
	 * An operator's Move button on the page, in headless Chromium: there and back, the
	 * page says where the connector runs, and a row written after each move arrives.
	 */
	@Test
	void movesAConnectorFromItsPageInTheBrowser() {
		this.monolith.sql("create table paged_rows (id bigint primary key, label text not null)").update();
		this.monolith.sql("insert into paged_rows values (1, 'snapshotted')").update();
		this.monolith.sql("create publication paged_publication for table paged_rows").update();
		this.api.call("POST", "/api/connectors", Map.of("name", "paged", "source", source(), "tables",
				List.of("public.paged_rows"), "publication", "paged_publication"), 201);
		awaitStatus("paged", "available");
		String topic = "paged.public.paged_rows";
		await().atMost(Duration.ofSeconds(60)).until(() -> ids(topic).size() == 1);
		// a connector moves from a committed position: the snapshot's, once committed
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.api.call("GET", "/api/connectors/paged", null, 200)
				.path("delivery")
				.path("commits")
				.asLong() > 0);

		WebDriver browser = HeadlessChromium.start();
		try {
			TestLogins.OPERATOR.logIn(browser, "http://127.0.0.1:" + this.port);
			moveOnThePage(browser, "test", "the Kafka Connect cluster test");
			assertThat(awaitStatus("paged", "available").path("engine").asString()).isEqualTo("kafka-connect");
			this.monolith.sql("insert into paged_rows values (2, 'on the cluster')").update();
			await().atMost(Duration.ofSeconds(60)).until(() -> ids(topic).size() == 2);

			moveOnThePage(browser, "embedded", "the bridge’s embedded engine");
			assertThat(awaitStatus("paged", "available").path("engine").asString()).isEqualTo("embedded");
			this.monolith.sql("insert into paged_rows values (3, 'back home')").update();
			await().atMost(Duration.ofSeconds(60)).until(() -> ids(topic).size() == 3);
			assertThat(ids(topic)).containsExactly(1L, 2L, 3L);
		}
		finally {
			browser.quit();
			this.api.call("DELETE", "/api/connectors/paged", null, 200);
			this.monolith.sql("drop publication paged_publication").update();
			this.monolith.sql("drop table paged_rows").update();
		}
	}

	private void moveOnThePage(WebDriver browser, String to, String where) {
		browser.get("http://127.0.0.1:" + this.port + "/");
		String section = "section[data-connector=paged]";
		WebElement form = await().atMost(Duration.ofSeconds(60))
			.ignoreExceptions()
			.until(() -> browser.findElement(By.cssSelector(section + " form.move")), (element) -> element != null);
		new Select(form.findElement(By.name("to"))).selectByValue(to);
		form.findElement(By.cssSelector("button[type=submit]")).click();
		await().atMost(Duration.ofSeconds(60))
			.ignoreExceptions()
			.untilAsserted(
					() -> assertThat(browser.findElement(By.id("flash")).getText()).startsWith("Moved paged to"));
		assertThat(browser.findElement(By.cssSelector(section + " [data-field=engine]")).getText()).isEqualTo(where);
	}

	private JsonNode awaitStatus(String name, String status) {
		JsonNode info = this.api.call("GET", "/api/connectors/" + name + "/wait?timeout=90s", null, 200);
		assertThat(info.path("status").asString()).as("%s: %s", name, info.path("reason")).isEqualTo(status);
		return info;
	}

	/** The ids of the rows whose events a read_committed reader sees, in order. */
	private List<Long> ids(String topic) {
		return TopicReader.json(this.kafka.bootstrapServers(), topic)
			.stream()
			.map((event) -> event.path("payload").path("after").path("id").asLong())
			.toList();
	}

	private JsonNode json(String body) {
		return this.mapper.readTree(body);
	}

}
