package cdcdemo.benchmark.measure;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Waits until a {@code read_committed} consumer has read a number of records of a topic
 * from an offset on. Counting offsets would not do once a producer is transactional: each
 * commit marker takes an offset of its own, and a record is there for the platform's
 * consumers only when its transaction has committed. So the records are read, as the
 * platform's consumers would read them, and counted.
 */
public final class CommittedRecords implements AutoCloseable {

	private final KafkaConsumer<byte[], byte[]> consumer;

	private final String topic;

	/**
	 * A consumer of one topic, at the topic's current end: open it before the records are
	 * asked for.
	 * @param bootstrapServers Kafka
	 * @param topic a topic of one partition
	 */
	public CommittedRecords(String bootstrapServers, String topic) {
		Map<String, Object> config = new HashMap<>(readCommitted(bootstrapServers));
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
		this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
		this.topic = topic;
		TopicPartition partition = new TopicPartition(topic, 0);
		this.consumer.assign(List.of(partition));
		this.consumer.seekToEnd(List.of(partition));
		this.consumer.position(partition);
	}

	/**
	 * Consumer settings every reader of the benchmark shares: it sees only what committed
	 * transactions wrote.
	 */
	public static Map<String, Object> readCommitted(String bootstrapServers) {
		return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
				"read_committed");
	}

	/**
	 * Read on until {@code count} more records were read.
	 * @param count how many records to wait for
	 * @param timeout how long to wait at most
	 * @return when the first and the last of them were read ({@link System#nanoTime()})
	 */
	public Arrival await(long count, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		long read = 0;
		long first = -1;
		while (System.nanoTime() < deadline) {
			int records = this.consumer.poll(Duration.ofMillis(20)).count();
			if (records == 0) {
				continue;
			}
			long now = System.nanoTime();
			first = (first < 0) ? now : first;
			read += records;
			if (read >= count) {
				return new Arrival(first, now);
			}
		}
		throw new IllegalStateException(this.topic + ": " + read + " of " + count + " records read within " + timeout);
	}

	@Override
	public void close() {
		this.consumer.close(Duration.ofSeconds(5));
	}

	/**
	 * When records were read.
	 *
	 * @param firstNanos the first
	 * @param lastNanos the last
	 */
	public record Arrival(long firstNanos, long lastNanos) {
	}

}
