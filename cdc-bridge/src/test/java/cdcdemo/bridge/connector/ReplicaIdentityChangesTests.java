package cdcdemo.bridge.connector;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cdcdemo.bridge.connector.definition.ConnectorDefinition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The replica identity changes an update may ask for: quoted ALTER TABLE statements, and
 * FULL refused on a table with excluded columns, which PostgreSQL would then refuse to
 * update.
 */
class ReplicaIdentityChangesTests {

	private static final ConnectorDefinition DEFINITION = new ConnectorDefinition("monolith",
			new ConnectorDefinition.SourceDatabase("localhost", 5432, "users", "cdc", "secret"), "localhost:9092",
			List.of("public.users", "public.orders"), List.of("public.users.password"), "monolith_publication", true,
			Map.of(), false);

	@Test
	void rendersOneStatementPerTable() {
		assertThat(SourceDdl.replicaIdentityChanges(DEFINITION, List.of(), Map.of("public.orders", "full")))
			.containsExactly("ALTER TABLE \"public\".\"orders\" REPLICA IDENTITY FULL");
		assertThat(SourceDdl.replicaIdentityChanges(DEFINITION, List.of(), null)).isEmpty();
	}

	@Test
	void refusesFullOnATableWithExcludedColumns() {
		assertThatExceptionOfType(ConnectorValidationException.class)
			.isThrownBy(() -> SourceDdl.replicaIdentityChanges(DEFINITION, DEFINITION.excludedColumns(),
					Map.of("public.users", "full")))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(ConnectorValidationException.FieldProblem::field)
				.containsExactly("replicaIdentity.public.users"));
	}

	@Test
	void refusesAnUnknownTableOrIdentity() {
		assertThatExceptionOfType(ConnectorValidationException.class)
			.isThrownBy(() -> SourceDdl.replicaIdentityChanges(DEFINITION, List.of(), Map.of("public.items", "full")))
			.withMessageContaining("is not one of the connector's tables");
		assertThatExceptionOfType(ConnectorValidationException.class)
			.isThrownBy(
					() -> SourceDdl.replicaIdentityChanges(DEFINITION, List.of(), Map.of("public.orders", "nothing")))
			.withMessageContaining("is not default or full");
	}

}
