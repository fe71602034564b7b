package cdcdemo.messages.deadletters;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads the dead letters of a topic {@code X} from {@code X.DLT} and republishes one to
 * its original topic. Which dead letters were republished is kept in Kafka itself, in the
 * compacted topic {@code X.DLT.redriven} keyed by the dead letter's
 * {@code partition:offset}: it survives restarts, and it is small (one record per
 * redrive). The republished record and its marker are written in one Kafka transaction,
 * so there is never one without the other; redrives are serialised in this app, so two
 * clicks cannot both pass the check. Several instances of the app could still race; one
 * instance is what the platform runs.
 */
@Component
class DeadLetters implements DisposableBean {

	static final String SUFFIX = ".DLT";

	static final String REDRIVEN_SUFFIX = ".DLT.redriven";

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

	/** The header the republished record carries: where it came back from. */
	static final String REDRIVEN_FROM = "message-list-redriven-from";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final String bootstrapServers;

	private final JsonMapper json;

	private KafkaProducer<String, String> producer;

	DeadLetters(@Value("${messages.bootstrap-servers}") String bootstrapServers, JsonMapper json) {
		this.bootstrapServers = bootstrapServers;
		this.json = json;
	}

	/**
	 * The newest dead letters of a topic, newest first.
	 * @param topic the original topic {@code X} (not {@code X.DLT})
	 * @param limit how many per partition at most
	 * @return the dead letters, empty if there is no {@code X.DLT}
	 */
	Optional<List<DeadLetter>> list(String topic, int limit) {
		Map<String, Redrive> redriven = redriven(topic);
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
	 * Sends a dead letter's record back to its original topic, unless it was sent back
	 * before.
	 * @param topic the original topic {@code X}
	 * @param partition the partition of {@code X.DLT}
	 * @param offset the offset in {@code X.DLT}
	 * @return the redrive
	 * @throws NoSuchDeadLetterException if there is no such record
	 * @throws RedriveRefusedException if it was republished before, or holds only part of
	 * its value
	 */
	synchronized Redrive republish(String topic, int partition, long offset) {
		Redrive before = redriven(topic).get(partition + ":" + offset);
		if (before != null) {
			throw new RedriveRefusedException("The dead letter " + topic + SUFFIX + "/" + partition + "/" + offset
					+ " was already republished at " + before.at() + " to " + before.topic() + "/" + before.partition()
					+ "/" + before.offset());
		}
		ConsumerRecord<String, byte[]> record = record(topic + SUFFIX, partition, offset)
			.orElseThrow(() -> new NoSuchDeadLetterException(
					"No dead letter at " + topic + SUFFIX + "/" + partition + "/" + offset));
		if (record.headers().lastHeader(TRUNCATED) != null) {
			throw new RedriveRefusedException("The dead letter holds only the start of the value (it was "
					+ text(record.headers().lastHeader(TRUNCATED)) + " bytes): republishing it would send a different"
					+ " record");
		}
		// the record goes back to X only: a header naming another topic cannot steer it
		// elsewhere
		String original = text(record.headers().lastHeader(ORIGINAL_TOPIC));
		if (original != null && !original.equals(topic)) {
			throw new RedriveRefusedException("The dead letter came from " + original + ", not from " + topic
					+ ": republish it from the page of " + original);
		}
		String target = topic;
		RecordHeaders headers = new RecordHeaders();
		for (Header header : record.headers()) {
			if (!header.key().startsWith("kafka_dlt-")) {
				headers.add(header);
			}
		}
		String from = topic + SUFFIX + "/" + partition + "/" + offset;
		headers.add(REDRIVEN_FROM, from.getBytes(StandardCharsets.UTF_8));
		String value = (record.value() != null) ? new String(record.value(), StandardCharsets.UTF_8) : null;
		KafkaProducer<String, String> producer = producer(topic);
		producer.beginTransaction();
		try {
			RecordMetadata sent = producer.send(new ProducerRecord<>(target, null, record.key(), value, headers))
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			Redrive redrive = new Redrive(partition, offset, sent.topic(), sent.partition(), sent.offset(),
					Instant.now());
			producer.send(new ProducerRecord<>(topic + REDRIVEN_SUFFIX, partition + ":" + offset,
					this.json.writeValueAsString(redrive)));
			producer.commitTransaction();
			return redrive;
		}
		catch (Exception ex) {
			producer.abortTransaction();
			throw new IllegalStateException("Could not republish " + from + ": " + ex.getMessage(), ex);
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

	private Map<String, Redrive> redriven(String topic) {
		Map<String, Redrive> redriven = new HashMap<>();
		try (KafkaConsumer<String, byte[]> consumer = consumer()) {
			List<TopicPartition> tps = partitions(consumer, topic + REDRIVEN_SUFFIX);
			if (tps.isEmpty()) {
				return redriven;
			}
			consumer.assign(tps);
			consumer.seekToBeginning(tps);
			for (ConsumerRecord<String, byte[]> record : readTo(consumer, consumer.endOffsets(tps))) {
				if (record.value() != null) {
					redriven.put(record.key(), this.json.readValue(record.value(), Redrive.class));
				}
			}
		}
		return redriven;
	}

	private Optional<ConsumerRecord<String, byte[]>> record(String topic, int partition, long offset) {
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

	private static List<ConsumerRecord<String, byte[]>> readTo(KafkaConsumer<String, byte[]> consumer,
			Map<TopicPartition, Long> ends) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		Map<TopicPartition, Long> open = new HashMap<>(ends);
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
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

	private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
		List<PartitionInfo> partitions = consumer.partitionsFor(topic, TIMEOUT);
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

	private KafkaConsumer<String, byte[]> consumer() {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "message-list-dead-letters");
		// no group.id: never a group member, never a commit
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		// a redrive marker counts once its transaction committed
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
	}

	private KafkaProducer<String, String> producer(String topic) {
		createRedrivenTopic(topic);
		if (this.producer == null) {
			KafkaProducer<String, String> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
							ProducerConfig.CLIENT_ID_CONFIG, "message-list-redrive",
							ProducerConfig.TRANSACTIONAL_ID_CONFIG, "message-list-redrive",
							ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis()),
					new StringSerializer(), new StringSerializer());
			producer.initTransactions();
			this.producer = producer;
		}
		return this.producer;
	}

	private void createRedrivenTopic(String topic) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
			admin
				.createTopics(List.of(new NewTopic(topic + REDRIVEN_SUFFIX, 1, (short) -1)
					.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
				.all()
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException("Could not create " + topic + REDRIVEN_SUFFIX, ex);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Could not create " + topic + REDRIVEN_SUFFIX + " in time", ex);
		}
	}

	@Override
	public synchronized void destroy() {
		if (this.producer != null) {
			this.producer.close(Duration.ofSeconds(5));
			this.producer = null;
		}
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
	}

	/**
	 * A dead letter sent back to its topic.
	 *
	 * @param dltPartition the dead letter's partition in {@code X.DLT}
	 * @param dltOffset the dead letter's offset in {@code X.DLT}
	 * @param topic where it was sent
	 * @param partition the partition it landed in
	 * @param offset the offset it got
	 * @param at when
	 */
	record Redrive(int dltPartition, long dltOffset, String topic, int partition, long offset, Instant at) {
	}

	/**
	 * There is no dead letter at that position.
	 */
	static class NoSuchDeadLetterException extends RuntimeException {

		NoSuchDeadLetterException(String message) {
			super(message);
		}

	}

	/**
	 * A dead letter that must not be republished (again).
	 */
	static class RedriveRefusedException extends RuntimeException {

		RedriveRefusedException(String message) {
			super(message);
		}

	}

}
