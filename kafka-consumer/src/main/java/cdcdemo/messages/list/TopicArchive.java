package cdcdemo.messages.list;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.stereotype.Component;

/**
 * Reads what the in-memory list no longer holds (or never held) straight from Kafka: a
 * page of older records, every record of one key, one whole value. Each read uses its own
 * short-lived consumer without a group: assigned, seeked, closed, so a restart of this
 * app loses nothing a viewer can browse, and no other reader of the topic notices. Every
 * read is bounded in records and time.
 */
@Component
class TopicArchive {

	static final int MAX_PAGE_SIZE = 500;

	private static final int MAX_PAGE_SCAN = 10_000;

	/**
	 * How far ahead of the position the next offset of a key may be and still be read on
	 * to rather than sought.
	 */
	private static final int NEARBY = 100;

	private final MessagesProperties properties;

	private final MessageMapper mapper;

	private final KeyIndex index;

	TopicArchive(MessagesProperties properties, MessageMapper mapper, KeyIndex index) {
		this.properties = properties;
		this.mapper = mapper;
		this.index = index;
	}

	/**
	 * The records of one partition before an offset, newest first.
	 * @param topic the topic
	 * @param partition the partition
	 * @param before the offset to read before, {@code null} for the end of the partition
	 * @param limit how many matching records to return at most
	 * @param filter which records to return; with a filter up to {@value #MAX_PAGE_SCAN}
	 * records are scanned
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
				if (consumer.position(tp) < cursor) {
					// cut short by the deadline: what it read is the chunk's older part,
					// and
					// the newer part is unread. Using it would skip that part for good
					// (the
					// next page starts below it); the page ends here, and the next one
					// reads
					// the chunk again
					break;
				}
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
			return Optional.of(new Page(topic, partition, found, (cursor > beginning) ? cursor : null, beginning, end));
		}
	}

	/**
	 * The records from a position on, oldest first: where a viewer seeks to (an offset,
	 * an instant, the oldest or the newest records). Each partition is read forward from
	 * its start until {@code limit} records match (at most {@value #MAX_PAGE_SCAN}
	 * scanned), then the partitions are merged by timestamp; {@link Slice#next()} says
	 * where to go on, so paging forward never skips nor repeats a record.
	 * @param topic the topic
	 * @param seek where to start
	 * @param limit how many matching records to return at most
	 * @param filter which records to return
	 * @return the slice, empty if the topic (or the partition sought) does not exist
	 */
	Optional<Slice> slice(String topic, Seek seek, int limit, MessageFilter filter) {
		int size = Math.max(1, Math.min(limit, MAX_PAGE_SIZE));
		try (KafkaConsumer<String, String> consumer = consumer(size)) {
			List<PartitionInfo> partitions = consumer.partitionsFor(topic, this.properties.readTimeout());
			if (partitions == null || partitions.isEmpty()) {
				return Optional.empty();
			}
			List<TopicPartition> tps = partitions.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.filter((tp) -> seek.partition() == null || tp.partition() == seek.partition())
				.filter((tp) -> seek.mode() != Seek.Mode.CONTINUE || seek.positions().containsKey(tp.partition()))
				.sorted(Comparator.comparingInt(TopicPartition::partition))
				.toList();
			if (tps.isEmpty()) {
				return Optional.empty();
			}
			Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(tps);
			Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
			Map<TopicPartition, Long> starts = starts(consumer, seek, size, tps, beginnings, ends);
			long deadline = deadline();
			Map<TopicPartition, Forward> reads = new LinkedHashMap<>();
			for (TopicPartition tp : tps) {
				reads.put(tp, forward(consumer, tp, starts.get(tp), ends.get(tp), size, filter, deadline));
			}
			List<Message> all = reads.values()
				.stream()
				.flatMap((read) -> read.matches().stream())
				.sorted(Comparator.comparing(Message::timestamp)
					.thenComparing(Message::partition)
					.thenComparing(Message::offset))
				.toList();
			// the newest are the last of the merge; otherwise the first, and the next
			// slice starts at what was left
			boolean newest = seek.mode() == Seek.Mode.NEWEST;
			List<Message> merged = newest ? all.subList(Math.max(0, all.size() - size), all.size())
					: all.subList(0, Math.min(size, all.size()));
			List<Message> left = newest ? List.of() : all.subList(merged.size(), all.size());
			Map<Integer, Long> next = new TreeMap<>();
			reads.forEach((tp, read) -> next.put(tp.partition(),
					left.stream()
						.filter((message) -> message.partition() == tp.partition())
						.mapToLong(Message::offset)
						.min()
						.orElse(read.next())));
			Map<Integer, Long> from = new TreeMap<>();
			starts.forEach((tp, offset) -> from.put(tp.partition(), offset));
			Map<Integer, Long> to = new TreeMap<>();
			ends.forEach((tp, offset) -> to.put(tp.partition(), offset));
			boolean atEnd = tps.stream().allMatch((tp) -> next.get(tp.partition()) >= ends.get(tp));
			return Optional.of(new Slice(topic, seek.mode().name().toLowerCase(Locale.ROOT), List.copyOf(merged), from,
					to, Seek.format(next), atEnd));
		}
	}

	static Map<TopicPartition, Long> starts(KafkaConsumer<String, String> consumer, Seek seek, int size,
			List<TopicPartition> tps, Map<TopicPartition, Long> beginnings, Map<TopicPartition, Long> ends) {
		Map<TopicPartition, Long> wanted = new HashMap<>();
		switch (seek.mode()) {
			case OLDEST -> wanted.putAll(beginnings);
			case NEWEST -> tps.forEach((tp) -> wanted.put(tp, ends.get(tp) - size));
			case OFFSET -> tps.forEach((tp) -> wanted.put(tp, seek.offset()));
			case CONTINUE -> tps.forEach((tp) -> wanted.put(tp, seek.positions().get(tp.partition())));
			case TIMESTAMP -> {
				Map<TopicPartition, Long> times = new HashMap<>();
				tps.forEach((tp) -> times.put(tp, seek.from().toEpochMilli()));
				// null for a partition without a record at or after the instant: start at
				// its end
				consumer.offsetsForTimes(times)
					.forEach((tp, found) -> wanted.put(tp, (found != null) ? found.offset() : ends.get(tp)));
			}
		}
		Map<TopicPartition, Long> starts = new LinkedHashMap<>();
		tps.forEach((tp) -> starts.put(tp, Math.max(beginnings.get(tp), Math.min(wanted.get(tp), ends.get(tp)))));
		return starts;
	}

	private Forward forward(KafkaConsumer<String, String> consumer, TopicPartition tp, long start, long end, int size,
			MessageFilter filter, long deadline) {
		List<Message> matches = new ArrayList<>();
		long next = start;
		long scanned = 0;
		consumer.assign(List.of(tp));
		consumer.seek(tp, start);
		reading: while (next < end && scanned < MAX_PAGE_SCAN && System.nanoTime() < deadline) {
			for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
				if (record.offset() >= end) {
					break reading;
				}
				scanned++;
				next = record.offset() + 1;
				Message message = this.mapper.map(record);
				if (filter.test(message)) {
					matches.add(message);
					if (matches.size() == size) {
						break reading;
					}
				}
			}
			// transaction markers and aborted records take offsets too: the position is
			// past them
			next = Math.max(next, Math.min(consumer.position(tp), end));
		}
		return new Forward(matches, next);
	}

	/**
	 * Every record of a key, in order: the history of one row. Where the {@link KeyIndex}
	 * covers a partition only the key's offsets are read; the rest of the partition (all
	 * of it before the reader has caught up, or for a topic read from its end) is scanned
	 * from where the index stops, up to {@code messages.history-max-records} records.
	 * @param topic the topic
	 * @param key the record key as sent (its identity is compared, see
	 * {@link Message#keyId()})
	 * @param useIndex whether to use the index; {@code false} scans every partition from
	 * the beginning
	 * @return the history, empty if the topic does not exist
	 */
	Optional<History> history(String topic, String key, boolean useIndex) {
		String wanted = this.mapper.keyId(key);
		long started = System.nanoTime();
		try (KafkaConsumer<String, String> reader = offsetReader()) {
			List<PartitionInfo> partitions = reader.partitionsFor(topic, this.properties.readTimeout());
			if (partitions == null || partitions.isEmpty()) {
				return Optional.empty();
			}
			List<TopicPartition> tps = partitions.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			Map<TopicPartition, Long> beginnings = reader.beginningOffsets(tps);
			Map<TopicPartition, Long> ends = reader.endOffsets(tps);
			Map<TopicPartition, long[]> candidates = new HashMap<>();
			Map<TopicPartition, Long> scanFrom = new HashMap<>();
			for (TopicPartition tp : tps) {
				long beginning = beginnings.get(tp);
				long end = ends.get(tp);
				Optional<KeyIndex.Lookup> lookup = useIndex ? this.index.lookup(tp, wanted) : Optional.empty();
				if (lookup.isPresent()) {
					candidates.put(tp,
							Arrays.stream(lookup.get().offsets())
								.filter((offset) -> offset >= beginning && offset < end)
								.toArray());
					long covered = Math.max(beginning, lookup.get().coveredUpTo());
					if (covered < end) {
						scanFrom.put(tp, covered);
					}
				}
				else if (beginning < end) {
					scanFrom.put(tp, beginning);
				}
			}
			long deadline = deadline();
			List<Message> events = new ArrayList<>();
			long fetched = 0;
			for (Map.Entry<TopicPartition, long[]> entry : candidates.entrySet()) {
				fetched += fetch(reader, entry.getKey(), entry.getValue(), wanted, events, deadline);
			}
			Scan scan = new Scan(0, true);
			if (!scanFrom.isEmpty()) {
				try (KafkaConsumer<String, String> consumer = consumer(2_000)) {
					scan = scan(consumer, scanFrom, ends, wanted, events, deadline);
				}
			}
			events.sort(Comparator.comparing(Message::timestamp)
				.thenComparing(Message::partition)
				.thenComparing(Message::offset));
			boolean complete = scan.complete() && System.nanoTime() < deadline;
			return Optional.of(new History(topic, wanted, events, scan.records(), complete, fetched,
					candidates.size() == tps.size(), Duration.ofNanos(System.nanoTime() - started).toMillis()));
		}
	}

	/**
	 * Reads the records at the given offsets of a partition, keeping those of the key (a
	 * hash collision of the index brings others). Offsets close together are read in one
	 * go rather than sought one by one.
	 * @return how many records were read
	 */
	private long fetch(KafkaConsumer<String, String> consumer, TopicPartition tp, long[] offsets, String wanted,
			List<Message> events, long deadline) {
		if (offsets.length == 0) {
			return 0;
		}
		consumer.assign(List.of(tp));
		long read = 0;
		int next = 0;
		while (next < offsets.length && System.nanoTime() < deadline) {
			long position = consumer.position(tp);
			if (offsets[next] < position || offsets[next] - position > NEARBY) {
				consumer.seek(tp, offsets[next]);
			}
			for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
				read++;
				if (Arrays.binarySearch(offsets, next, offsets.length, record.offset()) >= 0
						&& Objects.equals(wanted, this.mapper.keyId(record.key()))) {
					events.add(this.mapper.map(record));
				}
			}
			position = consumer.position(tp);
			while (next < offsets.length && offsets[next] < position) {
				next++;
			}
		}
		return read;
	}

	private Scan scan(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> from,
			Map<TopicPartition, Long> ends, String wanted, List<Message> events, long deadline) {
		consumer.assign(from.keySet());
		from.forEach(consumer::seek);
		Map<TopicPartition, Long> open = new HashMap<>();
		from.keySet().forEach((tp) -> open.put(tp, ends.get(tp)));
		long scanned = 0;
		while (!open.isEmpty()) {
			if (scanned >= this.properties.historyMaxRecords() || System.nanoTime() >= deadline) {
				return new Scan(scanned, false);
			}
			for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
				Long end = open.get(new TopicPartition(record.topic(), record.partition()));
				if (end == null || record.offset() >= end) {
					continue;
				}
				scanned++;
				if (Objects.equals(wanted, this.mapper.keyId(record.key()))) {
					events.add(this.mapper.map(record));
				}
			}
			open.entrySet().removeIf((entry) -> consumer.position(entry.getKey()) >= entry.getValue());
		}
		return new Scan(scanned, true);
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
	private KafkaConsumer<String, String> offsetReader() {
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
	 * A page of one partition, newest first.
	 *
	 * @param topic the topic
	 * @param partition the partition
	 * @param messages the records, newest first
	 * @param nextBefore the {@code before} of the next older page; {@code null} once the
	 * beginning is reached
	 * @param beginning the partition's first offset still in Kafka
	 * @param end the partition's end offset (the offset the next record will get)
	 */
	record Page(String topic, int partition, List<Message> messages, Long nextBefore, long beginning, long end) {
	}

	/**
	 * Records from a position on, oldest first.
	 *
	 * @param topic the topic
	 * @param seek how the start was found: {@code oldest}, {@code newest},
	 * {@code offset}, {@code timestamp} or {@code continue}
	 * @param messages the records, oldest first
	 * @param start where each partition was read from
	 * @param end each partition's end offset when the slice was read
	 * @param next where to go on, as {@code seek=continue&positions=...} takes it
	 * @param atEnd whether every partition was read to its end
	 */
	record Slice(String topic, String seek, List<Message> messages, Map<Integer, Long> start, Map<Integer, Long> end,
			String next, boolean atEnd) {
	}

	private record Forward(List<Message> matches, long next) {
	}

	private record Scan(long records, boolean complete) {
	}

	/**
	 * Every record of one key, oldest first.
	 *
	 * @param topic the topic
	 * @param keyId the key's identity
	 * @param events the key's records, oldest first
	 * @param scanned how many records were read by scanning (what the key index did not
	 * cover)
	 * @param complete whether the whole topic was covered ({@code false} when a bound was
	 * hit)
	 * @param fetched how many records were read at offsets the key index gave
	 * @param indexed whether the key index was used for every partition (it may still
	 * have left a tail to scan)
	 * @param tookMs how long the read took
	 */
	record History(String topic, String keyId, List<Message> events, long scanned, boolean complete, long fetched,
			boolean indexed, long tookMs) {
	}

}
