package cdcdemo.bridge.connector;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import cdcdemo.bridge.connector.connect.ConnectClusters;
import cdcdemo.bridge.connector.connect.ConnectEngines;
import cdcdemo.bridge.connector.definition.ConnectorDefinition;
import cdcdemo.bridge.connector.postgres.SourceDatabaseInspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The connector as a Kafka Connect worker takes it: its partitions become the default
 * topic creation group's, so that the worker creates its topics as the bridge does, and a
 * connector without them leaves topic creation to the worker's and broker's defaults.
 */
class ConnectorRuntimesTests {

	private final ConnectorRuntimes runtimes = new ConnectorRuntimes(
			new ConnectorProperties("monolith", new ConnectorProperties.Source("db", 5432, "users", "cdc_bridge", "pw"),
					List.of("public.users"), List.of(), "monolith_publication", "offsets", "definitions", "signals",
					1000, "exactly-once", Duration.ofMillis(20), Duration.ofSeconds(5), Duration.ofSeconds(5),
					Duration.ofSeconds(30), Duration.ofSeconds(10), null, null, Map.of()),
			new KafkaProperties(), new SimpleMeterRegistry(), mock(SourceDatabaseInspector.class),
			new ConnectEngines(new ConnectClusters(Map.of()), new SimpleMeterRegistry()));

	@Test
	void exportsThePartitionsAsTheDefaultTopicCreationGroup() {
		assertThat(this.runtimes.kafkaConnectConfig(definition(3)))
			.containsEntry("topic.creation.default.partitions", "3")
			.containsEntry("topic.creation.default.replication.factor", "-1")
			.containsEntry("database.password", "${file:/opt/kafka/secrets/audit.properties:password}");
	}

	@Test
	void leavesTopicCreationOutWithoutPartitions() {
		assertThat(this.runtimes.kafkaConnectConfig(definition(null)).keySet())
			.noneMatch((key) -> key.startsWith("topic.creation."));
	}

	private static ConnectorDefinition definition(Integer partitions) {
		return new ConnectorDefinition("audit", new ConnectorDefinition.SourceDatabase("db", 5432, "users", "cdc", "x"),
				"kafka:9092", List.of("public.users"), List.of(), "audit_publication", true, Map.of(), false, List.of(),
				null, partitions);
	}

}
