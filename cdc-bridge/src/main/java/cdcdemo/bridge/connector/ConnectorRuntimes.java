package cdcdemo.bridge.connector;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import cdcdemo.bridge.connector.definition.ConnectorDefinition;
import cdcdemo.bridge.connector.connect.ConnectEngines;
import cdcdemo.bridge.connector.engine.ConnectorEngine;
import cdcdemo.bridge.connector.engine.ConnectorMetrics;
import cdcdemo.bridge.connector.engine.ConnectorRuntime;
import cdcdemo.bridge.connector.engine.DebeziumSettings;
import cdcdemo.bridge.connector.engine.Delivery;
import cdcdemo.bridge.connector.postgres.ConnectorLock;
import cdcdemo.bridge.connector.postgres.SourceDatabaseInspector;

/**
 * What a connector runs with, made from its definition and the bridge's settings: the
 * engine's properties, the producer's, its metrics and its lock; and the same connector's
 * configuration for a Kafka Connect worker.
 */
@Component
class ConnectorRuntimes {

	private final ConnectorProperties properties;

	private final KafkaProperties kafka;

	private final DebeziumSettings settings;

	private final MeterRegistry meters;

	private final SourceDatabaseInspector inspector;

	private final ConnectEngines connect;

	ConnectorRuntimes(ConnectorProperties properties, KafkaProperties kafka, MeterRegistry meters,
			SourceDatabaseInspector inspector, ConnectEngines connect) {
		this.connect = connect;
		this.properties = properties;
		this.kafka = kafka;
		this.settings = new DebeziumSettings(properties.heartbeatInterval(), properties.signalsTopic(),
				properties.offsetsTopic(), properties.commitInterval());
		this.meters = meters;
		this.inspector = inspector;
	}

	/**
	 * A connector ready to start, not started: on the embedded engine, or on its Kafka
	 * Connect cluster.
	 * @param definition the connector
	 * @return its engine
	 */
	ConnectorEngine create(ConnectorDefinition definition) {
		if (!definition.embedded()) {
			return this.connect.create(definition, this.settings.kafkaConnectConfig(definition));
		}
		return new ConnectorRuntime(definition, this.settings.engineProperties(definition), producerConfig(definition),
				Delivery.parse(this.properties.delivery()), this.properties.offsetsTopic(),
				new ConnectorMetrics(this.meters, definition.name()), this.properties.restartDelay(),
				new ConnectorLock(definition, this.inspector), this.inspector);
	}

	/**
	 * @param definition a connector
	 * @return its Debezium configuration for a Kafka Connect cluster, before the password
	 * and topic settings of {@link ConnectEngines} are added
	 */
	Map<String, String> connectorConfig(ConnectorDefinition definition) {
		return this.settings.kafkaConnectConfig(definition);
	}

	Map<String, Object> producerConfig(ConnectorDefinition definition) {
		Map<String, Object> config = this.kafka.buildProducerProperties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, definition.bootstrapServers());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "cdc-bridge-" + definition.name());
		// the largest event: the producer refuses a larger record at once, so the
		// connector fails on it with a
		// reason (see ConnectorRuntime) instead of the broker refusing a batch later
		config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, definition.eventLimit());
		config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(32L * 1024 * 1024, 2L * definition.eventLimit()));
		return config;
	}

	/**
	 * The connector for a Kafka Connect worker; the password is a config-provider
	 * reference, not the value. A connector's partitions become the default topic
	 * creation group's, with the broker's default replication, so that the worker creates
	 * the topics as the bridge does (a topic that exists keeps its count there too).
	 * @param definition the connector
	 * @return the Debezium PostgreSQL connector configuration
	 */
	Map<String, String> kafkaConnectConfig(ConnectorDefinition definition) {
		Map<String, String> config = new LinkedHashMap<>(this.settings.kafkaConnectConfig(definition));
		config.put("database.password", "${file:/opt/kafka/secrets/" + definition.name() + ".properties:password}");
		if (definition.partitions() != null) {
			config.put("topic.creation.default.partitions", Integer.toString(definition.partitions()));
			config.put("topic.creation.default.replication.factor", "-1");
		}
		return config;
	}

}
