package cdcdemo.bridge.connector;

import java.util.Properties;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Turns the connector's settings into the Debezium PostgreSQL connector's properties. The same properties configure
 * the connector on a Kafka Connect worker, which is where it goes when one machine is not enough.
 */
@Component
class DebeziumSettings {

	private final ConnectorProperties connector;

	private final KafkaProperties kafka;

	DebeziumSettings(ConnectorProperties connector, KafkaProperties kafka) {
		this.connector = connector;
		this.kafka = kafka;
	}

	Properties toProperties() {
		ConnectorProperties.Source source = this.connector.source();
		Properties p = new Properties();
		p.setProperty("name", this.connector.name());
		p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
		p.setProperty("topic.prefix", this.connector.name());
		p.setProperty("database.hostname", source.host());
		p.setProperty("database.port", Integer.toString(source.port()));
		p.setProperty("database.dbname", source.database());
		p.setProperty("database.user", source.user());
		p.setProperty("database.password", source.password());
		p.setProperty("plugin.name", "pgoutput");
		p.setProperty("slot.name", this.connector.name().toLowerCase().replaceAll("[^a-z0-9_]", "_"));
		p.setProperty("publication.name", this.connector.publication());
		p.setProperty("publication.autocreate.mode", "disabled");
		p.setProperty("table.include.list", String.join(",", this.connector.tables()));
		p.setProperty("column.exclude.list", String.join(",", this.connector.excludedColumns()));
		p.setProperty("snapshot.mode", "initial");
		p.setProperty("heartbeat.interval.ms", Long.toString(this.connector.heartbeatInterval().toMillis()));
		p.setProperty("topic.heartbeat.prefix", "heartbeat");
		p.setProperty("offset.storage", ClosingKafkaOffsetBackingStore.class.getName());
		p.setProperty("bootstrap.servers", String.join(",", this.kafka.getBootstrapServers()));
		p.setProperty("offset.storage.topic", this.connector.offsetsTopic());
		p.setProperty("offset.storage.partitions", "1");
		p.setProperty("offset.storage.replication.factor", "1");
		p.setProperty("offset.flush.interval.ms", Long.toString(this.connector.offsetFlushInterval().toMillis()));
		p.setProperty("converter.schemas.enable", "true");
		this.connector.debezium().forEach(p::setProperty);
		return p;
	}

}
