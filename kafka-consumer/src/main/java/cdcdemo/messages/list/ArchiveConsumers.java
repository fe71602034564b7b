package cdcdemo.messages.list;

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
		Map<String, Object> config = ObserverConsumers.config(this.properties.bootstrapServers(),
				"message-list-archive");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
		return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
	}

	/**
	 * A consumer that reads a few records at given offsets: each fetch returns little
	 * more than the batch holding the offset, instead of a megabyte of the partition, and
	 * a poll stops soon after the offset wanted.
	 * @return the consumer, to be closed after the read
	 */
	public KafkaConsumer<String, String> offsetReader() {
		Map<String, Object> config = ObserverConsumers.config(this.properties.bootstrapServers(),
				"message-list-history");
		// a fetch returns whole (compressed) batches; the few records wanted are handed
		// out ten at a time
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10);
		config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024);
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
