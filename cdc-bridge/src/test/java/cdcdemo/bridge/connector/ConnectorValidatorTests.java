package cdcdemo.bridge.connector;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import cdcdemo.bridge.connector.connect.ConnectClusters;
import cdcdemo.bridge.connector.postgres.SourceDatabaseInspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * What the validator refuses before it asks the database anything: every field at fault
 * at once, each with what to do. {@code ConnectorLifecycleTests} covers what it finds in
 * a real database.
 */
class ConnectorValidatorTests {

	private final SourceDatabaseInspector inspector = mock(SourceDatabaseInspector.class);

	private final ConnectorValidator validator = new ConnectorValidator(this.inspector, new KafkaProperties(),
			new ConnectorProperties("monolith", new ConnectorProperties.Source("db", 5432, "users", "cdc_bridge", "pw"),
					List.of("public.users"), List.of(), "monolith_publication", "offsets", "definitions", "signals",
					1000, "exactly-once", Duration.ofMillis(20), Duration.ofSeconds(5), Duration.ofSeconds(5),
					Duration.ofSeconds(30), Duration.ofSeconds(10), null, null,
					Map.of("reporting",
							new ConnectorProperties.Source("replica", 5432, "reports", "cdc_bridge", "pw"))),
			new ConnectClusters(Map.of("scale", new ConnectClusters.Cluster(
					List.of(URI.create("http://connect-1:8083")), "env:SOURCE_DB_PASSWORD"))));

	@Test
	void reportsEveryFieldAtFaultAtOnce() {
		ConnectorValidationException refused = refused(new ConnectorRequest("Bad-Name",
				new ConnectorRequest.Source(null, "jdbc:mysql://db/users", "cdc_bridge", "pw"), null,
				java.util.Arrays.asList("users", null), List.of("public.other.secret"), null, null, null));
		assertThat(refused.problems()).extracting(ConnectorValidationException.FieldProblem::field)
			.containsExactly("name", "source.jdbcUrl", "tables[0]", "tables[1]", "excludedColumns[0]");
		assertThat(refused.problems().get(1).message()).contains("is not a PostgreSQL JDBC URL");
		assertThat(refused.problems().get(4).message()).contains("is not schema.table.column of a captured table");
		verifyNoInteractions(this.inspector);
	}

	@Test
	void refusesANameInUseAndATableListThatIsEmpty() {
		ConnectorValidationException refused = refused(new ConnectorRequest("monolith",
				new ConnectorRequest.Source(null, null, null, null), null, List.of(), null, null, null, null));
		assertThat(refused.problems()).extracting(ConnectorValidationException.FieldProblem::message)
			.containsExactly("a connector named 'monolith' exists already",
					"required, e.g. jdbc:postgresql://localhost:5432/users",
					"name at least one table, as schema.table");
	}

	@Test
	void namesTheConfiguredDatasourcesWhenAskedForAnUnknownOne() {
		ConnectorValidationException refused = refused(
				new ConnectorRequest("audit", new ConnectorRequest.Source("nope", null, null, null), null,
						List.of("public.users"), null, null, null, null));
		assertThat(refused.problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.field()).isEqualTo("source.datasource");
			assertThat(problem.message()).isEqualTo("no datasource named 'nope'; configured: default, reporting");
		});
	}

	@Test
	void refusesAnEventLimitBelowAKilobyteWithoutAskingKafka() {
		ConnectorValidationException refused = refused(new ConnectorRequest("audit",
				new ConnectorRequest.Source(null, "jdbc:postgresql://db:5432/users", null, null), null,
				List.of("public.users"), null, null, null, 100));
		assertThat(refused.problems()).extracting(ConnectorValidationException.FieldProblem::field)
			.containsExactly("source.user", "maxEventBytes");
	}

	@Test
	void refusesAPartitionCountOutsideOneToAThousand() {
		for (int partitions : new int[] { 0, -2, 1001 }) {
			ConnectorValidationException refused = refused(new ConnectorRequest("audit",
					new ConnectorRequest.Source(null, "jdbc:postgresql://db:5432/users", null, null), null,
					List.of("public.users"), null, null, null, null, partitions));
			assertThat(refused.problems()).extracting(ConnectorValidationException.FieldProblem::field)
				.containsExactly("source.user", "partitions");
			assertThat(refused.problems().get(1).message())
				.isEqualTo(partitions + " is not between 1 and 1000: the partitions each change topic is created "
						+ "with (leave it out for the broker's default)");
		}
	}

	private ConnectorValidationException refused(ConnectorRequest request) {
		return catchThrowableOfType(ConnectorValidationException.class,
				() -> this.validator.validate(request, Set.of("monolith")));
	}

}
