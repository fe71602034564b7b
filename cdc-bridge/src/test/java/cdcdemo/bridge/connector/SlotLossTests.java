package cdcdemo.bridge.connector;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replication slot dropped behind the bridge's back, on a real PostgreSQL: a DBA ends
 * the connector's walsender and drops its slot. The connector does not create a new slot
 * and stream on as if nothing was lost: it stays {@code failed}, saying what happened and
 * how to recover, and can be destroyed.
 */
class SlotLossTests extends BridgeSystemTest {

	@Test
	void aSlotDroppedBehindTheBridgesBackFailsTheConnectorWithTheWayOut() {
		BridgeApi api = new BridgeApi(this.port, this.mapper);
		this.monolith.sql("create table ledgers (id bigint primary key, body text not null)").update();
		this.monolith.sql("create publication ledgers_publication for table ledgers").update();
		api.call("POST", "/api/connectors",
				Map.of("name", "ledgers", "source",
						Map.of("jdbcUrl", this.postgres.jdbcUrl("users"), "user", "cdc_bridge", "password",
								"cdc_bridge"),
						"tables", List.of("public.ledgers"), "publication", "ledgers_publication"),
				201);
		assertThat(api.call("GET", "/api/connectors/ledgers/wait?timeout=60s", null, 200).path("status").asString())
			.isEqualTo("available");
		this.monolith.sql("insert into ledgers values (1, 'before the drop')").update();
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(api.info("ledgers").path("delivery").path("commits").asLong()).isPositive());

		JdbcClient dba = JdbcClient.create(this.postgres.dataSource("users"));
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
			dba.sql("select pg_terminate_backend(active_pid) from pg_replication_slots where slot_name = 'ledgers'"
					+ " and active")
				.query()
				.listOfRows();
			return !dba
				.sql("select pg_drop_replication_slot(slot_name) from pg_replication_slots"
						+ " where slot_name = 'ledgers' and not active")
				.query()
				.listOfRows()
				.isEmpty();
		});
		this.monolith.sql("insert into ledgers values (2, 'after the drop')").update();

		await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
			JsonNode info = api.info("ledgers");
			assertThat(info.path("status").asString()).isEqualTo("failed");
			assertThat(info.path("reason").asString()).contains("replication slot ledgers is gone",
					"destroy the connector and create it again");
		});
		assertThat(dba.sql("select count(*) from pg_replication_slots where slot_name = 'ledgers'")
			.query(Long.class)
			.single()).as("no new slot, which would stream on as if nothing was lost").isZero();
		api.call("DELETE", "/api/connectors/ledgers", null, 200);
	}

}
