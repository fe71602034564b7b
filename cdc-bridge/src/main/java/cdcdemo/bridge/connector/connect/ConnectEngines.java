package cdcdemo.bridge.connector.connect;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import cdcdemo.bridge.connector.definition.ConnectorDefinition;
import cdcdemo.bridge.connector.engine.ConnectorEngine;
import cdcdemo.bridge.connector.engine.ConnectorMetrics;

/**
 * What the bridge does on its Kafka Connect clusters, beside running a connector there
 * ({@link ConnectEngine}): check that a cluster can take a connector, hand a connector's
 * position over to a cluster and take it back (Kafka Connect's offsets REST API,
 * KIP-875), and delete a destroyed connector there.
 */
@Component
public class ConnectEngines {

	private final ConnectClusters clusters;

	private final MeterRegistry meters;

	private final Map<String, ConnectRest> rests = new ConcurrentHashMap<>();

	public ConnectEngines(ConnectClusters clusters, MeterRegistry meters) {
		this.clusters = clusters;
		this.meters = meters;
	}

	/**
	 * @param definition a connector with a {@code connectCluster}
	 * @param connectorConfig its Debezium configuration, its password left out
	 * @return its engine on that cluster, not started
	 */
	public ConnectorEngine create(ConnectorDefinition definition, Map<String, String> connectorConfig) {
		return new ConnectEngine(definition, rest(definition), config(definition, connectorConfig),
				new ConnectorMetrics(this.meters, definition.name()));
	}

	/**
	 * The configuration the cluster gets: the password a config-provider reference, and
	 * topics created by the workers as the bridge creates them.
	 */
	Map<String, String> config(ConnectorDefinition definition, Map<String, String> connectorConfig) {
		Map<String, String> config = new LinkedHashMap<>(connectorConfig);
		config.put("name", definition.name());
		config.put("database.password",
				this.clusters.cluster(definition.connectCluster()).passwordFor(definition.name()));
		config.put("topic.creation.default.partitions",
				(definition.partitions() != null) ? Integer.toString(definition.partitions()) : "-1");
		config.put("topic.creation.default.replication.factor", "-1");
		return config;
	}

	/**
	 * Whether a connector can run on its cluster: the cluster answers and works on the
	 * connector's Kafka store (a cluster on another Kafka would write its topics there,
	 * and its offsets too).
	 * @param definition the connector
	 * @throws IllegalArgumentException saying why not
	 */
	public void check(ConnectorDefinition definition) {
		ConnectRest rest = rest(definition);
		String theirs;
		try {
			theirs = rest.root().path("kafka_cluster_id").asString(null);
		}
		catch (ConnectRest.ConnectException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
		String ours;
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				definition.bootstrapServers(), AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000))) {
			ours = admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			throw new IllegalArgumentException(
					"the Kafka store " + definition.bootstrapServers() + " does not answer: " + ex.getMessage(), ex);
		}
		if (theirs != null && !theirs.equals(ours)) {
			throw new IllegalArgumentException(rest.describe() + " works on the Kafka cluster " + theirs
					+ ", not on the connector's store " + definition.bootstrapServers() + " (" + ours + ")");
		}
	}

	/**
	 * Give a cluster a connector's position before it first runs there: the connector is
	 * created stopped, its offsets written, and only then started (by its engine's
	 * {@code start}), so its first poll reads from that position and no snapshot is taken
	 * again.
	 * @param definition the connector, on its cluster
	 * @param connectorConfig its configuration, as for {@link #create}
	 * @param offsets the position, as {@code PATCH /connectors/{name}/offsets} takes it
	 */
	public void handOver(ConnectorDefinition definition, Map<String, String> connectorConfig, ObjectNode offsets) {
		ConnectRest rest = rest(definition);
		Map<String, String> config = config(definition, connectorConfig);
		if (rest.exists(definition.name())) {
			throw new IllegalStateException(rest.describe() + " has a connector named " + definition.name()
					+ " already: delete it there first");
		}
		rest.createStopped(definition.name(), config);
		try {
			if (!offsets.path("offsets").isEmpty()) {
				patchOffsets(rest, definition.name(), offsets);
			}
		}
		catch (RuntimeException ex) {
			// the connector this created, stopped and without its position, goes: a
			// connector of that name the cluster had before is never touched (refused
			// above)
			try {
				rest.delete(definition.name());
			}
			catch (RuntimeException cleanup) {
				ex.addSuppressed(cleanup);
			}
			throw ex;
		}
	}

	/**
	 * The cluster takes offsets once its connector is fully stopped, which a connector
	 * just created as stopped may not be yet: asked again until it is.
	 */
	private static void patchOffsets(ConnectRest rest, String name, ObjectNode offsets) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (true) {
			try {
				rest.patchOffsets(name, offsets);
				return;
			}
			catch (ConnectRest.ConnectException ex) {
				if (ex.status() != 400 && ex.status() != 409 || System.nanoTime() > deadline) {
					throw ex;
				}
				pause();
			}
		}
	}

	/**
	 * Take a stopped connector's position back from its cluster, and delete it there (its
	 * slot and topics stay).
	 * @param definition the connector, stopped on its cluster
	 * @return its position, {@code {"offsets": [...]}}
	 */
	public JsonNode takeBack(ConnectorDefinition definition) {
		ConnectRest rest = rest(definition);
		JsonNode offsets = rest.offsets(definition.name());
		rest.delete(definition.name());
		return offsets;
	}

	/**
	 * Delete a destroyed connector on its cluster, its offsets first (a connector created
	 * again under that name, with a new slot, must not start from the old position).
	 * @param definition the connector, stopped
	 * @return whether its offsets were forgotten
	 */
	public boolean delete(ConnectorDefinition definition) {
		ConnectRest rest = rest(definition);
		boolean forgotten = true;
		try {
			rest.deleteOffsets(definition.name());
		}
		catch (ConnectRest.ConnectException ex) {
			forgotten = false;
		}
		rest.delete(definition.name());
		return forgotten;
	}

	/**
	 * @param definition a connector on a cluster
	 * @return the cluster's name and URL, for its info
	 */
	public String describe(ConnectorDefinition definition) {
		return rest(definition).describe();
	}

	private ConnectRest rest(ConnectorDefinition definition) {
		String name = definition.connectCluster();
		return this.rests.computeIfAbsent(name, (n) -> new ConnectRest(n, this.clusters.cluster(n).url()));
	}

	private static void pause() {
		try {
			TimeUnit.MILLISECONDS.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
