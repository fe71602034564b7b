package cdcdemo.bridge.connector.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import cdcdemo.bridge.connector.definition.ConnectorDefinition;
import cdcdemo.bridge.connector.definition.TableName;

/**
 * The statements that make a publication send what a connector may see, rendered from one
 * list of tables and their column lists: {@code CREATE PUBLICATION ... FOR TABLE ...} for
 * a new connector, {@code ALTER PUBLICATION ... SET
 * TABLE ...} for an updated one, so the two cannot disagree. Every identifier is quoted.
 */
public final class PublicationStatements {

	private record Entry(TableName table, List<String> columns) {
	}

	private final String publication;

	private final List<Entry> tables = new ArrayList<>();

	private PublicationStatements(String publication) {
		this.publication = publication;
	}

	/**
	 * @param publication the publication's name
	 * @return statements for it, with no table yet
	 */
	public static PublicationStatements of(String publication) {
		return new PublicationStatements(publication);
	}

	/**
	 * The publication a connector owns: each of its tables, with a column list only where
	 * the table has excluded columns. A table published with a column list cannot have
	 * REPLICA IDENTITY FULL (PostgreSQL then refuses its updates and deletes), even if
	 * the list names every column. Before PostgreSQL 15 there are no column lists, and
	 * the bridge drops excluded columns itself.
	 * @param definition the connector
	 * @param shape the inspected source, with every column of each table
	 * @return the statements
	 */
	public static PublicationStatements of(ConnectorDefinition definition, SourceDatabaseInspector.SourceShape shape) {
		PublicationStatements statements = of(definition.publication());
		for (String table : definition.tables()) {
			TableName name = TableName.parse(table);
			List<String> dropped = definition.excludedColumnsOf(table);
			if (!shape.supportsColumnLists() || dropped.isEmpty()) {
				statements.table(name);
			}
			else {
				statements.table(name,
						shape.tables()
							.get(table)
							.columns()
							.stream()
							.filter((column) -> !dropped.contains(column))
							.toList());
			}
		}
		return statements;
	}

	/**
	 * Publish every column of a table.
	 * @param table the table
	 * @return these statements
	 */
	public PublicationStatements table(TableName table) {
		return table(table, List.of());
	}

	/**
	 * Publish these columns of a table.
	 * @param table the table
	 * @param columns its published columns; none for all of them
	 * @return these statements
	 */
	public PublicationStatements table(TableName table, List<String> columns) {
		this.tables.add(new Entry(table, List.copyOf(columns)));
		return this;
	}

	/**
	 * @return {@code CREATE PUBLICATION "p" FOR TABLE "s"."t" ("a", "b"), ...}
	 */
	public String create() {
		return "CREATE PUBLICATION " + TableName.quote(this.publication) + " FOR TABLE " + tableList();
	}

	/**
	 * @return {@code ALTER PUBLICATION "p" SET TABLE "s"."t" ("a", "b"), ...}: the
	 * publication's tables and columns replaced with these in one statement
	 */
	public String alter() {
		return "ALTER PUBLICATION " + TableName.quote(this.publication) + " SET TABLE " + tableList();
	}

	/**
	 * @return {@code ALTER PUBLICATION "p" ADD TABLE "s"."t" ("a", "b"), ...}: these
	 * tables added to the publication, its other tables as they are
	 */
	public String add() {
		return "ALTER PUBLICATION " + TableName.quote(this.publication) + " ADD TABLE " + tableList();
	}

	/**
	 * @return these tables' column lists replaced, the publication's other tables as they
	 * are: each table dropped from the publication and added again in one transaction, so
	 * that a change to the table is decoded with either the old list or the new one
	 * (PostgreSQL has no statement that changes one table's column list alone)
	 */
	public String replace() {
		String publication = TableName.quote(this.publication);
		return "BEGIN; " + this.tables.stream()
			.map((entry) -> "ALTER PUBLICATION " + publication + " DROP TABLE " + entry.table().quoted() + "; ")
			.collect(Collectors.joining()) + add() + "; COMMIT;";
	}

	/**
	 * @return {@code DROP PUBLICATION IF EXISTS "p"}
	 */
	public String drop() {
		return "DROP PUBLICATION IF EXISTS " + TableName.quote(this.publication);
	}

	/**
	 * The statement that changes what a table writes to the WAL for the old row of an
	 * update or delete.
	 * @param table the table
	 * @param identity {@code default} or {@code full}
	 * @return {@code ALTER TABLE "s"."t" REPLICA IDENTITY FULL}, say
	 */
	public static String replicaIdentity(TableName table, String identity) {
		return "ALTER TABLE " + table.quoted() + " REPLICA IDENTITY " + identity.toUpperCase();
	}

	private String tableList() {
		return this.tables.stream()
			.map((entry) -> entry.table().quoted() + (entry.columns().isEmpty() ? ""
					: entry.columns().stream().map(TableName::quote).collect(Collectors.joining(", ", " (", ")"))))
			.collect(Collectors.joining(", "));
	}

}
