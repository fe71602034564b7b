package cdcdemo.platform;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded platform. A port of 0 means "any free port" (what the tests
 * use).
 *
 * @param dataDir where PostgreSQL and Kafka keep their data between runs; delete it to
 * start afresh
 * @param home the checkout, where each app's jar is found under {@code <module>/target}
 * @param postgresPort PostgreSQL's port
 * @param kafkaPort the Kafka broker's port
 * @param kafkaControllerPort the KRaft controller's port
 * @param smtpPort the SMTP catcher's port
 * @param apps the apps to start, and where
 * @param appStartTimeout how long an app may take to report itself healthy
 * @param appJvmOptions JVM options for each app process but cdc-bridge
 * ({@code TieredStopAtLevel=1} starts them faster: they do little work)
 * @param bridgeJvmOptions JVM options for cdc-bridge, which does the platform's heavy
 * lifting: without the C2 compiler it spent 119 CPU seconds per million events at
 * PostgreSQL's top insert rate, against 42 with it (two benchmark runs, {@code --quick},
 * one after the other)
 * @param supervision how an app that dies is restarted
 * @param declareConnector whether cdc-bridge creates the {@code monolith} connector
 * itself on its first start (so the consumers have events at once); off
 * ({@code --platform.declare-connector=false}) for the tutorial's reader who creates it,
 * with the page's form or {@code ./cdc connectors:create}. A connector once created lives
 * in the bridge's Kafka topics either way.
 */
@ConfigurationProperties("platform")
public record PlatformProperties(@DefaultValue(".platform-data") String dataDir, @DefaultValue(".") String home,
		@DefaultValue("15432") int postgresPort, @DefaultValue("19092") int kafkaPort,
		@DefaultValue("19093") int kafkaControllerPort, @DefaultValue("1025") int smtpPort, @DefaultValue Apps apps,
		@DefaultValue("180s") Duration appStartTimeout,
		@DefaultValue("-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1") String appJvmOptions,
		@DefaultValue("-Xmx256m -XX:+UseSerialGC") String bridgeJvmOptions, @DefaultValue Supervision supervision,
		@DefaultValue("true") boolean declareConnector) {

	public Path dataDirPath() {
		return Path.of(this.dataDir).toAbsolutePath().normalize();
	}

	/**
	 * The PostgreSQL roles' passwords, generated on the first start and readable by the
	 * owner only.
	 * @return the file
	 */
	public Path secretsFile() {
		return dataDirPath().resolve("secrets.properties");
	}

	public Path homePath() {
		return Path.of(this.home).toAbsolutePath().normalize();
	}

	/**
	 * Which apps run, and on which port.
	 *
	 * @param enabled whether to start the apps at all (off: infrastructure only)
	 * @param usersAppPort the monolith
	 * @param kafkaConsumerPort the message list
	 * @param onboardingPort the onboarding service
	 * @param cdcBridgePort the CDC bridge
	 * @param domainStatsPort the example consumer of the tutorial (users per email
	 * domain)
	 */
	public record Apps(@DefaultValue("true") boolean enabled, @DefaultValue("8080") int usersAppPort,
			@DefaultValue("8081") int kafkaConsumerPort, @DefaultValue("8082") int onboardingPort,
			@DefaultValue("8083") int cdcBridgePort, @DefaultValue("8084") int domainStatsPort) {
	}

	/**
	 * How an app that exits while the platform runs is restarted: after a back-off that
	 * starts at {@code initialBackOff} and doubles up to {@code maxBackOff}, and starts
	 * again from the beginning once the app stayed up for {@code stableAfter}. An app
	 * that needed {@code maxRestarts} restarts within {@code restartWindow} is left down
	 * (it would most likely only crash again), with an error in the log.
	 *
	 * @param initialBackOff the wait before the first restart
	 * @param maxBackOff the longest wait
	 * @param stableAfter how long an app must have run for the back-off to start again
	 * from the beginning
	 * @param maxRestarts how many restarts within the window are tried before giving up
	 * @param restartWindow the window restarts are counted in
	 */
	public record Supervision(@DefaultValue("1s") Duration initialBackOff, @DefaultValue("30s") Duration maxBackOff,
			@DefaultValue("1m") Duration stableAfter, @DefaultValue("5") int maxRestarts,
			@DefaultValue("10m") Duration restartWindow) {
	}

}
