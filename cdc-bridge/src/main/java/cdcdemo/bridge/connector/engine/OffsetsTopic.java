package cdcdemo.bridge.connector.engine;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The offsets topic, outside a run of the engine: created before the first run, read when
 * an engine starts, and cleared of a connector's keys when it is destroyed. The records
 * are Kafka Connect's, so a connector keeps its position on a Kafka Connect cluster; the
 * channel writes them (see {@link EventChannel#commit}).
 */
public final class OffsetsTopic {

	private OffsetsTopic() {
	}

	static void create(Admin admin, String topic) throws InterruptedException, ExecutionException {
		if (admin.listTopics().names().get().contains(topic)) {
			return;
		}
		// compacted: only each connector's last position matters. A commit every few tens
		// of milliseconds writes a record each time; small segments let the cleaner
		// compact them before a restart has to read them all
		NewTopic offsets = new NewTopic(topic, 1, (short) -1)
			.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
					TopicConfig.SEGMENT_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024), TopicConfig.SEGMENT_MS_CONFIG,
					Long.toString(Duration.ofMinutes(10).toMillis())));
		try {
			admin.createTopics(List.of(offsets)).all().get();
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw ex;
			}
		}
	}

	/**
	 * Read the source offsets committed so far: read_committed, so a transaction that a
	 * crashed bridge left open (aborted by {@code initTransactions()}) is never read.
	 * @param bootstrapServers the Kafka store
	 * @param offsetsTopic the offsets topic
	 * @return key to value, as the engine wrote them
	 */
	static Map<ByteBuffer, ByteBuffer> read(String bootstrapServers, String offsetsTopic) {
		Map<ByteBuffer, ByteBuffer> offsets = new HashMap<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
						"read_committed", ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
						(int) EventChannel.BROKER_TIMEOUT.toMillis(), ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
						ByteArrayDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
						ByteArrayDeserializer.class))) {
			Set<TopicPartition> partitions = consumer.partitionsFor(offsetsTopic)
				.stream()
				.map((p) -> new TopicPartition(p.topic(), p.partition()))
				.collect(Collectors.toSet());
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch((p) -> consumer.position(p) < ends.get(p))) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (record.key() == null) {
						continue;
					}
					if (record.value() == null) {
						offsets.remove(ByteBuffer.wrap(record.key()));
					}
					else {
						offsets.put(ByteBuffer.wrap(record.key()), ByteBuffer.wrap(record.value()));
					}
				}
			}
		}
		return offsets;
	}

	/**
	 * @param bootstrapServers the Kafka store
	 * @param offsetsTopic the offsets topic
	 * @param connector a connector
	 * @return its committed positions (the engine keys them {@code ["<connector>",
	 * {partition}]}), key to value
	 */
	static Map<ByteBuffer, ByteBuffer> positionsOf(String bootstrapServers, String offsetsTopic, String connector) {
		Map<ByteBuffer, ByteBuffer> positions = read(bootstrapServers, offsetsTopic);
		positions.keySet().removeIf((key) -> !connector.equals(connectorOf(key)));
		return positions;
	}

	/**
	 * Forget a destroyed connector's position: a tombstone for each of its keys in the
	 * offsets topic. Otherwise a connector created again under the same name, with a new
	 * replication slot, would ask PostgreSQL for a position the old slot had and the new
	 * one never held.
	 * @param producerConfig the producer's settings
	 * @param offsetsTopic the offsets topic
	 * @param connector the connector
	 * @return how many keys were forgotten
	 */
	public static int forget(Map<String, Object> producerConfig, String offsetsTopic, String connector) {
		Map<ByteBuffer, byte[]> tombstones = new HashMap<>();
		positionsOf(bootstrap(producerConfig), offsetsTopic, connector).keySet()
			.forEach((key) -> tombstones.put(key, null));
		write(producerConfig, offsetsTopic, tombstones, "forget the position of " + connector);
		return tombstones.size();
	}

	/**
	 * Whether a connector's committed position is still inside its initial snapshot, or
	 * it has none yet: then Debezium takes the initial snapshot again from its first row
	 * when the engine starts, so stopping the engine does not stop that snapshot. A
	 * position inside an on-demand (blocking) snapshot is not: Debezium resumes streaming
	 * from it and does not take that snapshot again.
	 * @param bootstrapServers the Kafka store
	 * @param offsetsTopic the offsets topic
	 * @param connector the connector
	 * @return {@code true} with no committed position, or one inside the initial snapshot
	 */
	public static boolean inInitialSnapshot(String bootstrapServers, String offsetsTopic, String connector) {
		Collection<ByteBuffer> values = positionsOf(bootstrapServers, offsetsTopic, connector).values();
		if (values.isEmpty()) {
			return true;
		}
		for (ByteBuffer value : values) {
			try {
				if (inSnapshot(JsonMapper.shared().readTree(bytes(value)), true)) {
					return true;
				}
			}
			catch (JacksonException ex) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a committed position is inside a snapshot. Debezium's
	 * {@code PostgresOffsetContext}: while a snapshot runs, {@code snapshot} is
	 * {@code INITIAL} or {@code BLOCKING} ({@code true} in older versions), and both
	 * {@code snapshot_completed} and {@code last_snapshot_record} are false until its
	 * last row.
	 * @param offset one position, as Debezium writes it
	 * @param initialOnly whether only the initial snapshot counts, not an on-demand
	 * (blocking) one
	 * @return whether it is
	 */
	public static boolean inSnapshot(JsonNode offset, boolean initialOnly) {
		String snapshot = offset.path("snapshot").asString("");
		boolean initial = snapshot.equalsIgnoreCase("INITIAL") || snapshot.equalsIgnoreCase("true");
		boolean any = initial || snapshot.equalsIgnoreCase("BLOCKING");
		return (initialOnly ? initial : any) && !offset.path("snapshot_completed").asBoolean(false)
				&& !offset.path("last_snapshot_record").asBoolean(false);
	}

	/**
	 * Take a stopped blocking snapshot out of a connector's committed position, as
	 * Debezium does itself when such a snapshot fails in a running engine
	 * ({@code postSnapshotCompletion()}): the position keeps its LSNs and loses its
	 * {@code snapshot}, {@code last_snapshot_record} and {@code snapshot_completed} keys.
	 * Left in, they made the next engine mark every change it streamed as a snapshot read
	 * ({@code source.snapshot: "true"}, seen in {@code SnapshotStopTests}): Debezium
	 * 3.6.1 loads a position inside a blocking snapshot as one still in a snapshot, and
	 * only a snapshot's end clears that. Written after the stopped engine's last
	 * transaction, so it is the position the next engine reads.
	 * @param producerConfig the producer's settings (not transactional)
	 * @param offsetsTopic the offsets topic
	 * @param connector the connector, its engine stopped
	 * @return how many positions were rewritten: 0 if none was inside a blocking snapshot
	 */
	public static int endBlockingSnapshot(Map<String, Object> producerConfig, String offsetsTopic, String connector) {
		Map<ByteBuffer, byte[]> rewritten = new HashMap<>();
		positionsOf(bootstrap(producerConfig), offsetsTopic, connector).forEach((key, value) -> {
			try {
				JsonNode offset = JsonMapper.shared().readTree(bytes(value));
				if (offset instanceof ObjectNode position
						&& position.path("snapshot").asString("").equalsIgnoreCase("BLOCKING")) {
					position.remove(List.of("snapshot", "last_snapshot_record", "snapshot_completed"));
					rewritten.put(key, JsonMapper.shared().writeValueAsBytes(position));
				}
			}
			catch (JacksonException ex) {
				// not a position this bridge can read: left as it is
			}
		});
		write(producerConfig, offsetsTopic, rewritten, "rewrite the position of " + connector);
		return rewritten.size();
	}

	/**
	 * A connector's committed positions as Kafka Connect's offsets REST API takes them
	 * (KIP-875, {@code PATCH /connectors/{name}/offsets}): the records here are Kafka
	 * Connect's own, {@code ["<connector>", {partition}]} to {offset}.
	 * @param bootstrapServers the Kafka store
	 * @param offsetsTopic the offsets topic
	 * @param connector the connector, its engine stopped
	 * @return {@code {"offsets": [{"partition": {...}, "offset": {...}}]}}, empty if it
	 * has no position yet
	 */
	public static ObjectNode connectOffsets(String bootstrapServers, String offsetsTopic, String connector) {
		ObjectNode body = JsonMapper.shared().createObjectNode();
		var offsets = body.putArray("offsets");
		positionsOf(bootstrapServers, offsetsTopic, connector).forEach((key, value) -> {
			ObjectNode entry = offsets.addObject();
			entry.set("partition", JsonMapper.shared().readTree(bytes(key)).path(1));
			entry.set("offset", JsonMapper.shared().readTree(bytes(value)));
		});
		return body;
	}

	/**
	 * Replace a connector's committed positions with the ones a Kafka Connect cluster
	 * gives ({@code GET /connectors/{name}/offsets}), so that the embedded engine goes on
	 * from where the cluster's task stopped: the old keys are forgotten first, so that no
	 * older position with a key written another way stays beside the new one.
	 * @param producerConfig the producer's settings (not transactional)
	 * @param offsetsTopic the offsets topic
	 * @param connector the connector, its engine stopped
	 * @param connectOffsets what the cluster answered
	 * @return how many positions were written
	 */
	public static int replace(Map<String, Object> producerConfig, String offsetsTopic, String connector,
			JsonNode connectOffsets) {
		forget(producerConfig, offsetsTopic, connector);
		Map<ByteBuffer, byte[]> records = new HashMap<>();
		for (JsonNode entry : connectOffsets.path("offsets")) {
			var key = JsonMapper.shared().createArrayNode().add(connector).add(entry.path("partition"));
			records.put(ByteBuffer.wrap(JsonMapper.shared().writeValueAsBytes(key)),
					JsonMapper.shared().writeValueAsBytes(entry.path("offset")));
		}
		write(producerConfig, offsetsTopic, records, "write the position of " + connector);
		return records.size();
	}

	/**
	 * Write records to the offsets topic and wait until Kafka has them all.
	 * @param records key to value, {@code null} for a tombstone; none writes nothing
	 * @param what what the writing does, for the exception
	 */
	private static void write(Map<String, Object> producerConfig, String offsetsTopic, Map<ByteBuffer, byte[]> records,
			String what) {
		if (records.isEmpty()) {
			return;
		}
		try (Producer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig)) {
			List<Future<RecordMetadata>> acks = new ArrayList<>();
			records.forEach(
					(key, value) -> acks.add(producer.send(new ProducerRecord<>(offsetsTopic, bytes(key), value))));
			for (Future<RecordMetadata> ack : acks) {
				ack.get();
			}
		}
		catch (ExecutionException ex) {
			throw new KafkaException("could not " + what, ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaException("interrupted while trying to " + what, ex);
		}
	}

	private static String bootstrap(Map<String, Object> producerConfig) {
		return producerConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG).toString();
	}

	static String connectorOf(ByteBuffer key) {
		try {
			JsonNode json = JsonMapper.shared().readTree(bytes(key));
			return json.isArray() ? json.path(0).asString(null) : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	static byte[] bytes(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.duplicate().get(bytes);
		return bytes;
	}

}
