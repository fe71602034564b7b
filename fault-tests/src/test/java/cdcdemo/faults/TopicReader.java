package cdcdemo.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a one-partition topic from a given offset, without a consumer group (nothing is
 * committed, nothing is skipped), keeping every record it has seen in offset order. Each
 * {@link #catchUp()} reads up to the end the topic has at that moment.
 */
final class TopicReader implements AutoCloseable {

	private final KafkaConsumer<String, String> consumer;

	private final TopicPartition partition;

	private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

	TopicReader(String bootstrapServers, String topic, long fromOffset) {
		this(bootstrapServers, topic, fromOffset, "read_committed");
	}

	TopicReader(String bootstrapServers, String topic, long fromOffset, String isolation) {
		this.consumer = consumer(bootstrapServers, isolation);
		this.partition = new TopicPartition(topic, 0);
		this.consumer.assign(List.of(this.partition));
		this.consumer.seek(this.partition, fromOffset);
	}

	/**
	 * @param bootstrapServers the broker
	 * @param topic a one-partition topic
	 * @return its end offset now, 0 if it does not exist yet
	 */
	static long endOffset(String bootstrapServers, String topic) {
		return endOffset(bootstrapServers, topic, "read_committed");
	}

	/**
	 * @param bootstrapServers the broker
	 * @param topic a one-partition topic
	 * @param isolation {@code read_committed}: the offset before the first record of a
	 * transaction still open (the last stable offset); {@code read_uncommitted}: the
	 * offset after the last record written, committed or not
	 * @return that end offset now, 0 if the topic does not exist yet
	 */
	static long endOffset(String bootstrapServers, String topic, String isolation) {
		try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers, isolation)) {
			TopicPartition partition = new TopicPartition(topic, 0);
			boolean exists = consumer.listTopics(Duration.ofSeconds(30)).containsKey(topic);
			return exists ? consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition) : 0;
		}
	}

	private static KafkaConsumer<String, String> consumer(String bootstrapServers) {
		// read_committed, as every consumer of the platform: what the bridge's
		// transactions committed
		return consumer(bootstrapServers, "read_committed");
	}

	private static KafkaConsumer<String, String> consumer(String bootstrapServers, String isolation) {
		return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000));
	}

	/**
	 * @return every record seen so far, after reading what the topic holds now
	 */
	List<ConsumerRecord<String, String>> catchUp() {
		long end = this.consumer.endOffsets(List.of(this.partition), Duration.ofSeconds(30)).get(this.partition);
		while (this.consumer.position(this.partition, Duration.ofSeconds(30)) < end) {
			this.consumer.poll(Duration.ofMillis(500)).forEach(this.records::add);
		}
		return List.copyOf(this.records);
	}

	@Override
	public void close() {
		this.consumer.close();
	}

}
