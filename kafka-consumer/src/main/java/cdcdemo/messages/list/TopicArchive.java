package cdcdemo.messages.list;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import cdcdemo.messages.list.HistoryReader.History;
import cdcdemo.messages.list.PageReader.Page;
import cdcdemo.messages.list.SliceReader.Slice;

import cdcdemo.messages.masking.View;

import org.springframework.stereotype.Component;

/**
 * Reads what the in-memory list no longer holds (or never held) straight from Kafka: a
 * page of older records, every record of one key, one whole value. Each read uses its own
 * short-lived consumer without a group ({@link ArchiveConsumers}): assigned, seeked,
 * closed, so a restart of this app loses nothing a viewer can browse, and no other reader
 * of the topic notices. Every read is bounded in records and time.
 * <p>
 * The controller asks this one class; the reads that walk many records each have their
 * own: {@link PageReader}, {@link SliceReader} and {@link HistoryReader}.
 */
@Component
class TopicArchive {

	private final ArchiveConsumers consumers;

	private final PageReader pages;

	private final SliceReader slices;

	private final HistoryReader histories;

	TopicArchive(ArchiveConsumers consumers, PageReader pages, SliceReader slices, HistoryReader histories) {
		this.consumers = consumers;
		this.pages = pages;
		this.slices = slices;
		this.histories = histories;
	}

	/**
	 * The records of one partition before an offset, newest first.
	 * @see PageReader#page
	 */
	Optional<Page> page(String topic, int partition, Long before, int limit, MessageFilter filter, View view) {
		return this.pages.page(topic, partition, before, limit, filter, view);
	}

	/**
	 * The records from a position on, oldest first.
	 * @see SliceReader#slice
	 */
	Optional<Slice> slice(String topic, Seek seek, int limit, MessageFilter filter, View view) {
		return this.slices.slice(topic, seek, limit, filter, view);
	}

	/**
	 * Every record of a key, in order.
	 * @see HistoryReader#history
	 */
	Optional<History> history(String topic, String key, boolean useIndex, View view) {
		return this.histories.history(topic, key, useIndex, view);
	}

	/**
	 * One record's whole value, for values too long to travel with the list.
	 * @param topic the topic
	 * @param partition the partition
	 * @param offset the offset
	 * @return the record, empty if there is none at that position
	 */
	Optional<ConsumerRecord<String, String>> record(String topic, int partition, long offset) {
		try (KafkaConsumer<String, String> consumer = this.consumers.consumer(1)) {
			if (!this.consumers.exists(consumer, topic, partition)) {
				return Optional.empty();
			}
			TopicPartition tp = new TopicPartition(topic, partition);
			consumer.assign(List.of(tp));
			long end = consumer.endOffsets(List.of(tp)).get(tp);
			if (offset < 0 || offset >= end) {
				return Optional.empty();
			}
			consumer.seek(tp, offset);
			long deadline = this.consumers.deadline();
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

}
