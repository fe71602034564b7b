package cdcdemo.messages.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

import cdcdemo.messages.deadletters.DeadLetterReader.DeadLetter;
import cdcdemo.messages.deadletters.RedriveLog.Redrive;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads the dead letters of a topic {@code X} from {@code X.DLT} and republishes one to
 * its original topic. Which dead letters were republished is kept in Kafka itself, in the
 * compacted topic {@code X.DLT.redriven} ({@link RedriveLog}). The republished record and
 * its marker are written in one Kafka transaction, so there is never one without the
 * other; redrives are serialised in this app, so two clicks cannot both pass the check.
 * Several instances of the app could still race; one instance is what the platform runs.
 */
@Component
class DeadLetters implements DisposableBean {

	static final String SUFFIX = DeadLetterReader.SUFFIX;

	/** The header the republished record carries: where it came back from. */
	static final String REDRIVEN_FROM = "message-list-redriven-from";

	/** How long one call to Kafka may take, here and in the reader and the log. */
	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final String bootstrapServers;

	private final DeadLetterReader reader;

	private final RedriveLog log;

	private KafkaProducer<String, String> producer;

	DeadLetters(@Value("${messages.bootstrap-servers}") String bootstrapServers, DeadLetterReader reader,
			RedriveLog log) {
		this.bootstrapServers = bootstrapServers;
		this.reader = reader;
		this.log = log;
	}

	/**
	 * The newest dead letters of a topic, newest first.
	 * @param topic the original topic {@code X} (not {@code X.DLT})
	 * @param limit how many per partition at most
	 * @return the dead letters, empty if there is no {@code X.DLT}
	 */
	Optional<List<DeadLetter>> list(String topic, int limit) {
		Map<String, Redrive> redriven = this.log.redriven(topic);
		return this.reader.list(topic, limit, redriven);
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
		Redrive before = this.log.redriven(topic).get(partition + ":" + offset);
		if (before != null) {
			throw new RedriveRefusedException("The dead letter " + topic + SUFFIX + "/" + partition + "/" + offset
					+ " was already republished at " + before.at() + " to " + before.topic() + "/" + before.partition()
					+ "/" + before.offset());
		}
		ConsumerRecord<String, byte[]> record = this.reader.record(topic + SUFFIX, partition, offset)
			.orElseThrow(() -> new NoSuchDeadLetterException(
					"No dead letter at " + topic + SUFFIX + "/" + partition + "/" + offset));
		if (record.headers().lastHeader(DeadLetterReader.TRUNCATED) != null) {
			throw new RedriveRefusedException("The dead letter holds only the start of the value (it was "
					+ DeadLetterReader.text(record.headers().lastHeader(DeadLetterReader.TRUNCATED))
					+ " bytes): republishing it would send a different record");
		}
		// the record goes back to X only: a header naming another topic cannot steer it
		// elsewhere
		String original = DeadLetterReader.text(record.headers().lastHeader(DeadLetterReader.ORIGINAL_TOPIC));
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
			producer.send(this.log.marker(topic, redrive));
			producer.commitTransaction();
			return redrive;
		}
		catch (Exception ex) {
			producer.abortTransaction();
			throw new IllegalStateException("Could not republish " + from + ": " + ex.getMessage(), ex);
		}
	}

	private KafkaProducer<String, String> producer(String topic) {
		this.log.createTopic(topic);
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

	@Override
	public synchronized void destroy() {
		if (this.producer != null) {
			this.producer.close(Duration.ofSeconds(5));
			this.producer = null;
		}
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
