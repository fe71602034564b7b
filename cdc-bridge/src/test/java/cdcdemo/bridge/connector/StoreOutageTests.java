package cdcdemo.bridge.connector;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cdcdemo.platform.FreePort;
import cdcdemo.platform.kafka.KafkaServer;
import cdcdemo.testsupport.kafka.TopicReader;
import cdcdemo.testsupport.servers.ServerStarts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connector whose Kafka store goes away, on real servers: a broker of its own, stopped
 * while the connector streams and started again on its log directory and ports. The
 * connector fails, is retried with a growing delay that {@code info} reports with the
 * restarts and the last error, streams on from its last committed position once the
 * broker is back (nothing lost, nothing twice), and can be paused, resumed and destroyed
 * while its store is down.
 */
class StoreOutageTests extends BridgeSystemTest {

	@Test
	void aStoreThatGoesAwayIsRetriedWithBackOffAndNothingIsLostOrSentTwice() {
		Path logDir = ServerStarts.directory("bridge-test-outage-kafka");
		int brokerPort = FreePort.orAny(0);
		int controllerPort = FreePort.orAny(0);
		KafkaServer store = ServerStarts.kafka(logDir, brokerPort, controllerPort);
		BridgeApi api = new BridgeApi(this.port, this.mapper);
		try {
			this.monolith.sql("create table outages (id bigint primary key, body text not null)").update();
			this.monolith.sql("create publication outages_publication for table outages").update();
			api.call("POST", "/api/connectors",
					Map.of("name", "outages", "source",
							Map.of("jdbcUrl", this.postgres.jdbcUrl("users"), "user", "cdc_bridge", "password",
									"cdc_bridge"),
							"store", Map.of("bootstrapServers", store.bootstrapServers()), "tables",
							List.of("public.outages"), "publication", "outages_publication"),
					201);
			assertThat(api.call("GET", "/api/connectors/outages/wait?timeout=60s", null, 200).path("status").asString())
				.isEqualTo("available");
			insert(1);
			String bootstrap = store.bootstrapServers();
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ids(bootstrap)).containsExactly(1L));

			// a first start on a broker just started can fail and be restarted (its
			// transaction coordinator not ready yet): only the restarts from here on are
			// the outage's
			int restartsBefore = api.info("outages").path("delivery").path("restarts").asInt();
			store.close();
			store = null;
			insert(2);
			await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
				JsonNode info = api.info("outages");
				assertThat(info.path("status").asString()).isEqualTo("failed");
				assertThat(info.path("reason").asString()).contains("restarting in");
				assertThat(info.path("delivery").path("restarts").asInt()).isGreaterThanOrEqualTo(restartsBefore + 2);
				assertThat(info.path("delivery").path("lastError").asString()).isNotBlank();
			});
			// the delay grows: 5 s, then 10 s, ...
			assertThat(api.info("outages").path("reason").asString()).doesNotContain("restarting in 5 s");

			store = ServerStarts.kafka(logDir, brokerPort, controllerPort);
			await().atMost(Duration.ofMinutes(2))
				.untilAsserted(() -> assertThat(ids(bootstrap)).containsExactly(1L, 2L));
			assertThat(api.info("outages").path("status").asString()).isEqualTo("available");

			// every action answers while the store is down
			store.close();
			store = null;
			insert(3);
			await().atMost(Duration.ofMinutes(2))
				.untilAsserted(() -> assertThat(api.info("outages").path("status").asString()).isEqualTo("failed"));
			assertThat(api.call("POST", "/api/connectors/outages/pause", null, 200).path("status").asString())
				.isEqualTo("paused");
			api.call("POST", "/api/connectors/outages/resume", null, 200);
			JsonNode destroyed = api.call("DELETE", "/api/connectors/outages", null, 200);
			assertThat(destroyed.path("slotDropped").asBoolean()).isTrue();
			assertThat(destroyed.path("message").asString()).contains("did not answer");
		}
		finally {
			if (store != null) {
				store.close();
			}
		}
	}

	private void insert(long id) {
		this.monolith.sql("insert into outages values (?, 'row')").param(id).update();
	}

	private List<Long> ids(String bootstrapServers) {
		return TopicReader.readAll(bootstrapServers, "outages.public.outages")
			.stream()
			.filter((r) -> r.value() != null)
			.map((r) -> this.mapper.readTree(r.value()).path("payload").path("after").path("id").asLong())
			.toList();
	}

}
