package cdcdemo.connect;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mapping compose relies on: a {@code CONNECT_*} variable overrides the worker
 * property of its name, and the default settings are ones the worker knows.
 */
class ConnectWorkerTests {

	@Test
	void mapsAVariableToItsProperty() {
		assertThat(ConnectWorker.property("CONNECT_BOOTSTRAP_SERVERS")).isEqualTo("bootstrap.servers");
		assertThat(ConnectWorker.property("CONNECT_GROUP_ID")).isEqualTo("group.id");
		assertThat(ConnectWorker.property("CONNECT_REST_ADVERTISED_HOST_NAME")).isEqualTo("rest.advertised.host.name");
	}

	@Test
	void aVariableOverridesTheFileAndOtherVariablesAreIgnored() {
		Properties file = new Properties();
		file.setProperty("bootstrap.servers", "127.0.0.1:19092");
		file.setProperty("group.id", "cdc-connect");

		Map<String, String> settings = ConnectWorker.settings(file,
				Map.of("CONNECT_BOOTSTRAP_SERVERS", "kafka:9092", "CONNECT_OFFSET_FLUSH_INTERVAL_MS", "500", "CONNECT_",
						"ignored", "KAFKA_BOOTSTRAP_SERVERS", "ignored", "PATH", "/usr/bin"));

		assertThat(settings).containsExactlyInAnyOrderEntriesOf(Map.of("bootstrap.servers", "kafka:9092", "group.id",
				"cdc-connect", "offset.flush.interval.ms", "500"));
	}

	@Test
	void theDefaultSettingsAreWorkerSettings() throws IOException {
		Properties defaults = new Properties();
		try (InputStream in = ConnectWorker.class.getClassLoader().getResourceAsStream("worker.properties")) {
			defaults.load(in);
		}
		// the definitions are private; a config parsed from the defaults holds a value
		// for
		// every property it defines
		Map<String, String> settings = ConnectWorker.settings(defaults, Map.of());
		Set<String> known = new DistributedConfig(settings).values().keySet();
		assertThat(settings.keySet()
			.stream()
			.filter((name) -> Stream.of("config.providers.", "key.converter.", "value.converter.")
				.noneMatch(name::startsWith)))
			.isSubsetOf(known);
		assertThat(defaults).containsEntry("exactly.once.source.support", "enabled")
			.containsEntry("scheduled.rebalance.max.delay.ms", "0")
			.containsEntry("config.providers", "file,env");
	}

}
