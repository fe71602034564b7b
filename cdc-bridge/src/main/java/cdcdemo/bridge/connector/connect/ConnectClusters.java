package cdcdemo.bridge.connector.connect;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * The Kafka Connect clusters the bridge may run connectors on, configured once for the
 * bridge: {@code cdc.connect.clusters.<name>.url} (or
 * {@code CDC_CONNECT_CLUSTERS_<NAME>_URL}). A connector created or moved with
 * {@code "engine": "kafka-connect"} runs on one of them instead of the embedded engine.
 *
 * @param clusters the clusters by name
 */
@ConfigurationProperties("cdc.connect")
public record ConnectClusters(Map<String, Cluster> clusters) {

	/** What {@code engine} names the embedded engine. */
	public static final String EMBEDDED = "embedded";

	/** What {@code engine} names a Kafka Connect cluster. */
	public static final String KAFKA_CONNECT = "kafka-connect";

	public ConnectClusters {
		clusters = (clusters != null) ? new TreeMap<>(clusters) : Map.of();
	}

	/**
	 * One cluster.
	 *
	 * @param url the REST URL of its workers: one, or several separated by commas, asked
	 * in turn when one does not answer
	 * @param passwordReference where the workers find a connector's source password: a
	 * Kafka config-provider reference without its {@code ${}} (Spring would resolve that
	 * itself), {@code {connector}} replaced by the connector's name. The configuration
	 * the bridge sends carries {@code ${<reference>}} as {@code database.password}, never
	 * the password. By default
	 * {@code file:/opt/kafka/secrets/{connector}.properties:password}, Kafka's
	 * {@code FileConfigProvider}; {@code env:SOURCE_DB_PASSWORD} is the
	 * {@code EnvVarConfigProvider}'s
	 */
	public record Cluster(List<URI> url, String passwordReference) {

		static final String DEFAULT_PASSWORD_REFERENCE = "file:/opt/kafka/secrets/{connector}.properties:password";

		private static final Pattern REFERENCE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*:[^${}]+");

		public Cluster {
			if (url == null || url.isEmpty()) {
				throw new IllegalArgumentException("cdc.connect.clusters.*.url is required: a worker's REST URL");
			}
			url = List.copyOf(url);
			passwordReference = StringUtils.hasText(passwordReference) ? passwordReference : DEFAULT_PASSWORD_REFERENCE;
			if (!REFERENCE.matcher(passwordReference.replace("{connector}", "name")).matches()) {
				throw new IllegalArgumentException("cdc.connect.clusters.*.password-reference '" + passwordReference
						+ "' is not a config-provider reference such as env:SOURCE_DB_PASSWORD or "
						+ "file:/path/{connector}.properties:password (without ${}): the connector configuration a "
						+ "cluster stores is readable by anyone who reads its config topic, so it never holds the "
						+ "password itself");
			}
		}

		String passwordFor(String connector) {
			return "${" + this.passwordReference.replace("{connector}", connector) + "}";
		}

	}

	/**
	 * Where a request asks its connector to run.
	 * @param engine {@code embedded}, {@code kafka-connect} or {@code null} (embedded)
	 * @param cluster a cluster's name, optional when there is one
	 * @return the cluster's name, {@code null} for the embedded engine
	 * @throws Refused naming what is wrong, and in which of the request's fields
	 */
	public String choose(String engine, String cluster) {
		if (!StringUtils.hasText(engine) || EMBEDDED.equals(engine)) {
			if (StringUtils.hasText(cluster)) {
				throw new Refused("cluster", "a cluster is only for \"engine\": \"kafka-connect\"");
			}
			return null;
		}
		if (!KAFKA_CONNECT.equals(engine)) {
			throw new Refused("engine", "'" + engine + "' is not embedded or kafka-connect");
		}
		if (this.clusters.isEmpty()) {
			throw new Refused("engine", "this bridge has no Kafka Connect cluster: configure one with "
					+ "cdc.connect.clusters.<name>.url (CDC_CONNECT_CLUSTERS_<NAME>_URL)");
		}
		if (!StringUtils.hasText(cluster)) {
			if (this.clusters.size() > 1) {
				throw new Refused("cluster", "name one of " + this.clusters.keySet());
			}
			return this.clusters.keySet().iterator().next();
		}
		if (!this.clusters.containsKey(cluster)) {
			throw new Refused("cluster", "'" + cluster + "' is not one of " + this.clusters.keySet());
		}
		return cluster;
	}

	/** A request's {@code engine} or {@code cluster} this bridge cannot follow. */
	public static final class Refused extends IllegalArgumentException {

		private final String field;

		Refused(String field, String message) {
			super(message);
			this.field = field;
		}

		/**
		 * @return {@code engine} or {@code cluster}
		 */
		public String field() {
			return this.field;
		}

	}

	/**
	 * @param name a configured cluster
	 * @return it
	 * @throws IllegalStateException if the bridge no longer has it configured
	 */
	public Cluster cluster(String name) {
		Cluster cluster = this.clusters.get(name);
		if (cluster == null) {
			throw new IllegalStateException("the Kafka Connect cluster '" + name
					+ "' this connector runs on is no longer " + "configured (cdc.connect.clusters." + name + ".url)");
		}
		return cluster;
	}

}
