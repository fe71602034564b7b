package cdcdemo.messages.deadletters;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import cdcdemo.messages.deadletters.RedriveLog.Redrive;
import cdcdemo.messages.list.ObserverConsumers;
import cdcdemo.messages.masking.View;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads {@code X.DLT} with short-lived consumers without a group, and decodes the headers
 * Spring Kafka's {@code DeadLetterPublishingRecoverer} adds. The {@link RedriveLog} reads
 * {@code X.DLT.redriven} with the same consumer.
 */
@Component
class DeadLetterReader {

	static final String SUFFIX = ".DLT";

	/**
	 * Spring Kafka's {@code KafkaHeaders} names, as {@code DeadLetterPublishingRecoverer}
	 * writes them.
	 */
	static final String EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";

	static final String EXCEPTION_MESSAGE = "kafka_dlt-exception-message";

	static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";

	static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";

	static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";

	/**
	 * What onboarding-service adds when it dead-letters only the start of a value too
	 * large for the DLT.
	 */
	static final String TRUNCATED = "dlt-value-truncated-from-bytes";

	private final String bootstrapServers;

	DeadLetterReader(@Value("${messages.bootstrap-servers}") String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * The newest dead letters of a topic, newest first.
	 * @param topic the original topic {@code X} (not {@code X.DLT})
	 * @param limit how many per partition at most
	 * @param redriven the redrives, by the dead letter's {@code partition:offset}
	 * @return the dead letters, empty if there is no {@code X.DLT}
	 */
	Optional<List<DeadLetter>> list(String topic, int limit, Map<String, Redrive> redriven) {
		try (KafkaConsumer<String, byte[]> consumer = consumer()) {
			List<TopicPartition> tps = partitions(consumer, topic + SUFFIX);
			if (tps.isEmpty()) {
				return Optional.empty();
			}
			consumer.assign(tps);
			Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(tps);
			Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
			tps.forEach((tp) -> consumer.seek(tp, Math.max(beginnings.get(tp), ends.get(tp) - limit)));
			List<DeadLetter> letters = new ArrayList<>();
			for (ConsumerRecord<String, byte[]> record : readTo(consumer, ends)) {
				letters.add(deadLetter(record, redriven.get(record.partition() + ":" + record.offset())));
			}
			letters.sort(Comparator.comparing(DeadLetter::timestamp).reversed());
			return Optional.of(letters);
		}
	}

	/**
	 * One record, as it was written.
	 * @return the record, empty if there is none at that position
	 */
	Optional<ConsumerRecord<String, byte[]>> record(String topic, int partition, long offset) {
		try (KafkaConsumer<String, byte[]> consumer = consumer()) {
			TopicPartition tp = new TopicPartition(topic, partition);
			if (!partitions(consumer, topic).contains(tp)) {
				return Optional.empty();
			}
			consumer.assign(List.of(tp));
			long end = consumer.endOffsets(List.of(tp)).get(tp);
			if (offset < consumer.beginningOffsets(List.of(tp)).get(tp) || offset >= end) {
				return Optional.empty();
			}
			consumer.seek(tp, offset);
			return readTo(consumer, Map.of(tp, offset + 1)).stream()
				.filter((record) -> record.offset() == offset)
				.findFirst();
		}
	}

	private DeadLetter deadLetter(ConsumerRecord<String, byte[]> record, Redrive redrive) {
		Map<String, String> other = new HashMap<>();
		for (Header header : record.headers()) {
			if (!header.key().startsWith("kafka_dlt-")) {
				other.put(header.key(), text(header));
			}
		}
		String value = (record.value() != null) ? new String(record.value(), StandardCharsets.UTF_8) : null;
		return new DeadLetter(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
				record.key(), value, text(record.headers().lastHeader(EXCEPTION_FQCN)),
				text(record.headers().lastHeader(EXCEPTION_MESSAGE)), text(record.headers().lastHeader(ORIGINAL_TOPIC)),
				number(record.headers().lastHeader(ORIGINAL_PARTITION)),
				number(record.headers().lastHeader(ORIGINAL_OFFSET)), other,
				record.headers().lastHeader(TRUNCATED) != null, redrive);
	}

	/**
	 * Reads each assigned partition from its position up to its end offset, or until
	 * {@link DeadLetters#TIMEOUT} has passed.
	 */
	static List<ConsumerRecord<String, byte[]>> readTo(KafkaConsumer<String, byte[]> consumer,
			Map<TopicPartition, Long> ends) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		Map<TopicPartition, Long> open = new HashMap<>(ends);
		long deadline = System.nanoTime() + DeadLetters.TIMEOUT.toNanos();
		open.entrySet().removeIf((end) -> consumer.position(end.getKey()) >= end.getValue());
		while (!open.isEmpty() && System.nanoTime() < deadline) {
			for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
				Long end = open.get(new TopicPartition(record.topic(), record.partition()));
				if (end != null && record.offset() < end) {
					records.add(record);
				}
			}
			open.entrySet().removeIf((end) -> consumer.position(end.getKey()) >= end.getValue());
		}
		return records;
	}

	static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
		List<PartitionInfo> partitions = consumer.partitionsFor(topic, DeadLetters.TIMEOUT);
		return (partitions != null)
				? partitions.stream().map((info) -> new TopicPartition(topic, info.partition())).toList() : List.of();
	}

	static String text(Header header) {
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	/**
	 * Spring Kafka writes the original partition as 4 bytes and the offset as 8,
	 * big-endian.
	 */
	static Long number(Header header) {
		if (header == null || header.value() == null) {
			return null;
		}
		byte[] bytes = header.value();
		return switch (bytes.length) {
			case 4 -> (long) ByteBuffer.wrap(bytes).getInt();
			case 8 -> ByteBuffer.wrap(bytes).getLong();
			default -> {
				try {
					yield Long.parseLong(new String(bytes, StandardCharsets.UTF_8).trim());
				}
				catch (NumberFormatException ex) {
					yield null;
				}
			}
		};
	}

	/**
	 * A consumer for one read of {@code X.DLT} or {@code X.DLT.redriven}.
	 * @return the consumer, to be closed after the read
	 */
	KafkaConsumer<String, byte[]> consumer() {
		// read_committed: a redrive marker counts once its transaction committed
		return new KafkaConsumer<>(ObserverConsumers.config(this.bootstrapServers, "message-list-dead-letters"),
				new StringDeserializer(), new ByteArrayDeserializer());
	}

	/**
	 * A record a consumer gave up on.
	 *
	 * @param partition its partition in {@code X.DLT}
	 * @param offset its offset in {@code X.DLT}
	 * @param timestamp when it was dead-lettered
	 * @param key the original key
	 * @param value the original value, as UTF-8
	 * @param exceptionClass the class of the exception the consumer gave up with
	 * @param exceptionMessage its message
	 * @param originalTopic where the record came from
	 * @param originalPartition its partition there
	 * @param originalOffset its offset there
	 * @param headers the other headers (the original record's)
	 * @param truncated whether the dead letter holds only the start of the value
	 * @param redriven the redrive, {@code null} if it was not republished
	 */
	record DeadLetter(int partition, long offset, Instant timestamp, String key, String value, String exceptionClass,
			String exceptionMessage, String originalTopic, Long originalPartition, Long originalOffset,
			Map<String, String> headers, boolean truncated, Redrive redriven) {

		/**
		 * The dead letter as a user sees it: key, value and headers with their masked
		 * fields masked, and the exception message withheld if it quotes a masked value.
		 * @param view what the user sees
		 * @return the dead letter as shown
		 */
		DeadLetter shownIn(View view) {
			if (view.isClear()) {
				return this;
			}
			Map<String, String> shownHeaders = new LinkedHashMap<>();
			this.headers.forEach((name, text) -> shownHeaders.put(name, view.header(name, text)));
			return new DeadLetter(this.partition, this.offset, this.timestamp, view.text(this.key),
					view.text(this.value), this.exceptionClass,
					view.freeText(this.exceptionMessage, this.key, this.value), this.originalTopic,
					this.originalPartition, this.originalOffset, shownHeaders, this.truncated, this.redriven);
		}

	}

}
