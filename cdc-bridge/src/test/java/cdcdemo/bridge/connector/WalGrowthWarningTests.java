package cdcdemo.bridge.connector;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The early warning of a slot that keeps growing, on a real PostgreSQL: the declared
 * connector is paused (its slot stays, and stops following the WAL) while unrelated rows
 * are written in the captured database. Before the retained WAL is anywhere near the
 * threshold, {@code info} and the health say how fast it grows and when it passes the
 * threshold; once the connector is resumed and its slot follows the WAL again, the
 * warning goes. The window is shortened to seconds here (five minutes by default), and
 * the horizon lengthened so that this test's few megabytes count as growth that matters.
 */
@TestPropertySource(properties = { "cdc.charts.interval=1s", "cdc.connector.wal-sample-interval=1s",
		"cdc.connector.wal-growth.window=6s", "cdc.connector.wal-growth.horizon=1000d" })
class WalGrowthWarningTests extends BridgeSystemTest {

	private static final String GROWING = "the slot's retained WAL grew in every sample for";

	@Test
	void aSlotThatKeepsGrowingWarnsLongBeforeTheThresholdAndStopsWarningOnceItFollowsTheWal() {
		BridgeApi api = new BridgeApi(this.port, this.mapper);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(api.info("monolith").path("status").asString()).isEqualTo("available"));
		this.monolith.sql("create table wal_filler (id bigserial primary key, payload text not null)").update();
		assertThat(api.call("POST", "/api/connectors/monolith/pause", null, 200).path("status").asString())
			.isEqualTo("paused");
		try {
			JsonNode warned = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> {
				writeUnrelatedRows();
				return api.info("monolith");
			}, (info) -> warnings(info).contains(GROWING));
			String warning = warning(warned);
			System.out.printf("Paused connector, unrelated writes: retained WAL %,d bytes, warning: %s%n",
					warned.path("retainedWalBytes").asLong(), warning);
			assertThat(warning).containsPattern("grew in every sample for [6-9] s, by [0-9,]+ bytes/min")
				.contains("passes the 1,073,741,824-byte warning in")
				.contains("Is the connector stopped, paused or failing?");
			assertThat(warned.path("retainedWalBytes").asLong()).as("far below the threshold").isLessThan(1L << 30);
			JsonNode health = api.call("GET", "/actuator/health", null, 200);
			assertThat(health.path("components").path("connectors").path("status").asString()).isEqualTo("WARNING");
		}
		finally {
			api.call("POST", "/api/connectors/monolith/resume", null, 200);
		}
		await().atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(warnings(api.info("monolith"))).doesNotContain(GROWING));
		this.monolith.sql("drop table wal_filler").update();
	}

	private void writeUnrelatedRows() {
		this.monolith.sql("insert into wal_filler (payload) select repeat('x', 200) from generate_series(1, 2000)")
			.update();
	}

	private static String warnings(JsonNode info) {
		return info.path("warnings").toString();
	}

	private static String warning(JsonNode info) {
		for (JsonNode warning : info.path("warnings")) {
			if (warning.asString().startsWith(GROWING)) {
				return warning.asString();
			}
		}
		throw new AssertionError("no growth warning in " + info.path("warnings"));
	}

}
