package cdcdemo.platform.apps;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cdcdemo.platform.FreePort;
import cdcdemo.platform.PlatformProperties;
import cdcdemo.platform.kafka.KafkaServer;
import cdcdemo.platform.mail.MailCatcher;
import cdcdemo.platform.postgres.PostgresServer;
import cdcdemo.platform.postgres.RolePasswords;

/**
 * The apps of the platform, started as separate processes against the embedded servers,
 * with the same environment variables docker-compose.yml gives them. users-app starts
 * first so that its migrations have created the tables before cdc-bridge snapshots them.
 * Each app is supervised ({@link SupervisedApp}): one that exits while the platform runs
 * is started again.
 */
public final class PlatformApps implements AutoCloseable {

	/**
	 * The connector cdc-bridge runs; its tables' topics are {@code <connector>.<schema>.
	 *
	<table>
	 * }.
	 */
	public static final String CONNECTOR = "monolith";

	/** The topic of the users table. */
	public static final String USERS_TOPIC = CONNECTOR + ".public.users";

	private static final Logger log = LoggerFactory.getLogger(PlatformApps.class);

	private final Map<String, SupervisedApp> apps = new LinkedHashMap<>();

	private final ExecutorService supervisor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "app-supervisor");
		thread.setDaemon(true);
		return thread;
	});

	private final PlatformProperties properties;

	private PlatformApps(PlatformProperties properties) {
		this.properties = properties;
	}

	/**
	 * Start the platform's apps.
	 * @param properties the settings
	 * @param postgres the database server
	 * @param kafka the broker
	 * @param mail the SMTP catcher
	 * @param pages where the platform's own pages (the mail catcher, the home page) are,
	 * e.g. {@code http://localhost:8025}; {@code null} when not known yet (a port of 0),
	 * and the apps' headers then link to the default
	 * @return the apps, healthy
	 */
	public static PlatformApps start(PlatformProperties properties, PostgresServer postgres, KafkaServer kafka,
			MailCatcher mail, String pages) {
		PlatformApps platform = new PlatformApps(properties);
		try {
			platform.startAll(postgres, kafka, mail, pages);
			return platform;
		}
		catch (RuntimeException ex) {
			platform.close();
			throw ex;
		}
	}

	private void startAll(PostgresServer postgres, KafkaServer kafka, MailCatcher mail, String pages) {
		Duration timeout = this.properties.appStartTimeout();
		String jvm = this.properties.appJvmOptions();
		PlatformProperties.Apps ports = this.properties.apps();
		String db = "127.0.0.1";
		int usersPort = FreePort.orAny(ports.usersAppPort());
		int messagesPort = FreePort.orAny(ports.kafkaConsumerPort());
		int domainsPort = FreePort.orAny(ports.domainStatsPort());
		int onboardingPort = FreePort.orAny(ports.onboardingPort());
		int bridgePort = FreePort.orAny(ports.cdcBridgePort());
		Map<String, String> links = links(pages, messagesPort, onboardingPort, bridgePort, domainsPort);
		// the login of the admin apps (platform-web's platform.security.admin-password);
		// domain-stats, public, gets none
		Map<String, String> adminLinks = with(links,
				Map.of("PLATFORM_ADMIN_PASSWORD", postgres.password(RolePasswords.PLATFORM_ADMIN)));

		// users-app, the monolith, gets no links: it knows nothing of the other apps
		SupervisedApp users = start("users-app", usersPort, Map.of("DB_URL", postgres.jdbcUrl("users"), "DB_USER",
				"users_app", "DB_PASSWORD", postgres.password("users_app")), jvm);
		start("kafka-consumer", messagesPort, with(adminLinks,
				Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "KAFKA_TOPIC", USERS_TOPIC)), jvm);
		start("domain-stats", domainsPort,
				with(links, Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "KAFKA_TOPIC", USERS_TOPIC)),
				jvm);
		start("onboarding-service", onboardingPort,
				with(adminLinks,
						Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "KAFKA_TOPIC", USERS_TOPIC,
								"DB_URL", postgres.jdbcUrl("onboarding"), "DB_USER", "onboarding", "DB_PASSWORD",
								postgres.password("onboarding"), "SMTP_HOST", "127.0.0.1", "SMTP_PORT",
								Integer.toString(mail.port()))),
				jvm);

		users.awaitHealthy(timeout);
		// the owner's step: publish the captured columns, now that the monolith's
		// migrations created the table
		postgres.runOwnerScript("users", "postgres/publications/monolith.sql");
		// the bridge's alerts, emailed to the mail catcher (its mail page shows them)
		Map<String, String> alerts = with(adminLinks, Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT",
				Integer.toString(mail.port()), "CDC_ALERTS_EMAIL_TO", "ops@localhost"));
		start("cdc-bridge", bridgePort,
				with(alerts,
						Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "CONNECTOR_NAME",
								this.properties.declareConnector() ? CONNECTOR : "", "SOURCE_DB_HOST", db,
								"SOURCE_DB_PORT", Integer.toString(postgres.port()), "SOURCE_DB_NAME", "users",
								"SOURCE_DB_USER", "cdc_bridge", "SOURCE_DB_PASSWORD", postgres.password("cdc_bridge"),
								"CDC_CONNECTOR_SECRET_KEY", postgres.password(RolePasswords.BRIDGE_SECRET_KEY))),
				this.properties.bridgeJvmOptions());

		List<CompletableFuture<Void>> healthy = new ArrayList<>();
		for (SupervisedApp app : this.apps.values()) {
			healthy.add(CompletableFuture.runAsync(() -> app.awaitHealthy(timeout)));
		}
		try {
			CompletableFuture.allOf(healthy.toArray(CompletableFuture[]::new)).join();
		}
		catch (RuntimeException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
		log.info("All apps are healthy; their logs are in {}. One that exits is restarted (GET /platform/apps shows "
				+ "their state)", this.properties.dataDirPath().resolve("logs"));
	}

	/**
	 * The links of the header the apps share (platform-web's {@code platform.links.*}),
	 * to where this platform started each app: their defaults are the default ports.
	 */
	static Map<String, String> links(String pages, int messages, int onboarding, int bridge, int domains) {
		Map<String, String> links = new LinkedHashMap<>();
		links.put("PLATFORM_LINKS_MESSAGES", "http://localhost:" + messages);
		links.put("PLATFORM_LINKS_ONBOARDING", "http://localhost:" + onboarding);
		links.put("PLATFORM_LINKS_BRIDGE", "http://localhost:" + bridge);
		links.put("PLATFORM_LINKS_DOMAINS", "http://localhost:" + domains);
		if (pages != null) {
			links.put("PLATFORM_LINKS_MAIL", pages);
			links.put("PLATFORM_LINKS_HOME", pages + "/platform");
		}
		return links;
	}

	private static Map<String, String> with(Map<String, String> links, Map<String, String> env) {
		Map<String, String> all = new LinkedHashMap<>(env);
		all.putAll(links);
		return all;
	}

	/**
	 * Starts an app on a port resolved once (by {@code startAll}, which tells the others'
	 * headers), so that a restart serves where the first start did.
	 */
	private SupervisedApp start(String module, int port, Map<String, String> env, String jvmOptions) {
		Path home = this.properties.homePath();
		Path logs = this.properties.dataDirPath().resolve("logs");
		SupervisedApp app = supervise(module, () -> AppProcess.start(home, module, port, env, jvmOptions, logs));
		return app;
	}

	/**
	 * Starts an app under supervision, and counts it among the platform's apps.
	 * @param module the app's name
	 * @param launcher starts a new process of it
	 * @return the supervised app, starting
	 */
	SupervisedApp supervise(String module, Supplier<AppProcess> launcher) {
		SupervisedApp app = new SupervisedApp(module, launcher, this.properties.supervision(),
				this.properties.appStartTimeout(), this::runUnlessClosed)
			.start();
		this.apps.put(module, app);
		return app;
	}

	private void runUnlessClosed(Runnable task) {
		try {
			this.supervisor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// closed: nothing is restarted any more
		}
	}

	/**
	 * For tests: supervise apps without starting the platform's own.
	 * @param properties the settings (supervision and start timeout)
	 * @return no apps yet
	 */
	static PlatformApps empty(PlatformProperties properties) {
		return new PlatformApps(properties);
	}

	/**
	 * @param module an app's module
	 * @return its current process (a restart replaces it)
	 */
	public AppProcess app(String module) {
		SupervisedApp app = this.apps.get(module);
		if (app == null) {
			throw new IllegalArgumentException("no app " + module);
		}
		return app.current();
	}

	/**
	 * @return each app's current process, by module
	 */
	public Map<String, AppProcess> apps() {
		Map<String, AppProcess> current = new LinkedHashMap<>();
		this.apps.forEach((module, app) -> current.put(module, app.current()));
		return current;
	}

	/**
	 * @return where each app stands, in start order
	 */
	public List<AppStatus> statuses() {
		return this.apps.values().stream().map(SupervisedApp::status).toList();
	}

	/** Stops every app; none is restarted from here on. */
	@Override
	public void close() {
		this.apps.values().parallelStream().forEach(SupervisedApp::stop);
		this.supervisor.shutdownNow();
	}

}
