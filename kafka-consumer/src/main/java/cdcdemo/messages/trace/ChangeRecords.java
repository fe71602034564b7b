package cdcdemo.messages.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import cdcdemo.events.ChangeEvent;
import cdcdemo.events.ChangeEventReader;
import cdcdemo.events.MalformedChangeEventException;
import cdcdemo.events.Source;
import cdcdemo.events.reactions.ReactionKey;
import cdcdemo.messages.list.ArchiveConsumers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the one change event a trace is asked for, at its offset, with the short-lived
 * consumer without a group the message list reads a row's history with.
 */
@Component
class ChangeRecords {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

	private final ArchiveConsumers consumers;

	private final ChangeEventReader reader;

	private final JsonMapper json;

	ChangeRecords(ArchiveConsumers consumers, JsonMapper json) {
		this.consumers = consumers;
		this.reader = new ChangeEventReader(json);
		this.json = json;
	}

	/**
	 * @param event where the event is
	 * @return the event, empty if there is no such record (or it is a tombstone)
	 * @throws MalformedChangeEventException if the record is no change event
	 */
	Optional<TracedChange> read(ReactionKey event) {
		try (KafkaConsumer<String, String> consumer = this.consumers.offsetReader()) {
			TopicPartition partition = new TopicPartition(event.topic(), event.partition());
			List<org.apache.kafka.common.PartitionInfo> partitions = consumer.partitionsFor(event.topic(),
					READ_TIMEOUT);
			if (partitions == null || partitions.stream().noneMatch((info) -> info.partition() == event.partition())) {
				return Optional.empty();
			}
			consumer.assign(List.of(partition));
			long end = consumer.endOffsets(List.of(partition), READ_TIMEOUT).get(partition);
			if (event.offset() < 0 || event.offset() >= end) {
				return Optional.empty();
			}
			consumer.seek(partition, event.offset());
			long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					if (record.offset() == event.offset()) {
						return change(event, record);
					}
					if (record.offset() > event.offset()) {
						// compacted away, or the offset of a transaction marker
						return Optional.empty();
					}
				}
			}
			return Optional.empty();
		}
	}

	private Optional<TracedChange> change(ReactionKey event, ConsumerRecord<String, String> record) {
		return this.reader.read(record.value(), JsonNode.class).map((change) -> {
			Source source = change.source();
			return new TracedChange(event, keyOf(record.key()), operation(change),
					(source != null) ? source.schema() + "." + source.table() : null,
					(source != null) ? source.lsn() : null, (source != null) ? source.txId() : null,
					(source != null) ? instant(source.tsMs()) : null, instant(change.tsMs()),
					Instant.ofEpochMilli(record.timestamp()));
		});
	}

	/**
	 * @param key a record key: Kafka Connect JSON, with or without its schema
	 * @return the key's value, e.g. {@code {"id":7}}
	 */
	private String keyOf(String key) {
		if (key == null) {
			return null;
		}
		try {
			JsonNode node = this.json.readTree(key);
			return (node.isObject() && node.has("payload")) ? node.get("payload").toString() : node.toString();
		}
		catch (JacksonException ex) {
			return key;
		}
	}

	private static String operation(ChangeEvent<JsonNode> change) {
		return change.operation().name().toLowerCase(Locale.ROOT);
	}

	private static Instant instant(Long epochMillis) {
		return (epochMillis != null) ? Instant.ofEpochMilli(epochMillis) : null;
	}

}
