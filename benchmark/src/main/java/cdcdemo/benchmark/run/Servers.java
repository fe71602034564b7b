package cdcdemo.benchmark.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import cdcdemo.benchmark.load.LoadGenerator;
import cdcdemo.benchmark.measure.CpuTime;
import cdcdemo.benchmark.processes.KafkaBroker;
import cdcdemo.platform.postgres.PostgresServer;

/**
 * The system under measurement, each part in a process of its own: PostgreSQL (embedded)
 * with the users table and the platform's publication, a Kafka broker, cdc-bridge with
 * its heap sampler, and the load generator. Closed in the reverse order of the start.
 */
final class Servers implements AutoCloseable {

	static final String CONNECTOR = "bench";

	static final String TOPIC = CONNECTOR + ".public.users";

	static final String PUBLICATION = "monolith_publication";

	private static final Logger log = LoggerFactory.getLogger(Servers.class);

	private final Settings settings;

	private final Deque<AutoCloseable> closers = new ArrayDeque<>();

	private final BridgeMemory memory = new BridgeMemory();

	private PostgresServer postgres;

	private KafkaBroker kafka;

	private BridgeProcess bridge;

	private LoadGenerator load;

	Servers(Settings settings) {
		this.settings = settings;
	}

	/** PostgreSQL with the users table and the publication, and Kafka with the topics. */
	void startPlatform(List<String> topics) throws Exception {
		Path work = this.settings.workDir();
		log.info("Starting PostgreSQL and Kafka in {}", work);
		this.postgres = PostgresServer.start(work.resolve("postgres/data"), 0);
		this.closers.push(this.postgres);
		this.kafka = KafkaBroker.start(work.resolve("kafka"), this.settings.kafkaJvmOptions(), work.resolve("logs"));
		this.closers.push(this.kafka);
		try (Connection conn = usersApp().getConnection(); Statement statement = conn.createStatement()) {
			statement.execute(Files.readString(
					this.settings.home().resolve("users-app/src/main/resources/db/migration/V1__create_users.sql")));
		}
		this.postgres.runOwnerScript("users", "postgres/publications/monolith.sql");
		this.kafka.createTopics(topics);
	}

	/** cdc-bridge, streaming, with its heap sampled; and the load generator. */
	void startBridge() throws IOException {
		String profiling = (this.settings.profile() != null)
				? "-XX:StartFlightRecording=filename=" + this.settings.profile() + ",settings=profile" : "";
		String bridgeJvm = String
			.join(" ", this.settings.appJvmOptions(), profiling, System.getProperty("benchmark.bridge-jvm-extra", ""))
			.trim()
			.replaceAll("\\s+", " ");
		log.info("Starting cdc-bridge ({})", bridgeJvm);
		this.bridge = BridgeProcess.start(this.settings.home(), CONNECTOR, this.kafka.bootstrapServers(),
				this.postgres.port(), bridgeJvm, this.settings.workDir().resolve("logs"));
		this.closers.push(this.bridge);
		this.memory.start(this.bridge);
		this.closers.push(this.memory);
		this.load = new LoadGenerator(usersApp(), this.settings.loadWorkers());
	}

	PostgresServer postgres() {
		return this.postgres;
	}

	KafkaBroker kafka() {
		return this.kafka;
	}

	BridgeProcess bridge() {
		return this.bridge;
	}

	BridgeMemory memory() {
		return this.memory;
	}

	LoadGenerator load() {
		return this.load;
	}

	private DataSource usersApp() {
		PGSimpleDataSource ds = new PGSimpleDataSource();
		ds.setUrl(this.postgres.jdbcUrl("users"));
		ds.setUser("users_app");
		ds.setPassword("users_app");
		return ds;
	}

	JdbcClient superuser() {
		return JdbcClient.create(this.postgres.dataSource("users"));
	}

	/**
	 * CPU seconds so far of PostgreSQL (postmaster and its children) and of the Kafka
	 * broker.
	 */
	Map<String, Double> serverCpu() throws IOException {
		Map<String, Double> cpu = new LinkedHashMap<>();
		cpu.put("postgres", CpuTime.ofTree(postmasterPid()));
		cpu.put("kafka", CpuTime.ofProcess(this.kafka.pid()));
		return cpu;
	}

	/** CPU seconds so far of cdc-bridge, the servers and the benchmark's own JVM. */
	Map<String, Double> allCpu() throws IOException {
		Map<String, Double> cpu = new LinkedHashMap<>();
		cpu.put("cdc-bridge", CpuTime.ofProcess(this.bridge.pid()));
		cpu.putAll(serverCpu());
		cpu.put("benchmark", CpuTime.ofProcessAlone(ProcessHandle.current().pid()));
		return cpu;
	}

	private long postmasterPid() throws IOException {
		return Long.parseLong(
				Files.readAllLines(this.settings.workDir().resolve("postgres/data/postmaster.pid")).get(0).trim());
	}

	@Override
	public void close() {
		while (!this.closers.isEmpty()) {
			try {
				this.closers.pop().close();
			}
			catch (Exception ex) {
				log.warn("Could not stop {}", ex.toString());
			}
		}
	}

}
