package cdcdemo.messages.list;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import cdcdemo.messages.masking.View;

import org.springframework.stereotype.Component;

/**
 * Pages backwards through one partition: the older records a viewer scrolls to once the
 * in-memory list runs out. Kafka reads forward only, so each page reads chunks ending at
 * its cursor and walks them newest first.
 */
@Component
class PageReader {

	private final ArchiveConsumers consumers;

	private final MessageMapper mapper;

	PageReader(ArchiveConsumers consumers, MessageMapper mapper) {
		this.consumers = consumers;
		this.mapper = mapper;
	}

	/**
	 * The records of one partition before an offset, newest first.
	 * @param topic the topic
	 * @param partition the partition
	 * @param before the offset to read before, {@code null} for the end of the partition
	 * @param limit how many matching records to return at most
	 * @param filter which records to return; with a filter up to
	 * {@value ArchiveConsumers#MAX_PAGE_SCAN} records are scanned
	 * @param view what the user sees: the records are filtered and returned as it shows
	 * them
	 * @return the page, empty if the partition does not exist
	 */
	Optional<Page> page(String topic, int partition, Long before, int limit, MessageFilter filter, View view) {
		int size = Math.max(1, Math.min(limit, ArchiveConsumers.MAX_PAGE_SIZE));
		try (KafkaConsumer<String, String> consumer = this.consumers.consumer(size)) {
			if (!this.consumers.exists(consumer, topic, partition)) {
				return Optional.empty();
			}
			TopicPartition tp = new TopicPartition(topic, partition);
			consumer.assign(List.of(tp));
			long beginning = consumer.beginningOffsets(List.of(tp)).get(tp);
			long end = consumer.endOffsets(List.of(tp)).get(tp);
			long cursor = (before != null) ? Math.max(beginning, Math.min(before, end)) : end;
			List<Message> found = new ArrayList<>();
			long scanned = 0;
			long deadline = this.consumers.deadline();
			while (found.size() < size && cursor > beginning && scanned < ArchiveConsumers.MAX_PAGE_SCAN
					&& System.nanoTime() < deadline) {
				long from = Math.max(beginning, cursor - size);
				List<Message> chunk = read(consumer, tp, from, cursor, deadline, view);
				if (consumer.position(tp) < cursor) {
					// cut short by the deadline: what it read is the chunk's
					// older part, and the newer part is unread. Using it would
					// skip that part for good (the next page starts below it);
					// the page ends here, and the next one reads the chunk again
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

	private List<Message> read(KafkaConsumer<String, String> consumer, TopicPartition tp, long from, long to,
			long deadline, View view) {
		List<Message> messages = new ArrayList<>();
		consumer.seek(tp, from);
		while (consumer.position(tp) < to && System.nanoTime() < deadline) {
			for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
				if (record.offset() < to) {
					messages.add(this.mapper.map(record, view));
				}
			}
		}
		return messages;
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

}
