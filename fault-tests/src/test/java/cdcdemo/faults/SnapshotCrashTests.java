package cdcdemo.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

import cdcdemo.testsupport.kafka.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * cdc-bridge killed with SIGKILL in the middle of a connector's initial snapshot.
 * Debezium's exactly-once covers streaming, not snapshots (on Kafka Connect too): the
 * restarted connector finds the snapshot unfinished and takes it again from the start. So
 * every row arrives, and the {@code op: "r"} reads committed before the kill arrive a
 * second time; a change made after the snapshot arrives once.
 */
@Tag("system")
@Order(8)
@ExtendWith(PlatformParameterResolver.class)
class SnapshotCrashTests {

	/**
	 * The table's rows: the reduced form takes 50,000 (a few seconds of snapshot), the
	 * full one 200,000.
	 */
	static final int ROWS = (FaultScenario.CHANGES >= 10_000) ? 200_000 : 50_000;

	static final String TOPIC = "bulk.public.bulk";

	@Test
	void aSnapshotCutShortByACrashIsTakenAgainAndLosesNoRow(FaultPlatform platform) {
		JdbcClient owner = JdbcClient.create(platform.postgres().dataSource("users"));
		owner.sql("create table bulk (id bigint primary key, label text not null)").update();
		owner.sql("insert into bulk select i, 'row ' || i from generate_series(1, ?) i").param(ROWS).update();
		owner.sql("grant select on bulk to cdc_bridge").update();
		owner.sql("create publication bulk_publication for table bulk").update();
		assertThat(platform.post(FaultPlatform.BRIDGE, "/api/connectors", """
				{"name": "bulk", "source": {"datasource": "default"}, "tables": ["public.bulk"],
				 "publication": "bulk_publication"}""")).isNotNull();
		String bootstrap = platform.bootstrapServers();
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> TopicReader.endOffset(bootstrap, TOPIC, "read_committed") > ROWS / 10);
		long committedAtKill = TopicReader.endOffset(bootstrap, TOPIC, "read_committed");
		platform.kill(FaultPlatform.BRIDGE);
		Instant restarted = platform.startBridge();
		platform.awaitHealthy(FaultPlatform.BRIDGE);
		owner.sql("update bulk set label = 'after the snapshot' where id = 1").update();

		Map<Long, Integer> reads = new HashMap<>();
		int[] updates = new int[1];
		try (TopicReader reader = TopicReader.from(bootstrap, TOPIC, 0)) {
			await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
				reads.clear();
				updates[0] = 0;
				for (ConsumerRecord<String, String> record : reader.catchUp()) {
					JsonNode payload = JsonMapper.shared().readTree(record.value()).path("payload");
					switch (payload.path("op").asString()) {
						case "r" -> reads.merge(payload.path("after").path("id").asLong(), 1, Integer::sum);
						case "u" -> updates[0]++;
						default -> {
						}
					}
				}
				return reads.size() == ROWS && updates[0] >= 1;
			});
		}
		long readTwice = reads.values().stream().filter((n) -> n > 1).count();
		FaultResults.line("snapshot-kill-9",
				List.of("rows=" + ROWS, "committed-at-kill=" + committedAtKill, "rows-missing=" + (ROWS - reads.size()),
						"rows-read-twice=" + readTwice, "updates-after=" + updates[0],
						"recovery=" + Duration.between(restarted, Instant.now()).toSeconds() + "s"));

		assertThat(reads).as("every row of the table, read").hasSize(ROWS);
		assertThat(readTwice).as("rows whose read committed before the kill, read again by the repeated snapshot")
			.isPositive();
		assertThat(reads.values()).as("at most one repetition").allMatch((n) -> n <= 2);
		assertThat(updates[0]).as("the change after the snapshot, once").isEqualTo(1);
		platform.delete(FaultPlatform.BRIDGE, "/api/connectors/bulk");
	}

}
