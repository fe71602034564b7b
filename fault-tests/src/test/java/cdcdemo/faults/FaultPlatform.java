package cdcdemo.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.apache.kafka.common.utils.Exit;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import cdcdemo.platform.FreePort;
import cdcdemo.platform.apps.AppProcess;
import cdcdemo.platform.apps.PlatformApps;
import cdcdemo.platform.kafka.KafkaServer;
import cdcdemo.platform.mail.MailCatcher;
import cdcdemo.platform.postgres.PostgresServer;
import cdcdemo.testsupport.TestLogins;

import static org.awaitility.Awaitility.await;

/**
 * The platform as processes, like local-platform runs it, but with every piece within
 * reach of a fault: PostgreSQL (zonky binaries) that can be stopped fast or immediately
 * and started again on its data directory and port, a KRaft broker in this JVM that can
 * be stopped and started again on its log directory and ports, GreenMail, and cdc-bridge
 * and onboarding-service as child JVMs that can be killed with SIGKILL and started again.
 * users-app runs once, for its migrations; the scenarios commit their changes to its
 * table over JDBC, as its role.
 * <p>
 * One platform serves every scenario of the test JVM: scenarios use ids of their own and
 * read the users topic from where it ended when they began.
 */
final class FaultPlatform implements AutoCloseable {

	static final String BRIDGE = "cdc-bridge";

	static final String ONBOARDING = "onboarding-service";

	/**
	 * Retained WAL above which the bridge's health turns to WARNING; low enough for the
	 * reduced scenario.
	 */
	static final long WAL_WARNING_BYTES = 128 * 1024;

	/**
	 * A day of the onboarding journey lasts a second: tips after 1 s, check-in after 3 s.
	 */
	static final int ONBOARDING_TIME_SCALE = 86_400;

	static final Duration APP_START = Duration.ofMinutes(4);

	private static final String JVM_OPTIONS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

	private static final Logger log = LoggerFactory.getLogger(FaultPlatform.class);

	/**
	 * The password of {@code admin}, the login of the apps' admin surfaces, which the
	 * scenarios call (the bridge's API) over HTTP Basic.
	 */
	private static final String ADMIN_PASSWORD = "faults-" + java.util.UUID.randomUUID();

	static final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(2))
		.authenticator(new TestLogins.Login("admin", ADMIN_PASSWORD).authenticator())
		.build();

	private final Path home = Path.of("..").toAbsolutePath().normalize();

	private final Path dataDir;

	private final PostgresServer postgres;

	private final int kafkaPort = FreePort.orAny(0);

	private final int kafkaControllerPort = FreePort.orAny(0);

	private volatile KafkaServer kafka;

	private final MailCatcher mail;

	private final Map<String, Integer> ports = new LinkedHashMap<>();

	private final Map<String, AppProcess> apps = new LinkedHashMap<>();

	private FaultPlatform(Path dataDir) {
		this.dataDir = dataDir;
		this.postgres = PostgresServer.start(dataDir.resolve("postgres"), 0);
		this.kafka = KafkaServer.start(dataDir.resolve("kafka"), this.kafkaPort, this.kafkaControllerPort);
		this.mail = MailCatcher.start(0);
	}

	static FaultPlatform start() {
		Exit.setHaltProcedure((code, message) -> {
			throw new IllegalStateException("Kafka halt: " + message);
		});
		FaultPlatform platform;
		try {
			platform = new FaultPlatform(Files.createTempDirectory("cdc-platform-faults"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			platform.startApps();
			return platform;
		}
		catch (RuntimeException ex) {
			platform.close();
			throw ex;
		}
	}

	private void startApps() {
		AppProcess users = startApp("users-app",
				Map.of("DB_URL", this.postgres.jdbcUrl("users"), "DB_USER", "users_app", "DB_PASSWORD", "users_app"));
		users.awaitHealthy(APP_START);
		this.postgres.runOwnerScript("users", "postgres/publications/monolith.sql");
		// its table exists now; the scenarios write as its role, and the idle JVM would
		// only take CPU from the others
		users.stop();
		this.apps.remove("users-app");
		startApp(BRIDGE, bridgeEnvironment());
		startApp(ONBOARDING, onboardingEnvironment());
		awaitHealthy(BRIDGE, ONBOARDING);
		awaitConnectorStreaming();
		log.info("Fault platform up: PostgreSQL :{}, Kafka {}, SMTP :{}, logs in {}", this.postgres.port(),
				bootstrapServers(), this.mail.port(), logs());
	}

	/**
	 * Wait until the bridge's connector has its replication slot: a healthy bridge may
	 * still be creating it. A change committed before the slot exists is in the initial
	 * snapshot (one {@code op: r} record of the row as it then was), never in the stream,
	 * so a scenario writing before then would count its changes as lost (seen once: 157
	 * changes "lost", with the topic matching the table row for row).
	 */
	private void awaitConnectorStreaming() {
		await().atMost(APP_START)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> "available".equals(connectorStatus()));
	}

	/**
	 * @return the status of the bridge's connector, or {@code null} if the bridge does
	 * not answer
	 */
	String connectorStatus() {
		String info = get(BRIDGE, "/api/connectors/" + PlatformApps.CONNECTOR);
		return (info != null) ? JsonMapper.shared().readTree(info).path("status").asString() : null;
	}

	private Map<String, String> bridgeEnvironment() {
		return Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers(), "CONNECTOR_NAME", PlatformApps.CONNECTOR,
				"SOURCE_DB_HOST", "127.0.0.1", "SOURCE_DB_PORT", Integer.toString(this.postgres.port()),
				"SOURCE_DB_NAME", "users", "SOURCE_DB_USER", "cdc_bridge", "SOURCE_DB_PASSWORD", "cdc_bridge",
				"CDC_CONNECTOR_WALWARNINGBYTES", Long.toString(WAL_WARNING_BYTES));
	}

	private Map<String, String> onboardingEnvironment() {
		return Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers(), "KAFKA_TOPIC", PlatformApps.USERS_TOPIC, "DB_URL",
				this.postgres.jdbcUrl("onboarding"), "DB_USER", "onboarding", "DB_PASSWORD", "onboarding", "SMTP_HOST",
				"127.0.0.1", "SMTP_PORT", Integer.toString(this.mail.port()), "ONBOARDING_TIME_SCALE",
				Integer.toString(ONBOARDING_TIME_SCALE),
				// the catcher is no provider with a quota: the scenarios' thousands of
				// emails at full speed
				"ONBOARDING_MAIL_MAX_PER_SECOND", "1000");
	}

	private AppProcess startApp(String name, Map<String, String> environment) {
		String module = name.startsWith(ONBOARDING) ? ONBOARDING : name.startsWith(BRIDGE) ? BRIDGE : name;
		int port = this.ports.computeIfAbsent(name, (n) -> FreePort.orAny(0));
		Path logDir = name.equals(module) ? logs() : logs().resolve(name);
		Map<String, String> withLogin = new LinkedHashMap<>(environment);
		withLogin.put("PLATFORM_ADMIN_PASSWORD", ADMIN_PASSWORD);
		AppProcess app = AppProcess.start(this.home, module, port, withLogin, JVM_OPTIONS, logDir);
		this.apps.put(name, app);
		return app;
	}

	void awaitHealthy(String... names) {
		CompletableFuture
			.allOf(List.of(names)
				.stream()
				.map((name) -> CompletableFuture.runAsync(() -> app(name).awaitHealthy(APP_START)))
				.toArray(CompletableFuture[]::new))
			.join();
	}

	/**
	 * Start cdc-bridge again after a kill or stop, on the same port. @return when it was
	 * started
	 */
	Instant startBridge() {
		return startBridge(Map.of());
	}

	/**
	 * Start cdc-bridge with settings of its own, say a longer commit interval.
	 * @param settings environment variables added to the usual ones
	 * @return when it was started
	 */
	Instant startBridge(Map<String, String> settings) {
		return startBridge(BRIDGE, settings);
	}

	/**
	 * Start a cdc-bridge process: {@code cdc-bridge} is the first, {@code cdc-bridge-2} a
	 * second one on the same definitions and offsets, which stands by while the first
	 * holds the connector's lock.
	 * @param name the process
	 * @param settings environment variables added to the usual ones
	 * @return when it was started
	 */
	Instant startBridge(String name, Map<String, String> settings) {
		Instant started = Instant.now();
		Map<String, String> environment = new java.util.HashMap<>(bridgeEnvironment());
		environment.putAll(settings);
		startApp(name, environment);
		return started;
	}

	/**
	 * Start (again) an onboarding-service process: {@code onboarding-service} is the
	 * first replica, {@code onboarding-service-2} a second one in the same consumer group
	 * and database.
	 * @param name the replica
	 * @return when it was started
	 */
	Instant startOnboarding(String name) {
		Instant started = Instant.now();
		startApp(name, onboardingEnvironment());
		return started;
	}

	/**
	 * SIGKILL, as a crash: no shutdown hook, no offset flush, no goodbye to Kafka or
	 * PostgreSQL.
	 */
	void kill(String name) {
		AppProcess app = app(name);
		log.info("kill -9 {} (pid {})", name, app.pid());
		app.kill();
		this.apps.remove(name);
	}

	void stop(String name) {
		app(name).stop();
		this.apps.remove(name);
	}

	boolean running(String name) {
		return this.apps.containsKey(name);
	}

	/**
	 * Stop an app if it runs: the clean-up of a scenario that may have failed half-way.
	 */
	void stopIfRunning(String name) {
		AppProcess app = this.apps.remove(name);
		if (app != null) {
			app.stop();
		}
	}

	AppProcess app(String name) {
		AppProcess app = this.apps.get(name);
		if (app == null) {
			throw new IllegalStateException(name + " is not running");
		}
		return app;
	}

	void stopKafka() {
		log.info("Stopping the Kafka broker");
		this.kafka.close();
		this.kafka = null;
	}

	/**
	 * Start the broker again on its log directory and ports. @return when it was started
	 */
	Instant startKafka() {
		Instant started = Instant.now();
		this.kafka = KafkaServer.start(this.dataDir.resolve("kafka"), this.kafkaPort, this.kafkaControllerPort);
		return started;
	}

	PostgresServer postgres() {
		return this.postgres;
	}

	String bootstrapServers() {
		return "127.0.0.1:" + this.kafkaPort;
	}

	MailCatcher mail() {
		return this.mail;
	}

	/**
	 * The monolith's database, as the monolith's own role, with short timeouts so an
	 * outage shows at once.
	 */
	DataSource usersDatabase() {
		return dataSource("users", "users_app");
	}

	DataSource onboardingDatabase() {
		return dataSource("onboarding", "onboarding");
	}

	private DataSource dataSource(String database, String role) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(this.postgres.jdbcUrl(database));
		dataSource.setUser(role);
		dataSource.setPassword(role);
		dataSource.setConnectTimeout(5);
		dataSource.setSocketTimeout(30);
		return dataSource;
	}

	/**
	 * GET a path of an app.
	 * @param name the app
	 * @param path the path
	 * @return the body, or {@code null} if it does not answer 200
	 */
	String get(String name, String path) {
		return send(HttpRequest.newBuilder(URI.create(app(name).url() + path)).timeout(Duration.ofSeconds(20)).build());
	}

	String post(String name, String path) {
		return post(name, path, null);
	}

	/**
	 * POST JSON to a path of an app.
	 * @param name the app
	 * @param path the path
	 * @param json the body, {@code null} for none
	 * @return the body of a 200 or 201 answer, or {@code null}
	 */
	String post(String name, String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(app(name).url() + path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.POST((json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody())
			.build());
	}

	String delete(String name, String path) {
		return send(HttpRequest.newBuilder(URI.create(app(name).url() + path))
			.timeout(Duration.ofSeconds(60))
			.DELETE()
			.build());
	}

	private static String send(HttpRequest request) {
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200 || response.statusCode() == 201) ? response.body() : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	Path logs() {
		return this.dataDir.resolve("logs");
	}

	@Override
	public void close() {
		this.apps.values().parallelStream().forEach(AppProcess::stop);
		this.apps.clear();
		this.mail.close();
		if (this.kafka != null) {
			this.kafka.close();
		}
		this.postgres.close();
	}

}
