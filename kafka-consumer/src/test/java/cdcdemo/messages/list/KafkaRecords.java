package cdcdemo.messages.list;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import org.apache.kafka.common.utils.Exit;

import cdcdemo.platform.kafka.KafkaServer;

/**
 * A real broker for a test class, and change events shaped exactly like cdc-bridge's
 * (Kafka Connect JSON with schemas), written with a plain producer.
 */
final class KafkaRecords implements AutoCloseable {

	private final KafkaServer kafka;

	private final KafkaProducer<String, String> producer;

	private KafkaRecords(KafkaServer kafka) {
		this.kafka = kafka;
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
						ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000),
				new StringSerializer(), new StringSerializer());
	}

	static KafkaRecords start(Path logDir) {
		Exit.setHaltProcedure((code, message) -> {
			throw new IllegalStateException(message);
		});
		return new KafkaRecords(KafkaServer.start(logDir, 0, 0));
	}

	String bootstrapServers() {
		return this.kafka.bootstrapServers();
	}

	Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers()));
	}

	void createTopics(String... topics) throws Exception {
		try (Admin admin = admin()) {
			admin.createTopics(List.of(topics).stream().map((topic) -> new NewTopic(topic, 1, (short) 1)).toList())
				.all()
				.get();
		}
	}

	void send(String topic, String key, String value) {
		send(topic, key, value, Map.of());
	}

	void send(String topic, String key, String value, Map<String, String> headers) {
		ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
		headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
		try {
			this.producer.send(record).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	void send(ProducerRecord<String, String> record) {
		try {
			this.producer.send(record).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends many records without waiting for each.
	 * @param records the records
	 */
	void sendAll(Iterable<ProducerRecord<String, String>> records) {
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
	long endOffsets(String topic) throws Exception {
		try (Admin admin = admin()) {
			int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			for (int partition = 0; partition < partitions; partition++) {
				latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
			}
			return admin.listOffsets(latest).all().get().values().stream().mapToLong((info) -> info.offset()).sum();
		}
	}

	void createTopic(String topic, int partitions) throws Exception {
		try (Admin admin = admin()) {
			admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
		}
	}

	/**
	 * A producer that writes in transactions, as cdc-bridge is going to.
	 * @param transactionalId its transactional id
	 * @return the producer, transactions initialised
	 */
	KafkaProducer<String, String> transactionalProducer(String transactionalId) {
		KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers(),
						ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId),
				new StringSerializer(), new StringSerializer());
		producer.initTransactions();
		return producer;
	}

	static String key(long id) {
		return "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,\"field\":\"id\"}],"
				+ "\"optional\":false,\"name\":\"monolith.public.users.Key\"},\"payload\":{\"id\":" + id + "}}";
	}

	static String row(long id, String firstName, String email) {
		return "{\"id\":" + id + ",\"first_name\":" + quote(firstName) + ",\"last_name\":\"Lovelace\",\"email\":"
				+ quote(email) + "}";
	}

	static String keyOnly(long id) {
		return "{\"id\":" + id + ",\"first_name\":null,\"last_name\":null,\"email\":null}";
	}

	static String event(String op, String before, String after) {
		return event("users", op, before, after);
	}

	static String event(String table, String op, String before, String after) {
		return "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"struct\",\"field\":\"before\"},"
				+ "{\"type\":\"struct\",\"field\":\"after\"}],\"name\":\"monolith.public." + table + ".Envelope\"},"
				+ "\"payload\":{\"before\":" + before + ",\"after\":" + after
				+ ",\"source\":{\"version\":\"3.6.1.Final\",\"connector\":\"postgresql\",\"name\":\"monolith\","
				+ "\"db\":\"users\",\"schema\":\"public\",\"table\":\"" + table + "\",\"txId\":729,\"lsn\":22195224,"
				+ "\"ts_ms\":1795577334000,\"snapshot\":\"false\"},\"transaction\":null,\"op\":\"" + op
				+ "\",\"ts_ms\":1795577334190,\"ts_ns\":1795577334190123457}}";
	}

	private static String quote(String text) {
		return (text != null) ? "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : "null";
	}

	@Override
	public void close() {
		this.producer.close();
		this.kafka.close();
	}

}
