package cdcdemo.testsupport.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes string records to a broker with a plain producer (requests up to 2 MB, for the
 * tests' huge records), each send waiting for the broker's acknowledgement, and makes
 * topics. Close it to close its producer; the broker stays.
 */
public final class TopicWriter implements AutoCloseable {

	private final String bootstrapServers;

	private final KafkaProducer<String, String> producer;

	private TopicWriter(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
						ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000),
				new StringSerializer(), new StringSerializer());
	}

	/**
	 * @param bootstrapServers the broker
	 * @return a writer to it, to close
	 */
	public static TopicWriter to(String bootstrapServers) {
		return new TopicWriter(bootstrapServers);
	}

	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	/**
	 * @return an admin client of the broker, to close
	 */
	public Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers));
	}

	/**
	 * Makes topics of one partition each.
	 * @param topics the topics
	 */
	public void createTopics(String... topics) {
		try (Admin admin = admin()) {
			admin.createTopics(List.of(topics).stream().map((topic) -> new NewTopic(topic, 1, (short) 1)).toList())
				.all()
				.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not create " + List.of(topics), ex);
		}
	}

	/**
	 * @param topic the topic to make
	 * @param partitions its partitions
	 */
	public void createTopic(String topic, int partitions) {
		try (Admin admin = admin()) {
			admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not create " + topic, ex);
		}
	}

	public void send(String topic, String key, String value) {
		send(topic, key, value, Map.of());
	}

	/**
	 * @param topic the topic
	 * @param key the key
	 * @param value the value, {@code null} for a tombstone
	 * @param headers headers, their values written in UTF-8
	 */
	public void send(String topic, String key, String value, Map<String, String> headers) {
		ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
		headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
		send(record);
	}

	public void send(ProducerRecord<String, String> record) {
		try {
			this.producer.send(record).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends many records without waiting for each, as a connector publishes a large
	 * transaction, and returns once all are written.
	 * @param records the records, in order
	 */
	public void sendAll(Iterable<ProducerRecord<String, String>> records) {
		List<Future<RecordMetadata>> sent = new ArrayList<>();
		records.forEach((record) -> sent.add(this.producer.send(record)));
		this.producer.flush();
		for (Future<RecordMetadata> future : sent) {
			try {
				future.get();
			}
			catch (Exception ex) {
				throw new IllegalStateException("A record was not written", ex);
			}
		}
	}

	/**
	 * How many records a topic holds: the sum of its partitions' end offsets.
	 * @param topic the topic
	 * @return the records
	 */
	public long endOffsets(String topic) {
		try (Admin admin = admin()) {
			int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			for (int partition = 0; partition < partitions; partition++) {
				latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
			}
			return admin.listOffsets(latest).all().get().values().stream().mapToLong((info) -> info.offset()).sum();
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not read the end offsets of " + topic, ex);
		}
	}

	/**
	 * A producer that writes in transactions, as cdc-bridge does.
	 * @param transactionalId its transactional id
	 * @return the producer, transactions initialised, to close
	 */
	public KafkaProducer<String, String> transactionalProducer(String transactionalId) {
		KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
						ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId),
				new StringSerializer(), new StringSerializer());
		producer.initTransactions();
		return producer;
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
