package cdcdemo.bridge.connector;

import java.util.HashMap;
import java.util.Map;

/**
 * The settings of a Kafka Connect worker (connect-runtime, distributed mode) that a test
 * starts in its JVM: one broker (replication 1), JSON converters as the bridge's,
 * exactly-once source support, the file config provider, and its REST API on a port of
 * the test's.
 */
final class TestConnectWorkers {

	private TestConnectWorkers() {
	}

	/**
	 * @param bootstrapServers the broker
	 * @param group the worker's group, also the prefix of its three topics
	 * @param port its REST port
	 * @return the worker's settings
	 */
	static Map<String, String> config(String bootstrapServers, String group, int port) {
		Map<String, String> config = new HashMap<>();
		config.put("bootstrap.servers", bootstrapServers);
		config.put("group.id", group);
		config.put("config.storage.topic", group + "-configs");
		config.put("offset.storage.topic", group + "-offsets");
		config.put("status.storage.topic", group + "-status");
		config.put("config.storage.replication.factor", "1");
		config.put("offset.storage.replication.factor", "1");
		config.put("status.storage.replication.factor", "1");
		config.put("offset.storage.partitions", "1");
		config.put("status.storage.partitions", "1");
		config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
		config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
		config.put("exactly.once.source.support", "enabled");
		config.put("offset.flush.interval.ms", "1000");
		config.put("config.providers", "file");
		config.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
		config.put("listeners", "http://127.0.0.1:" + port);
		return config;
	}

}
