package cdcdemo.faults;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.kafka.common.utils.Exit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cdcdemo.platform.FreePort;
import cdcdemo.platform.kafka.KafkaServer;
import cdcdemo.platform.postgres.PostgresServer;
import cdcdemo.testsupport.kafka.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Kafka Connect cluster the bridge graduates connectors to, under the fault it is
 * there for: two connect-worker processes (separate JVMs, the same group, exactly-once
 * source support, no scheduled rebalance delay) run the Debezium PostgreSQL connector
 * with {@code exactly.once.support=required}; the worker running its task is killed with
 * SIGKILL while changes stream. The task must move to the other worker, which resumes
 * from the offsets committed in the same Kafka transactions as the records, so a
 * {@code read_committed} reader sees every committed change once. It needs its own
 * PostgreSQL and Kafka, not the shared {@link FaultPlatform}: no bridge takes part.
 */
@Tag("system")
@Order(20)
class ConnectWorkerKillTests {

	private static final Logger log = LoggerFactory.getLogger(ConnectWorkerKillTests.class);

	private static final String WORKER_CLASS = "cdcdemo.connect.ConnectWorker";

	private static final String CONNECTOR = "killed";

	/** Where connect-worker's build leaves its jar and runtime dependencies. */
	private static final Path DISTRIBUTION = Path.of("..", "connect-worker", "target");

	private static final String TOPIC = CONNECTOR + ".public.users";

	private static final long FIRST_ID = 20_000_000;

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Map<String, Process> workers = new LinkedHashMap<>();

	private Path dataDir;

	private PostgresServer postgres;

	private KafkaServer kafka;

	@BeforeEach
	void startServers() throws IOException {
		assumeTrue(workerClasspath() != null, "connect-worker is not packaged (no " + DISTRIBUTION
				+ "/connect-worker-*.jar and lib/): run `package` on it");
		Exit.setHaltProcedure((code, message) -> {
			throw new IllegalStateException("Kafka halt: " + message);
		});
		this.dataDir = Files.createTempDirectory("cdc-connect-kill");
		this.postgres = PostgresServer.start(this.dataDir.resolve("postgres"), 0);
		this.kafka = KafkaServer.start(this.dataDir.resolve("kafka"), FreePort.orAny(0), FreePort.orAny(0));
		// users-app's table, as its migration creates it, and the publication of its
		// columns
		String table = Files.readString(Path.of("../users-app/src/main/resources/db/migration/V1__create_users.sql"));
		JdbcClient.create(usersDatabase()).sql(table).update();
		this.postgres.runOwnerScript("users", "postgres/publications/monolith.sql");
	}

	@AfterEach
	void stopAll() {
		this.workers.values().forEach(Process::destroy);
		this.workers.values().forEach(ConnectWorkerKillTests::awaitExit);
		if (this.kafka != null) {
			this.kafka.close();
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	@Test
	void theTaskMovesToTheOtherWorkerWithNothingLostOrTwice() throws IOException {
		startWorker("connect-1");
		startWorker("connect-2");
		Path password = this.dataDir.resolve("source.properties");
		Files.writeString(password, "password=" + this.postgres.password("cdc_bridge") + "\n");
		String first = this.workers.keySet().iterator().next();
		await("the cluster takes the connector's config (409 while the group rebalances)").atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> put(first, "/connectors/" + CONNECTOR + "/config", connectorConfig(password)));
		await("the connector's task RUNNING, its replication slot streaming").atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> "RUNNING".equals(task(first).path("state").asString()) && slotActive());

		UserChanges changes = UserChanges.of(FaultScenario.CHANGES, FIRST_ID);
		Set<Long> userIds = new LinkedHashSet<>();
		changes.changes().forEach((change) -> userIds.add(change.userId()));
		ChangeWriter writer = new ChangeWriter(usersDatabase(), changes, FaultScenario.RATE);
		CompletableFuture<Void> writing = writer.start();
		await("a third of the changes committed, where the kill goes in").atMost(writingTime())
			.until(() -> writer.committedCount() >= FaultScenario.CHANGES / 3 || writing.isDone());

		String runner = workerName(task(first).path("worker_id").asString());
		String survivor = this.workers.keySet()
			.stream()
			.filter((name) -> !name.equals(runner))
			.findFirst()
			.orElseThrow();
		log.info("kill -9 {} (pid {}), which runs the task", runner, this.workers.get(runner).pid());
		this.workers.get(runner).destroyForcibly();
		Instant killed = Instant.now();
		awaitExit(this.workers.remove(runner));
		await("the task RUNNING on " + survivor + " (after the dead worker's session times out)")
			.atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				JsonNode task = task(survivor);
				// until the session times out, the status still names the dead worker
				return "RUNNING".equals(task.path("state").asString())
						&& survivor.endsWith("@" + task.path("worker_id").asString());
			});
		Duration moved = Duration.between(killed, Instant.now());
		writing.orTimeout(writingTime().toMillis(), TimeUnit.MILLISECONDS).join();

		Delivery delivery = awaitDelivered(writer, userIds);
		// what the dead worker's open transaction left, aborted: a read_uncommitted
		// reader counts it twice, which is what exactly-once keeps from the consumers
		Delivery uncommitted;
		try (TopicReader reader = TopicReader.from(this.kafka.bootstrapServers(), TOPIC, 0, "read_uncommitted")) {
			uncommitted = Delivery.of(writer.committed(), userIds, reader.catchUp());
		}
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("task_moved", String.format(Locale.ROOT, "%.1fs", moved.toMillis() / 1000.0));
		figures.put("read_uncommitted_duplicates", uncommitted.duplicates());
		FaultResults.report("connect-worker-kill-9", delivery, FaultScenario.recovery(delivery, killed), figures);
		Assertions.assertCompleteAndInOrder(delivery);
	}

	/**
	 * The connector as the bridge exports it for Kafka Connect, with the password a
	 * reference the worker's file provider resolves: never in the connect-configs topic.
	 */
	private Map<String, String> connectorConfig(Path password) {
		Map<String, String> config = new LinkedHashMap<>();
		config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
		config.put("tasks.max", "1");
		config.put("database.hostname", "127.0.0.1");
		config.put("database.port", Integer.toString(this.postgres.port()));
		config.put("database.dbname", "users");
		config.put("database.user", "cdc_bridge");
		config.put("database.password", "${file:" + password + ":password}");
		config.put("topic.prefix", CONNECTOR);
		config.put("plugin.name", "pgoutput");
		config.put("slot.name", CONNECTOR);
		config.put("publication.name", "monolith_publication");
		config.put("publication.autocreate.mode", "disabled");
		config.put("table.include.list", "public.users");
		// every change is in the stream, none in a snapshot (op r), so each can be traced
		config.put("snapshot.mode", "no_data");
		config.put("exactly.once.support", "required");
		config.put("topic.creation.default.replication.factor", "1");
		config.put("topic.creation.default.partitions", "1");
		return config;
	}

	private void startWorker(String name) throws IOException {
		int port = FreePort.orAny(0);
		Path logFile = Path.of("target", name + ".log").toAbsolutePath();
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", workerClasspath(), WORKER_CLASS,
				"worker.properties")
			.redirectErrorStream(true)
			.redirectOutput(logFile.toFile());
		Map<String, String> environment = builder.environment();
		environment.keySet().removeIf((variable) -> variable.startsWith("CONNECT_"));
		environment.put("CONNECT_BOOTSTRAP_SERVERS", this.kafka.bootstrapServers());
		environment.put("CONNECT_GROUP_ID", "kill-connect");
		environment.put("CONNECT_LISTENERS", "http://127.0.0.1:" + port);
		environment.put("CONNECT_REST_ADVERTISED_HOST_NAME", "127.0.0.1");
		environment.put("CONNECT_OFFSET_STORAGE_PARTITIONS", "1");
		environment.put("CONNECT_STATUS_STORAGE_PARTITIONS", "1");
		this.workers.put(name + "@127.0.0.1:" + port, builder.start());
		log.info("Started {} on port {}, log in {}", name, port, logFile);
	}

	/** {@code 127.0.0.1:8083} to the key of its process. */
	private String workerName(String workerId) {
		return this.workers.keySet()
			.stream()
			.filter((name) -> name.endsWith("@" + workerId))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no worker " + workerId + " among " + this.workers.keySet()));
	}

	private JsonNode task(String worker) {
		String status = send(HttpRequest.newBuilder(uri(worker, "/connectors/" + CONNECTOR + "/status")), 200);
		return (status != null) ? json.readTree(status).path("tasks").path(0) : json.missingNode();
	}

	private boolean put(String worker, String path, Map<String, String> body) {
		return send(HttpRequest.newBuilder(uri(worker, path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))), 201) != null;
	}

	private static URI uri(String worker, String path) {
		return URI.create("http://" + worker.substring(worker.indexOf('@') + 1) + path);
	}

	/** The body of the expected answer (or of a 200), {@code null} for any other. */
	private static String send(HttpRequest.Builder request, int expected) {
		try {
			HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(),
					HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == expected || response.statusCode() == 200) ? response.body() : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private boolean slotActive() {
		return JdbcClient.create(this.postgres.dataSource("users"))
			.sql("select count(*) from pg_replication_slots where slot_name = ? and active")
			.param(CONNECTOR)
			.query(Integer.class)
			.single() == 1;
	}

	private Delivery awaitDelivered(ChangeWriter writer, Set<Long> userIds) {
		List<UserChanges.Change> committed = new ArrayList<>(writer.committed());
		try (TopicReader reader = TopicReader.from(this.kafka.bootstrapServers(), TOPIC, 0)) {
			try {
				await("every committed change on the topic, or a bound only a real loss exceeds")
					.atMost(Duration.ofMinutes(3).plusMillis(20L * FaultScenario.CHANGES))
					.pollInterval(Duration.ofMillis(500))
					.until(() -> Delivery.of(committed, userIds, reader.catchUp()).complete());
			}
			catch (ConditionTimeoutException ex) {
				// reported, with what is missing
			}
			return Delivery.of(committed, userIds, reader.catchUp());
		}
	}

	private DataSource usersDatabase() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(this.postgres.jdbcUrl("users"));
		dataSource.setUser("users_app");
		dataSource.setPassword(this.postgres.password("users_app"));
		dataSource.setConnectTimeout(5);
		dataSource.setSocketTimeout(30);
		return dataSource;
	}

	private static Duration writingTime() {
		return Duration.ofSeconds(FaultScenario.CHANGES / FaultScenario.RATE).plusMinutes(5);
	}

	/**
	 * The worker as it is shipped, not this module's test classpath: the module's jar and
	 * its target/lib, as {@code java -cp 'connect-worker-*.jar:lib/*'} and the image run
	 * it. @return that classpath, {@code null} if connect-worker is not packaged
	 */
	private static String workerClasspath() {
		Path lib = DISTRIBUTION.resolve("lib");
		if (!Files.isDirectory(lib)) {
			return null;
		}
		try (DirectoryStream<Path> jars = Files.newDirectoryStream(DISTRIBUTION, "connect-worker-*.jar")) {
			for (Path jar : jars) {
				return jar.toAbsolutePath() + File.pathSeparator + lib.toAbsolutePath() + File.separator + "*";
			}
			return null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void awaitExit(Process process) {
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UncheckedIOException(new IOException(ex));
		}
	}

}
