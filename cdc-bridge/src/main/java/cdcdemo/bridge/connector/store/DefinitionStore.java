package cdcdemo.bridge.connector.store;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import cdcdemo.bridge.connector.definition.ConnectorDefinition;

/**
 * Connector definitions in a compacted Kafka topic owned by the bridge (created here,
 * with the signals topic), keyed by connector name (a tombstone when a connector is
 * destroyed), the way Kafka Connect keeps its configurations: they survive a restart of
 * the bridge and need no other store. The source passwords in it are sealed with the
 * bridge's secret key ({@link SourcePasswords}); restrict access to it all the same, as
 * you would to Kafka Connect's config topic.
 */
public class DefinitionStore {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final String definitionsTopic;

	private final String signalsTopic;

	private final KafkaProperties kafka;

	private final ObjectMapper mapper;

	private final SourcePasswords passwords;

	/**
	 * @param definitionsTopic the compacted topic of the definitions
	 * @param signalsTopic the topic of the connectors' snapshot signals, created with it
	 * @param kafka the bridge's Kafka
	 * @param mapper the definitions' JSON
	 * @param passwords seals the source passwords in the topic
	 */
	public DefinitionStore(String definitionsTopic, String signalsTopic, KafkaProperties kafka, ObjectMapper mapper,
			SourcePasswords passwords) {
		this.passwords = passwords;
		this.definitionsTopic = definitionsTopic;
		this.signalsTopic = signalsTopic;
		this.kafka = kafka;
		this.mapper = mapper;
	}

	/**
	 * @return every stored definition, by name; the topics are created first if missing
	 */
	public Map<String, ConnectorDefinition> loadAll() {
		createTopicsIfMissing();
		return readAll();
	}

	/**
	 * @return every stored definition, by name, read from the topic as it is now
	 */
	public Map<String, ConnectorDefinition> readAll() {
		Map<String, Object> config = this.kafka.buildConsumerProperties();
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		Map<String, ConnectorDefinition> definitions = new LinkedHashMap<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			TopicPartition partition = new TopicPartition(this.definitionsTopic, 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
			while (consumer.position(partition, TIMEOUT) < end) {
				consumer.poll(Duration.ofMillis(500)).forEach((record) -> {
					if (record.value() == null) {
						definitions.remove(record.key());
					}
					else {
						ConnectorDefinition stored = this.mapper.readValue(record.value(), ConnectorDefinition.class);
						definitions.put(record.key(),
								stored.withPassword(this.passwords.open(stored.source().password())));
					}
				});
			}
		}
		return definitions;
	}

	public void save(ConnectorDefinition definition) {
		write(definition.name(), this.mapper
			.writeValueAsString(definition.withPassword(this.passwords.seal(definition.source().password()))));
	}

	public void delete(String name) {
		write(name, null);
	}

	private void write(String key, String value) {
		Map<String, Object> config = this.kafka.buildProducerProperties();
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
			producer.send(new ProducerRecord<>(this.definitionsTopic, key, value))
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while storing connector " + key, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("could not store connector " + key + " in Kafka", ex);
		}
	}

	private void createTopicsIfMissing() {
		try (Admin admin = Admin.create(this.kafka.buildAdminProperties())) {
			var results = admin.createTopics(List.of(
					new NewTopic(this.definitionsTopic, 1, (short) 1)
						.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
					// exists before the connectors subscribe to it, so a signal is seen
					// at once
					new NewTopic(this.signalsTopic, 1, (short) 1)))
				.values();
			for (var result : results.entrySet()) {
				try {
					result.getValue().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw new IllegalStateException("could not create " + result.getKey(), ex.getCause());
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Kafka did not answer within " + TIMEOUT, ex);
		}
	}

}
