package cdcdemo.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import cdcdemo.platform.apps.PlatformApps;
import cdcdemo.platform.postgres.PostgresServer.ShutdownMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL shut down while changes stream ({@code pg_ctl stop -m fast}, and
 * {@code -m immediate}, which is a crash followed by WAL recovery), kept down until the
 * writer and cdc-bridge have felt it, then started again on the same data directory and
 * port. The writer rides out the outage and learns, row by row, whether its last
 * unacknowledged commit happened. cdc-bridge is left alone: it reconnects to its slot by
 * itself and goes on from its last committed offset.
 */
@Order(5)
@ExtendWith(PlatformParameterResolver.class)
@Tag("system")
class PostgresRestartTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@ParameterizedTest
	@EnumSource(ShutdownMode.class)
	void bridgeReconnectsByItselfAfterARestartOfTheDatabaseAndLosesNothing(ShutdownMode mode, FaultPlatform platform) {
		String name = "postgres-stop-" + mode.name().toLowerCase();
		FaultScenario scenario = new FaultScenario(platform, name, (mode == ShutdownMode.FAST) ? 3_000_000 : 4_000_000);
		long bridgePid = platform.app(FaultPlatform.BRIDGE).pid();
		scenario.startWriting();
		scenario.awaitCommitted(1.0 / 3);
		platform.postgres().stop(mode);
		// down until both sides have felt it: the writer's commits fail, and the bridge
		// cannot reach the database
		// (its connector's status stays "available" meanwhile: Debezium retries the lost
		// replication connection
		// inside the running task)
		await().atMost(Duration.ofMinutes(2))
			.until(() -> scenario.writer().outageRetries() > 0
					&& bridgeWarns(platform, "cannot inspect the source database"));
		platform.postgres().startAgain();
		Instant restarted = Instant.now();
		scenario.awaitWritten();
		Delivery delivery = scenario.awaitDelivered();
		scenario.report(delivery, restarted, Map.of("writer-retries", scenario.writer().outageRetries()));

		Assertions.assertCompleteAndInOrder(delivery);
		assertThat(platform.app(FaultPlatform.BRIDGE).pid()).as("the same bridge process").isEqualTo(bridgePid);
		await().atMost(Duration.ofMinutes(2)).until(() -> "available".equals(platform.connectorStatus()));
	}

	private boolean bridgeWarns(FaultPlatform platform, String warning) {
		String body = platform.get(FaultPlatform.BRIDGE, "/api/connectors/" + PlatformApps.CONNECTOR);
		return body != null && this.json.readTree(body)
			.path("warnings")
			.valueStream()
			.anyMatch((node) -> node.asString().contains(warning));
	}

}
