package cdcdemo.bridge.connector.definition;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Table and column names read from their string form and written back unchanged, and
 * quoted so that no name can change the statement it is put in.
 */
class TableNameTests {

	@Test
	void readsTheSchemaUpToTheFirstDot() {
		TableName name = TableName.parse("public.users");
		assertThat(name.schema()).isEqualTo("public");
		assertThat(name.table()).isEqualTo("users");
		assertThat(name).hasToString("public.users");
	}

	@Test
	void refusesANameWithoutSchema() {
		assertThatIllegalArgumentException().isThrownBy(() -> TableName.parse("users"));
	}

	@Test
	void quotesEachPartAndDoublesQuotesInside() {
		assertThat(TableName.parse("public.users").quoted()).isEqualTo("\"public\".\"users\"");
		assertThat(new TableName("odd\"schema", "t").quoted()).isEqualTo("\"odd\"\"schema\".\"t\"");
	}

	@Test
	void readsTheColumnAfterTheLastDot() {
		ColumnName column = ColumnName.parse("public.users.password");
		assertThat(column.table()).isEqualTo(new TableName("public", "users"));
		assertThat(column.column()).isEqualTo("password");
		assertThat(column).hasToString("public.users.password");
		assertThat(column.isOf("public.users")).isTrue();
		assertThat(column.isOf("public.user")).isFalse();
	}

	@Test
	void findsNoColumnInANameWithoutTable() {
		assertThat(ColumnName.tryParse("users.password")).isEmpty();
		assertThat(ColumnName.tryParse("password")).isEmpty();
		assertThat(ColumnName.tryParse(null)).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> ColumnName.parse("users.password"));
	}

}
