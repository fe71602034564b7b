package cdcdemo.messages.list;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.stereotype.Component;

/**
 * Reads what the in-memory list no longer holds (or never held) straight from Kafka: a page of older records, every
 * record of one key, one whole value. Each read uses its own short-lived consumer without a group: assigned, seeked,
 * closed, so a restart of this app loses nothing a viewer can browse, and no other reader of the topic notices.
 * Every read is bounded in records and time.
 */
@Component
class TopicArchive {

	static final int MAX_PAGE_SIZE = 500;

	private static final int MAX_PAGE_SCAN = 10_000;

	private final MessagesProperties properties;

	private final MessageMapper mapper;

	TopicArchive(MessagesProperties properties, MessageMapper mapper) {
		this.properties = properties;
		this.mapper = mapper;
	}

	/**
	 * The records of one partition before an offset, newest first.
	 * @param topic the topic
	 * @param partition the partition
	 * @param before the offset to read before, {@code null} for the end of the partition
	 * @param limit how many matching records to return at most
	 * @param filter which records to return; with a filter up to {@value #MAX_PAGE_SCAN} records are scanned
	 * @return the page, empty if the partition does not exist
	 */
	Optional<Page> page(String topic, int partition, Long before, int limit, MessageFilter filter) {
		int size = Math.max(1, Math.min(limit, MAX_PAGE_SIZE));
		try (KafkaConsumer<String, String> consumer = consumer(size)) {
			if (!exists(consumer, topic, partition)) {
				return Optional.empty();
			}
			TopicPartition tp = new TopicPartition(topic, partition);
			consumer.assign(List.of(tp));
			long beginning = consumer.beginningOffsets(List.of(tp)).get(tp);
			long end = consumer.endOffsets(List.of(tp)).get(tp);
			long cursor = (before != null) ? Math.max(beginning, Math.min(before, end)) : end;
			List<Message> found = new ArrayList<>();
			long scanned = 0;
			long deadline = deadline();
			while (found.size() < size && cursor > beginning && scanned < MAX_PAGE_SCAN
					&& System.nanoTime() < deadline) {
				long from = Math.max(beginning, cursor - size);
				List<Message> chunk = read(consumer, tp, from, cursor, deadline);
				scanned += cursor - from;
				for (int i = chunk.size() - 1; i >= 0 && found.size() < size; i--) {
					Message message = chunk.get(i);
					if (filter.test(message)) {
						found.add(message);
						if (found.size() == size) {
							from = message.offset();
						}
					}
				}
				cursor = from;
			}
			return Optional.of(new Page(topic, partition, found, (cursor > beginning) ? cursor : null, beginning,
					end));
		}
	}

	/**
	 * Every record of a key, in order: the history of one row. All partitions are read from the beginning, up to
	 * {@code messages.history-max-records} records.
	 * @param topic the topic
	 * @param key the record key as sent (its identity is compared, see {@link Message#keyId()})
	 * @return the history, empty if the topic does not exist
	 */
	Optional<History> history(String topic, String key) {
		String wanted = this.mapper.keyId(key);
		try (KafkaConsumer<String, String> consumer = consumer(2_000)) {
			List<PartitionInfo> partitions = consumer.partitionsFor(topic, this.properties.readTimeout());
			if (partitions == null || partitions.isEmpty()) {
				return Optional.empty();
			}
			List<TopicPartition> tps = partitions.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(tps);
			consumer.seekToBeginning(tps);
			Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(tps));
			List<Message> events = new ArrayList<>();
			long scanned = 0;
			long deadline = deadline();
			boolean complete = true;
			while (!ends.isEmpty()) {
				if (scanned >= this.properties.historyMaxRecords() || System.nanoTime() >= deadline) {
					complete = false;
					break;
				}
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					Long end = ends.get(new TopicPartition(record.topic(), record.partition()));
					if (end == null || record.offset() >= end) {
						continue;
					}
					scanned++;
					if (Objects.equals(wanted, this.mapper.keyId(record.key()))) {
						events.add(this.mapper.map(record));
					}
				}
				ends.entrySet().removeIf((entry) -> consumer.position(entry.getKey()) >= entry.getValue());
			}
			events.sort(Comparator.comparing(Message::timestamp)
				.thenComparing(Message::partition)
				.thenComparing(Message::offset));
			return Optional.of(new History(topic, wanted, events, scanned, complete));
		}
	}

	/**
	 * One record's whole value, for values too long to travel with the list.
	 * @param topic the topic
	 * @param partition the partition
	 * @param offset the offset
	 * @return the record, empty if there is none at that position
	 */
	Optional<ConsumerRecord<String, String>> record(String topic, int partition, long offset) {
		try (KafkaConsumer<String, String> consumer = consumer(1)) {
			if (!exists(consumer, topic, partition)) {
				return Optional.empty();
			}
			TopicPartition tp = new TopicPartition(topic, partition);
			consumer.assign(List.of(tp));
			long end = consumer.endOffsets(List.of(tp)).get(tp);
			if (offset < 0 || offset >= end) {
				return Optional.empty();
			}
			consumer.seek(tp, offset);
			long deadline = deadline();
			while (consumer.position(tp) <= offset && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (record.offset() == offset) {
						return Optional.of(record);
					}
					if (record.offset() > offset) {
						return Optional.empty();
					}
				}
			}
			return Optional.empty();
		}
	}

	private List<Message> read(KafkaConsumer<String, String> consumer, TopicPartition tp, long from, long to,
			long deadline) {
		List<Message> messages = new ArrayList<>();
		consumer.seek(tp, from);
		while (consumer.position(tp) < to && System.nanoTime() < deadline) {
			for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
				if (record.offset() < to) {
					messages.add(this.mapper.map(record));
				}
			}
		}
		return messages;
	}

	private boolean exists(KafkaConsumer<String, String> consumer, String topic, int partition) {
		List<PartitionInfo> partitions = consumer.partitionsFor(topic, this.properties.readTimeout());
		return partitions != null && partitions.stream().anyMatch((info) -> info.partition() == partition);
	}

	private long deadline() {
		return System.nanoTime() + this.properties.readTimeout().toNanos();
	}

	private KafkaConsumer<String, String> consumer(int maxPollRecords) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.properties.bootstrapServers());
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "message-list-archive");
		// no group.id: never a group member, never a commit
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
		return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
	}

	/**
	 * A page of one partition, newest first.
	 *
	 * @param topic the topic
	 * @param partition the partition
	 * @param messages the records, newest first
	 * @param nextBefore the {@code before} of the next older page; {@code null} once the beginning is reached
	 * @param beginning the partition's first offset still in Kafka
	 * @param end the partition's end offset (the offset the next record will get)
	 */
	record Page(String topic, int partition, List<Message> messages, Long nextBefore, long beginning, long end) {
	}

	/**
	 * Every record of one key, oldest first.
	 *
	 * @param topic the topic
	 * @param keyId the key's identity
	 * @param events the key's records, oldest first
	 * @param scanned how many records were read
	 * @param complete whether the whole topic was read ({@code false} when a bound was hit)
	 */
	record History(String topic, String keyId, List<Message> events, long scanned, boolean complete) {
	}

}
