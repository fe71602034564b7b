package cdcdemo.messages.list;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import cdcdemo.messages.masking.View;

import org.springframework.stereotype.Component;

/**
 * Reads the history of one row: every record of its key. The {@link KeyIndex} turns most
 * of that into reads at known offsets, with a consumer tuned for small fetches; only what
 * the index does not cover is scanned, and that scan is bounded by
 * {@code messages.history-max-records}.
 * <p>
 * For a user who does not see masked values in clear, a key is compared as that user sees
 * it: the key of a row whose key holds a masked field is found by its masked form (what
 * the page shows and sends back), never by a guessed clear value.
 */
@Component
class HistoryReader {

	/**
	 * How far ahead of the position the next offset of a key may be and still be read on
	 * to rather than sought.
	 */
	private static final int NEARBY = 100;

	private final MessagesProperties properties;

	private final ArchiveConsumers consumers;

	private final MessageMapper mapper;

	private final KeyIndex index;

	HistoryReader(MessagesProperties properties, ArchiveConsumers consumers, MessageMapper mapper, KeyIndex index) {
		this.properties = properties;
		this.consumers = consumers;
		this.mapper = mapper;
		this.index = index;
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
	 * @param view what the user sees: the keys are compared, and the records returned, as
	 * it shows them
	 * @return the history, empty if the topic does not exist
	 */
	Optional<History> history(String topic, String key, boolean useIndex, View view) {
		String wanted = this.mapper.keyId(key);
		// the index holds clear keys: a key the view masks is scanned for
		boolean indexed = useIndex && Objects.equals(view.text(wanted), wanted);
		Keys keys = new Keys(wanted, view, this.mapper);
		long started = System.nanoTime();
		try (KafkaConsumer<String, String> reader = this.consumers.offsetReader()) {
			List<PartitionInfo> partitions = this.consumers.partitions(reader, topic);
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
				Optional<KeyIndex.Lookup> lookup = indexed ? this.index.lookup(tp, wanted) : Optional.empty();
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
			long deadline = this.consumers.deadline();
			List<Message> events = new ArrayList<>();
			long fetched = 0;
			for (Map.Entry<TopicPartition, long[]> entry : candidates.entrySet()) {
				fetched += fetch(reader, entry.getKey(), entry.getValue(), keys, events, deadline);
			}
			Scan scan = new Scan(0, true);
			if (!scanFrom.isEmpty()) {
				try (KafkaConsumer<String, String> consumer = this.consumers.consumer(2_000)) {
					scan = scan(consumer, scanFrom, ends, keys, events, deadline);
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
	private long fetch(KafkaConsumer<String, String> consumer, TopicPartition tp, long[] offsets, Keys keys,
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
				if (Arrays.binarySearch(offsets, next, offsets.length, record.offset()) >= 0 && keys.match(record)) {
					events.add(this.mapper.map(record, keys.view()));
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
			Map<TopicPartition, Long> ends, Keys keys, List<Message> events, long deadline) {
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
				if (keys.match(record)) {
					events.add(this.mapper.map(record, keys.view()));
				}
			}
			open.entrySet().removeIf((entry) -> consumer.position(entry.getKey()) >= entry.getValue());
		}
		return new Scan(scanned, true);
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

	private record Scan(long records, boolean complete) {
	}

	/** The key a history is for, compared with each record's as the view shows it. */
	private record Keys(String wanted, View view, MessageMapper mapper) {

		boolean match(ConsumerRecord<String, String> record) {
			return Objects.equals(this.wanted, this.mapper.keyId(record.key(), this.view));
		}

	}

}
