package cdcdemo.messages.deadletters;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which dead letters of a topic {@code X} were republished, kept in Kafka itself: the
 * compacted topic {@code X.DLT.redriven}, keyed by the dead letter's
 * {@code partition:offset}. It survives restarts, and it is small (one record per
 * redrive). {@link DeadLetters} writes each marker in the transaction that republishes
 * the record.
 */
@Component
class RedriveLog {

	static final String REDRIVEN_SUFFIX = ".DLT.redriven";

	private final String bootstrapServers;

	private final JsonMapper json;

	private final DeadLetterReader reader;

	RedriveLog(@Value("${messages.bootstrap-servers}") String bootstrapServers, JsonMapper json,
			DeadLetterReader reader) {
		this.bootstrapServers = bootstrapServers;
		this.json = json;
		this.reader = reader;
	}

	/**
	 * The redrives of a topic's dead letters.
	 * @param topic the original topic {@code X}
	 * @return the redrives, by the dead letter's {@code partition:offset}
	 */
	Map<String, Redrive> redriven(String topic) {
		Map<String, Redrive> redriven = new HashMap<>();
		try (KafkaConsumer<String, byte[]> consumer = this.reader.consumer()) {
			List<TopicPartition> tps = DeadLetterReader.partitions(consumer, topic + REDRIVEN_SUFFIX);
			if (tps.isEmpty()) {
				return redriven;
			}
			consumer.assign(tps);
			consumer.seekToBeginning(tps);
			for (ConsumerRecord<String, byte[]> record : DeadLetterReader.readTo(consumer, consumer.endOffsets(tps))) {
				if (record.value() != null) {
					redriven.put(record.key(), this.json.readValue(record.value(), Redrive.class));
				}
			}
		}
		return redriven;
	}

	/**
	 * The marker of a redrive, for the transaction that republishes the record.
	 * @param topic the original topic {@code X}
	 * @param redrive the redrive
	 * @return the record for {@code X.DLT.redriven}
	 */
	ProducerRecord<String, String> marker(String topic, Redrive redrive) {
		return new ProducerRecord<>(topic + REDRIVEN_SUFFIX, redrive.dltPartition() + ":" + redrive.dltOffset(),
				this.json.writeValueAsString(redrive));
	}

	/**
	 * Creates {@code X.DLT.redriven} unless it exists.
	 * @param topic the original topic {@code X}
	 */
	void createTopic(String topic) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
			admin
				.createTopics(List.of(new NewTopic(topic + REDRIVEN_SUFFIX, 1, (short) -1)
					.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
				.all()
				.get(DeadLetters.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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

}
