package cdcdemo.bridge.connector;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
import cdcdemo.bridge.connector.engine.TakeoverCheck;
import cdcdemo.bridge.connector.postgres.ConnectorLock;
import cdcdemo.bridge.connector.postgres.SourceDatabaseInspector;

/**
 * What a connector runs with, made from its definition and the bridge's settings: the
 * engine's properties, the producer's, its metrics and its lock; and the same connector's
 * configuration for a Kafka Connect worker.
 * <p>
 * A connector has one lock for the life of the process, whatever engine runs it and
 * however often it is stopped and started again (an update, a pause, a move): the session
 * holding it stays open in between, so a standby bridge cannot take the connector over
 * halfway through a change. It is released when the connector is destroyed and when the
 * process ends.
 */
@Component
class ConnectorRuntimes {

	private final ConnectorProperties properties;

	private final KafkaProperties kafka;

	private final DebeziumSettings settings;

	private final MeterRegistry meters;

	private final SourceDatabaseInspector inspector;

	private final ConnectEngines connect;

	private final Map<String, ConnectorLock> locks = new ConcurrentHashMap<>();

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
	 * @param takeover what the embedded engine asks after standing by
	 * @return its engine
	 */
	ConnectorEngine create(ConnectorDefinition definition, TakeoverCheck takeover) {
		if (!definition.embedded()) {
			return this.connect.create(definition, this.settings.kafkaConnectConfig(definition));
		}
		return new ConnectorRuntime(definition, this.settings.engineProperties(definition), producerConfig(definition),
				Delivery.parse(this.properties.delivery()), this.properties.offsetsTopic(),
				new ConnectorMetrics(this.meters, definition.name()), this.properties.restartDelay(), lock(definition),
				this.inspector, takeover);
	}

	private ConnectorLock lock(ConnectorDefinition definition) {
		return this.locks.compute(definition.name(), (name, lock) -> {
			if (lock != null && lock.source().equals(definition.source())) {
				return lock;
			}
			if (lock != null) {
				lock.release();
			}
			return new ConnectorLock(definition, this.inspector);
		});
	}

	/**
	 * Release a connector's lock, if this bridge holds it: for a connector destroyed, or
	 * as the process ends.
	 * @param name the connector
	 */
	void releaseLock(String name) {
		ConnectorLock lock = this.locks.remove(name);
		if (lock != null) {
			lock.release();
		}
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
