package cdcdemo.bridge.connector.postgres;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cdcdemo.bridge.connector.definition.ConnectorDefinition;
import cdcdemo.bridge.connector.definition.TableName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publication statements: CREATE and ALTER render the same tables and column lists, a
 * column list only where a table has excluded columns (so REPLICA IDENTITY FULL stays
 * possible on the others), none before PostgreSQL 15.
 */
class PublicationStatementsTests {

	private static final ConnectorDefinition DEFINITION = new ConnectorDefinition("monolith",
			new ConnectorDefinition.SourceDatabase("localhost", 5432, "users", "cdc", "secret"), "localhost:9092",
			List.of("public.users", "public.orders"), List.of("public.users.password"), "monolith_publication", true,
			Map.of(), false);

	@Test
	void createsAPublicationWithAColumnListOnlyWhereColumnsAreExcluded() {
		assertThat(PublicationStatements.of(DEFINITION, shape(150000)).create()).isEqualTo(
				"CREATE PUBLICATION \"monolith_publication\" FOR TABLE \"public\".\"users\" (\"id\", \"email\"), "
						+ "\"public\".\"orders\"");
	}

	@Test
	void altersThePublicationToTheSameTablesAndColumns() {
		assertThat(PublicationStatements.of(DEFINITION, shape(150000)).alter())
			.isEqualTo("ALTER PUBLICATION \"monolith_publication\" SET TABLE \"public\".\"users\" (\"id\", \"email\"), "
					+ "\"public\".\"orders\"");
	}

	@Test
	void publishesWholeTablesBeforePostgresql15() {
		assertThat(PublicationStatements.of(DEFINITION, shape(140000)).create()).isEqualTo(
				"CREATE PUBLICATION \"monolith_publication\" FOR TABLE \"public\".\"users\", \"public\".\"orders\"");
	}

	@Test
	void quotesEveryIdentifier() {
		PublicationStatements statements = PublicationStatements.of("odd\"pub")
			.table(new TableName("s", "t\"x"), List.of("a\"b"));
		assertThat(statements.create())
			.isEqualTo("CREATE PUBLICATION \"odd\"\"pub\" FOR TABLE \"s\".\"t\"\"x\" (\"a\"\"b\")");
		assertThat(statements.drop()).isEqualTo("DROP PUBLICATION IF EXISTS \"odd\"\"pub\"");
	}

	@Test
	void changesAReplicaIdentity() {
		assertThat(PublicationStatements.replicaIdentity(TableName.parse("public.users"), "full"))
			.isEqualTo("ALTER TABLE \"public\".\"users\" REPLICA IDENTITY FULL");
	}

	private static SourceDatabaseInspector.SourceShape shape(int serverVersion) {
		return new SourceDatabaseInspector.SourceShape(serverVersion, "logical", true,
				Map.of("public.users",
						new SourceDatabaseInspector.TableShape("public.users", true, List.of("id"),
								List.of("id", "email", "password"), "default"),
						"public.orders", new SourceDatabaseInspector.TableShape("public.orders", true, List.of("id"),
								List.of("id", "total"), "default")));
	}

}
