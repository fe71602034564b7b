package cdcdemo.bridge.connector;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.jsoup.nodes.Document;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping an on-demand snapshot in progress, on a real PostgreSQL and Kafka: a table of
 * 200,000 rows is read again, the snapshot is stopped part-way, and then no more of its
 * rows arrive, the change made while it read the table and one made after the stop both
 * arrive, and the info says it was stopped. A connector with no snapshot running refuses
 * the stop.
 */
class SnapshotStopTests extends BridgeSystemTest {

	private static final int ROWS = 200_000;

	@Test
	void stopsASnapshotInProgressAndGoesOnStreaming() {
		this.monolith.sql("create table big (id bigint primary key, body text not null)").update();
		this.monolith.sql("insert into big select i, repeat('x', 200) from generate_series(1, " + ROWS + ") i")
			.update();
		this.monolith.sql("create publication big_publication for table big").update();
		BridgeApi api = new BridgeApi(this.port, this.mapper);
		// no initial snapshot: the rows are read once, by the on-demand snapshot
		api.call("POST", "/api/connectors",
				Map.of("name", "big", "source",
						Map.of("jdbcUrl", this.postgres.jdbcUrl("users"), "user", "cdc_bridge", "password",
								"cdc_bridge"),
						"tables", List.of("public.big"), "publication", "big_publication", "settings",
						Map.of("snapshot.mode", "no_data")),
				201);
		api.call("GET", "/api/connectors/big/wait?timeout=90s", null, 200);
		assertThat(api.call("DELETE", "/api/connectors/big/snapshots", null, 409).path("detail").asString())
			.startsWith("big is taking no snapshot");

		try (Events events = new Events(this.kafka.bootstrapServers(), "big.public.big")) {
			// streaming has started: a change before the snapshot arrives
			this.monolith.sql("insert into big values (" + (ROWS + 1) + ", 'before')").update();
			await().atMost(Duration.ofSeconds(60)).until(() -> events.read().created().contains((long) ROWS + 1));

			api.call("POST", "/api/connectors/big/snapshots", Map.of("table", "public.big"), 202);
			// Debezium counts the rows read only every ten seconds: the topic tells
			// sooner
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> api.info("big").path("snapshot").path("state").asString().equals("running")
						&& events.read().reads() > 0);
			assertThat(api.page().selectFirst("#connector-big form.snapshot-stop button").text())
				.isEqualTo("Stop snapshot");
			// streaming waits while the table is read: this change arrives after the stop
			this.monolith.sql("insert into big values (" + (ROWS + 2) + ", 'during')").update();

			JsonNode stopped = api.call("DELETE", "/api/connectors/big/snapshots", null, 202);
			assertThat(stopped.path("snapshot").path("state").asString()).isEqualTo("stopped");
			long rowsRead = stopped.path("snapshot").path("stopped").path("rowsRead").asLong();
			assertThat(rowsRead).isPositive().isLessThan(ROWS);

			api.call("GET", "/api/connectors/big/wait?timeout=90s", null, 200);
			this.monolith.sql("insert into big values (" + (ROWS + 3) + ", 'after')").update();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> events.read().created().containsAll(List.of((long) ROWS + 2, (long) ROWS + 3)));
			Events.Seen seen = events.read();
			assertThat(seen.reads()).as("rows read before the stop, and none after it").isPositive().isLessThan(ROWS);
			assertThat(seen.snapshotFlags()).as("the streamed changes after the stop are not marked as snapshot reads")
				.containsEntry((long) ROWS + 3, "false");

			JsonNode info = api.info("big");
			assertThat(info.path("status").asString()).isEqualTo("available");
			assertThat(info.path("snapshot").path("state").asString()).isEqualTo("stopped");
			assertThat(info.path("snapshot").path("stopped").path("rowsRead").asLong()).isEqualTo(rowsRead);
			Document page = api.page();
			assertThat(page.selectFirst("#connector-big .snapshot-stopped")).isNotNull();
			assertThat(page.selectFirst("#connector-big form.snapshot-stop")).isNull();
			assertThat(api.call("DELETE", "/api/connectors/big/snapshots", null, 409).path("detail").asString())
				.startsWith("big is taking no snapshot (its snapshot is stopped)");
			assertThat(events.read().reads()).as("the snapshot did not start again").isEqualTo(seen.reads());
		}
		finally {
			api.call("DELETE", "/api/connectors/big", null, 200);
		}
	}

	/**
	 * The events of a topic, read as they arrive by one consumer (the topic holds up to
	 * 200,000 snapshot reads: not read again from its start at each look).
	 */
	private final class Events implements AutoCloseable {

		private final KafkaConsumer<String, String> consumer;

		private final TopicPartition partition;

		private long reads;

		private final Set<Long> created = new HashSet<>();

		private final Map<Long, String> snapshotFlags = new HashMap<>();

		private Events(String bootstrapServers, String topic) {
			this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
					ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
					ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
					ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
			this.partition = new TopicPartition(topic, 0);
			this.consumer.assign(List.of(this.partition));
			this.consumer.seekToBeginning(List.of(this.partition));
		}

		/** What was seen so far: read up to the topic's end as of now. */
		Seen read() {
			long end = this.consumer.endOffsets(List.of(this.partition)).get(this.partition);
			while (this.consumer.position(this.partition) < end) {
				for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(200))) {
					if (record.value() == null) {
						continue;
					}
					JsonNode payload = SnapshotStopTests.this.mapper.readTree(record.value()).path("payload");
					String op = payload.path("op").asString();
					if (op.equals("r")) {
						this.reads++;
					}
					else if (op.equals("c")) {
						long id = payload.path("after").path("id").asLong();
						this.created.add(id);
						this.snapshotFlags.put(id, payload.path("source").path("snapshot").asString());
					}
				}
			}
			return new Seen(this.reads, Set.copyOf(this.created), Map.copyOf(this.snapshotFlags));
		}

		@Override
		public void close() {
			this.consumer.close();
		}

		/**
		 * @param reads {@code op=r} events
		 * @param created the ids of the rows inserted
		 * @param snapshotFlags each inserted row's {@code source.snapshot}
		 */
		record Seen(long reads, Set<Long> created, Map<Long, String> snapshotFlags) {
		}

	}

}
