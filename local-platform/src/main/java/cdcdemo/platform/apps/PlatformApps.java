package cdcdemo.platform.apps;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cdcdemo.platform.FreePort;
import cdcdemo.platform.PlatformProperties;
import cdcdemo.platform.kafka.KafkaServer;
import cdcdemo.platform.mail.MailCatcher;
import cdcdemo.platform.postgres.PostgresServer;

/**
 * The apps of the platform, started as separate processes against the embedded servers, with the same
 * environment variables docker-compose.yml gives them. users-app starts first so that its migrations have created the
 * tables before cdc-bridge snapshots them.
 */
public final class PlatformApps implements AutoCloseable {

	/** The connector cdc-bridge runs; its tables' topics are {@code <connector>.<schema>.<table>}. */
	public static final String CONNECTOR = "monolith";

	/** The topic of the users table. */
	public static final String USERS_TOPIC = CONNECTOR + ".public.users";

	private static final Logger log = LoggerFactory.getLogger(PlatformApps.class);

	private final Map<String, AppProcess> apps = new LinkedHashMap<>();

	private PlatformApps() {
	}

	public static PlatformApps start(PlatformProperties properties, PostgresServer postgres, KafkaServer kafka,
			MailCatcher mail) {
		PlatformApps platform = new PlatformApps();
		try {
			platform.startAll(properties, postgres, kafka, mail);
			return platform;
		}
		catch (RuntimeException ex) {
			platform.close();
			throw ex;
		}
	}

	private void startAll(PlatformProperties properties, PostgresServer postgres, KafkaServer kafka, MailCatcher mail) {
		Path home = properties.homePath();
		Path logs = properties.dataDirPath().resolve("logs");
		Duration timeout = properties.appStartTimeout();
		String jvm = properties.appJvmOptions();
		PlatformProperties.Apps ports = properties.apps();
		String db = "127.0.0.1";

		AppProcess users = AppProcess.start(home, "users-app", FreePort.orAny(ports.usersAppPort()),
				Map.of("DB_URL", postgres.jdbcUrl("users"), "DB_USER", "users_app", "DB_PASSWORD", postgres.password("users_app")), jvm,
				logs);
		this.apps.put(users.name(), users);
		AppProcess consumer = AppProcess.start(home, "kafka-consumer", FreePort.orAny(ports.kafkaConsumerPort()),
				Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "KAFKA_TOPIC", USERS_TOPIC), jvm, logs);
		this.apps.put(consumer.name(), consumer);
		AppProcess domainStats = AppProcess.start(home, "domain-stats", FreePort.orAny(ports.domainStatsPort()),
				Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "KAFKA_TOPIC", USERS_TOPIC), jvm, logs);
		this.apps.put(domainStats.name(), domainStats);
		AppProcess onboarding = AppProcess.start(home, "onboarding-service", FreePort.orAny(ports.onboardingPort()),
				Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "KAFKA_TOPIC", USERS_TOPIC, "DB_URL",
						postgres.jdbcUrl("onboarding"), "DB_USER", "onboarding", "DB_PASSWORD", postgres.password("onboarding"),
						"SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(mail.port())),
				jvm, logs);
		this.apps.put(onboarding.name(), onboarding);

		users.awaitHealthy(timeout);
		// the owner's step: publish the captured columns, now that the monolith's migrations created the table
		postgres.runOwnerScript("users", "postgres/publications/monolith.sql");
		AppProcess bridge = AppProcess.start(home, "cdc-bridge", FreePort.orAny(ports.cdcBridgePort()),
				Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "CONNECTOR_NAME", CONNECTOR,
						"SOURCE_DB_HOST", db, "SOURCE_DB_PORT", Integer.toString(postgres.port()), "SOURCE_DB_NAME",
						"users", "SOURCE_DB_USER", "cdc_bridge", "SOURCE_DB_PASSWORD", postgres.password("cdc_bridge")),
				properties.bridgeJvmOptions(), logs);
		this.apps.put(bridge.name(), bridge);

		List<CompletableFuture<Void>> healthy = new ArrayList<>();
		for (AppProcess app : this.apps.values()) {
			healthy.add(CompletableFuture.runAsync(() -> app.awaitHealthy(timeout)));
		}
		try {
			CompletableFuture.allOf(healthy.toArray(CompletableFuture[]::new)).join();
		}
		catch (RuntimeException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
		log.info("All apps are healthy; their logs are in {}", logs.toAbsolutePath());
	}

	public AppProcess app(String module) {
		AppProcess app = this.apps.get(module);
		if (app == null) {
			throw new IllegalArgumentException("no app " + module);
		}
		return app;
	}

	public Map<String, AppProcess> apps() {
		return Map.copyOf(this.apps);
	}

	@Override
	public void close() {
		this.apps.values().parallelStream().forEach(AppProcess::stop);
	}

}
