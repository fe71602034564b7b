package cdcdemo.testsupport.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what a topic holds, without a consumer group (nothing committed, nothing
 * skipped), as a {@code read_committed} consumer sees it by default: what transactions
 * committed, nothing of those still open or aborted.
 * <p>
 * {@link #readAll} reads every partition from its first offset to the end it has when the
 * read starts. An instance reads one partition from an offset and keeps what it has seen:
 * each {@link #catchUp()} reads on to the end the partition has at that moment.
 */
public final class TopicReader implements AutoCloseable {

	/**
	 * How long a read may go without a record, before its end, until it fails (unless
	 * told otherwise): a long topic read steadily takes as long as it takes.
	 */
	public static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final KafkaConsumer<String, String> consumer;

	private final TopicPartition partition;

	private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

	private TopicReader(String bootstrapServers, String topic, long fromOffset, String isolation) {
		this.consumer = consumer(bootstrapServers, isolation);
		this.partition = new TopicPartition(topic, 0);
		this.consumer.assign(List.of(this.partition));
		this.consumer.seek(this.partition, fromOffset);
	}

	/**
	 * A reader of partition 0 of a topic, from an offset, {@code read_committed}.
	 * @param bootstrapServers the broker
	 * @param topic the topic
	 * @param fromOffset the first offset to read
	 * @return the reader, to close
	 */
	public static TopicReader from(String bootstrapServers, String topic, long fromOffset) {
		return from(bootstrapServers, topic, fromOffset, "read_committed");
	}

	/**
	 * A reader of partition 0 of a topic, from an offset.
	 * @param bootstrapServers the broker
	 * @param topic the topic
	 * @param fromOffset the first offset to read
	 * @param isolation {@code read_committed} or {@code read_uncommitted}
	 * @return the reader, to close
	 */
	public static TopicReader from(String bootstrapServers, String topic, long fromOffset, String isolation) {
		return new TopicReader(bootstrapServers, topic, fromOffset, isolation);
	}

	/**
	 * @return every record seen so far, after reading what the partition holds now
	 */
	public List<ConsumerRecord<String, String>> catchUp() {
		Instant deadline = Instant.now().plus(TIMEOUT);
		long end = this.consumer.endOffsets(List.of(this.partition), TIMEOUT).get(this.partition);
		while (this.consumer.position(this.partition, TIMEOUT) < end) {
			failAfter(deadline, this.partition.topic());
			ConsumerRecords<String, String> polled = this.consumer.poll(Duration.ofMillis(500));
			if (!polled.isEmpty()) {
				deadline = Instant.now().plus(TIMEOUT);
			}
			polled.forEach(this.records::add);
		}
		return List.copyOf(this.records);
	}

	@Override
	public void close() {
		this.consumer.close();
	}

	/**
	 * Every committed record of a topic, partition after partition, each in offset order;
	 * none if the topic does not exist.
	 * @param bootstrapServers the broker
	 * @param topic the topic
	 * @return the records
	 */
	public static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic) {
		return readAll(bootstrapServers, topic, TIMEOUT);
	}

	/**
	 * Every committed record of a topic, partition after partition, each in offset order;
	 * none if the topic does not exist.
	 * @param bootstrapServers the broker
	 * @param topic the topic
	 * @param timeout how long the read may go without a record before its end
	 * @return the records
	 * @throws IllegalStateException if the read stalls that long
	 */
	public static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic,
			Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers, "read_committed")) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout)
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.sorted(Comparator.comparingInt(TopicPartition::partition))
				.toList();
			if (partitions.isEmpty()) {
				return records;
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
			while (partitions.stream()
				.anyMatch((partition) -> consumer.position(partition, timeout) < ends.get(partition))) {
				failAfter(deadline, topic);
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		List<ConsumerRecord<String, String>> ordered = new ArrayList<>(records);
		ordered.sort(Comparator.comparingInt((ConsumerRecord<String, String> r) -> r.partition())
			.thenComparingLong(ConsumerRecord::offset));
		return ordered;
	}

	/**
	 * @param bootstrapServers the broker
	 * @param topic the topic
	 * @return the values of {@link #readAll(String, String)}, tombstones as {@code null}
	 */
	public static List<String> values(String bootstrapServers, String topic) {
		return readAll(bootstrapServers, topic).stream().map(ConsumerRecord::value).toList();
	}

	/**
	 * @param bootstrapServers the broker
	 * @param topic the topic
	 * @return the values of {@link #readAll(String, String)} read as JSON, tombstones
	 * left out
	 */
	public static List<JsonNode> json(String bootstrapServers, String topic) {
		return readAll(bootstrapServers, topic).stream()
			.filter((record) -> record.value() != null)
			.map((record) -> Json.MAPPER.readTree(record.value()))
			.toList();
	}

	/**
	 * The end offset of partition 0 of a topic, {@code read_committed}.
	 * @param bootstrapServers the broker
	 * @param topic the topic
	 * @return its end offset now, 0 if it does not exist yet
	 */
	public static long endOffset(String bootstrapServers, String topic) {
		return endOffset(bootstrapServers, topic, "read_committed");
	}

	/**
	 * The end offset of partition 0 of a topic.
	 * @param bootstrapServers the broker
	 * @param topic the topic
	 * @param isolation {@code read_committed}: the offset before the first record of a
	 * transaction still open (the last stable offset); {@code read_uncommitted}: the
	 * offset after the last record written, committed or not
	 * @return that end offset now, 0 if the topic does not exist yet
	 */
	public static long endOffset(String bootstrapServers, String topic, String isolation) {
		try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers, isolation)) {
			TopicPartition partition = new TopicPartition(topic, 0);
			boolean exists = consumer.listTopics(Duration.ofSeconds(30)).containsKey(topic);
			return exists ? consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition) : 0;
		}
	}

	private static void failAfter(Instant deadline, String topic) {
		if (Instant.now().isAfter(deadline)) {
			throw new IllegalStateException("reading " + topic + " to its end stalled");
		}
	}

	private static KafkaConsumer<String, String> consumer(String bootstrapServers, String isolation) {
		return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000));
	}

	/** Jackson, loaded only by a module that reads JSON. */
	private static final class Json {

		static final JsonMapper MAPPER = JsonMapper.builder().build();

	}

}
