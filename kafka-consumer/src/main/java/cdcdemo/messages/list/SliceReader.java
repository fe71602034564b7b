package cdcdemo.messages.list;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import cdcdemo.messages.masking.View;

import org.springframework.stereotype.Component;

/**
 * Reads forward from where a viewer seeks to, across the partitions of a topic. Where a
 * {@link Seek} starts in each partition is worked out here once, for the slice and for
 * the {@link TopicExport} alike.
 */
@Component
class SliceReader {

	private final ArchiveConsumers consumers;

	private final MessageMapper mapper;

	SliceReader(ArchiveConsumers consumers, MessageMapper mapper) {
		this.consumers = consumers;
		this.mapper = mapper;
	}

	/**
	 * The records from a position on, oldest first: where a viewer seeks to (an offset,
	 * an instant, the oldest or the newest records). Each partition is read forward from
	 * its start until {@code limit} records match (at most
	 * {@value ArchiveConsumers#MAX_PAGE_SCAN} scanned), then the partitions are merged by
	 * timestamp; {@link Slice#next()} says where to go on, so paging forward never skips
	 * nor repeats a record.
	 * @param topic the topic
	 * @param seek where to start
	 * @param limit how many matching records to return at most
	 * @param filter which records to return
	 * @param view what the user sees: the records are filtered and returned as it shows
	 * them
	 * @return the slice, empty if the topic (or the partition sought) does not exist
	 */
	Optional<Slice> slice(String topic, Seek seek, int limit, MessageFilter filter, View view) {
		int size = Math.max(1, Math.min(limit, ArchiveConsumers.MAX_PAGE_SIZE));
		try (KafkaConsumer<String, String> consumer = this.consumers.consumer(size)) {
			List<PartitionInfo> partitions = this.consumers.partitions(consumer, topic);
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
			long deadline = this.consumers.deadline();
			Map<TopicPartition, Forward> reads = new LinkedHashMap<>();
			for (TopicPartition tp : tps) {
				reads.put(tp, forward(consumer, tp, starts.get(tp), ends.get(tp), size, filter, view, deadline));
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
			MessageFilter filter, View view, long deadline) {
		List<Message> matches = new ArrayList<>();
		long next = start;
		long scanned = 0;
		consumer.assign(List.of(tp));
		consumer.seek(tp, start);
		reading: while (next < end && scanned < ArchiveConsumers.MAX_PAGE_SCAN && System.nanoTime() < deadline) {
			for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
				if (record.offset() >= end) {
					break reading;
				}
				scanned++;
				next = record.offset() + 1;
				Message message = this.mapper.map(record, view);
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

}
