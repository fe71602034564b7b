package cdcdemo.messages.list;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.stereotype.Component;

/**
 * The short-lived consumers and the bounds every read of the {@link TopicArchive} shares
 * (and the trace's read of one event). Each read opens its own consumer without a group
 * (assigned, seeked, closed), so no other reader of the topic notices, and stops at the
 * same deadline, the configured {@code messages.read-timeout}.
 */
@Component
public class ArchiveConsumers {

	static final int MAX_PAGE_SIZE = 500;

	static final int MAX_PAGE_SCAN = 10_000;

	private final MessagesProperties properties;

	ArchiveConsumers(MessagesProperties properties) {
		this.properties = properties;
	}

	/**
	 * A consumer for one read: no group, no commits, committed records only.
	 * @param maxPollRecords how many records one poll returns at most
	 * @return the consumer, to be closed after the read
	 */
	KafkaConsumer<String, String> consumer(int maxPollRecords) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.properties.bootstrapServers());
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "message-list-archive");
		// no group.id: never a group member, never a commit
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
		// records of open or aborted transactions are not shown, and the end offsets are
		// the last stable ones
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
	}

	/**
	 * A consumer that reads a few records at given offsets: each fetch returns little
	 * more than the batch holding the offset, instead of a megabyte of the partition, and
	 * a poll stops soon after the offset wanted.
	 * @return the consumer, to be closed after the read
	 */
	public KafkaConsumer<String, String> offsetReader() {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.properties.bootstrapServers());
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "message-list-history");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		// a fetch returns whole (compressed) batches; the few records wanted are handed
		// out ten at a time
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10);
		config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
	}

	/**
	 * The partitions of a topic, waiting at most the read timeout.
	 * @return the partitions, {@code null} or empty if the topic does not exist
	 */
	List<PartitionInfo> partitions(KafkaConsumer<String, String> consumer, String topic) {
		return consumer.partitionsFor(topic, this.properties.readTimeout());
	}

	boolean exists(KafkaConsumer<String, String> consumer, String topic, int partition) {
		List<PartitionInfo> partitions = partitions(consumer, topic);
		return partitions != null && partitions.stream().anyMatch((info) -> info.partition() == partition);
	}

	long deadline() {
		return System.nanoTime() + this.properties.readTimeout().toNanos();
	}

}
