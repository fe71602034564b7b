package cdcdemo.bridge.connector.connect;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Where a request's {@code engine} and {@code cluster} send a connector, and what a
 * cluster's password reference may be: a config-provider reference the workers resolve,
 * never a value.
 */
class ConnectClustersTests {

	private static final ConnectClusters.Cluster SCALE = new ConnectClusters.Cluster(
			List.of(URI.create("http://connect-1:8083")), "env:SOURCE_DB_PASSWORD");

	@Test
	void embeddedByDefaultAndTheOnlyClusterWhenNoneIsNamed() {
		ConnectClusters one = new ConnectClusters(Map.of("scale", SCALE));
		assertThat(one.choose(null, null)).isNull();
		assertThat(one.choose("embedded", null)).isNull();
		assertThat(one.choose("kafka-connect", null)).isEqualTo("scale");
		assertThat(one.choose("kafka-connect", "scale")).isEqualTo("scale");
	}

	@Test
	void namesTheFieldAtFault() {
		ConnectClusters two = new ConnectClusters(Map.of("scale", SCALE, "eu", SCALE));
		assertThatExceptionOfType(ConnectClusters.Refused.class).isThrownBy(() -> two.choose("kafka-connect", null))
			.withMessage("name one of [eu, scale]")
			.extracting(ConnectClusters.Refused::field)
			.isEqualTo("cluster");
		assertThatExceptionOfType(ConnectClusters.Refused.class).isThrownBy(() -> two.choose("flink", null))
			.extracting(ConnectClusters.Refused::field)
			.isEqualTo("engine");
		assertThatExceptionOfType(ConnectClusters.Refused.class).isThrownBy(() -> two.choose("embedded", "eu"))
			.extracting(ConnectClusters.Refused::field)
			.isEqualTo("cluster");
		assertThatExceptionOfType(ConnectClusters.Refused.class)
			.isThrownBy(() -> new ConnectClusters(null).choose("kafka-connect", null))
			.withMessageContaining("cdc.connect.clusters.<name>.url");
	}

	@Test
	void thePasswordIsAReferenceForTheWorkers() {
		assertThat(SCALE.passwordFor("monolith")).isEqualTo("${env:SOURCE_DB_PASSWORD}");
		assertThat(new ConnectClusters.Cluster(List.of(URI.create("http://c:8083")), null).passwordFor("monolith"))
			.isEqualTo("${file:/opt/kafka/secrets/monolith.properties:password}");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ConnectClusters.Cluster(List.of(URI.create("http://c:8083")), "hunter2"))
			.withMessageContaining("not a config-provider reference");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ConnectClusters.Cluster(List.of(URI.create("http://c:8083")), "${env:X}"))
			.withMessageContaining("without ${}");
	}

}
