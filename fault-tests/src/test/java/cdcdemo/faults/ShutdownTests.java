package cdcdemo.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import cdcdemo.platform.postgres.PostgresServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stop at the worst moment: SIGTERM to cdc-bridge while the Kafka broker, or
 * PostgreSQL, is down. Its clients would retry for ever; a platform stop,
 * {@code docker compose stop} or a Kubernetes pod stop (30 s by default) would end in a
 * kill. The bridge must exit by itself, well within that, and start again on the same
 * position once the broker is back.
 */
@Tag("system")
@Order(10)
@ExtendWith(PlatformParameterResolver.class)
class ShutdownTests {

	static final Duration LIMIT = Duration.ofSeconds(15);

	@Test
	void theBridgeExitsOnSigtermWhileKafkaIsDown(FaultPlatform platform) {
		platform.stopKafka();
		Duration stopping;
		try {
			// the stop's last commit and the producers' close have a broker to wait for,
			// and none answers
			Instant sigterm = Instant.now();
			platform.stop(FaultPlatform.BRIDGE);
			stopping = Duration.between(sigterm, Instant.now());
		}
		finally {
			platform.startKafka();
			if (!platform.running(FaultPlatform.BRIDGE)) {
				platform.startBridge();
			}
			platform.awaitHealthy(FaultPlatform.BRIDGE);
		}
		report("bridge-sigterm-while-kafka-down", stopping);
		assertThat(stopping).as("from SIGTERM to the bridge's exit, the broker down").isLessThan(LIMIT);
	}

	@Test
	void theBridgeExitsOnSigtermWhilePostgresIsDown(FaultPlatform platform) {
		platform.postgres().stop(PostgresServer.ShutdownMode.FAST);
		Duration stopping;
		try {
			// the stop releases the connector's advisory lock and closes its replication
			// connection: no server
			Instant sigterm = Instant.now();
			platform.stop(FaultPlatform.BRIDGE);
			stopping = Duration.between(sigterm, Instant.now());
		}
		finally {
			platform.postgres().startAgain();
			if (!platform.running(FaultPlatform.BRIDGE)) {
				platform.startBridge();
			}
			platform.awaitHealthy(FaultPlatform.BRIDGE);
		}
		report("bridge-sigterm-while-postgres-down", stopping);
		assertThat(stopping).as("from SIGTERM to the bridge's exit, PostgreSQL down").isLessThan(LIMIT);
	}

	private static void report(String scenario, Duration stopping) {
		FaultResults.line(scenario,
				List.of(String.format("exit=%.1fs", stopping.toMillis() / 1000.0), "limit=" + LIMIT.toSeconds() + "s"));
	}

}
