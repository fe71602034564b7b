package cdcdemo.bridge.connector.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import cdcdemo.bridge.connector.postgres.SourceDatabaseInspector.TableShape;

/**
 * A row of a form's table list: a table of the live schema, or one the form was sent that
 * the schema did not list (gone since, or the database could not be asked), so that what
 * the user ticked is still shown with its message.
 *
 * @param name {@code schema.table}
 * @param listed whether the live schema listed it
 * @param primaryKey its primary-key columns; none means it cannot be captured
 * @param columns its columns
 * @param replicaIdentity its REPLICA IDENTITY, {@code null} when not listed
 */
record SourceTable(String name, boolean listed, List<String> primaryKey, List<String> columns, String replicaIdentity) {

	/**
	 * Names that usually hold what must not leave the database. Only a hint: the form
	 * ticks nothing itself, the user decides.
	 */
	private static final Pattern SECRET_LIKE = Pattern.compile("(?i).*(password|passwd|secret|token|hash|salt).*");

	public boolean looksSecret(String column) {
		return SECRET_LIKE.matcher(column).matches();
	}

	public String column(String column) {
		return this.name + "." + column;
	}

	/**
	 * @param live the tables the source's schema lists
	 * @param ticked the tables the form was sent
	 * @param tickedColumns the excluded columns it was sent
	 * @return the live tables, then any ticked one they lack, with the ticked columns of
	 * those
	 */
	static List<SourceTable> rows(List<TableShape> live, List<String> ticked, List<String> tickedColumns) {
		List<SourceTable> rows = new ArrayList<>();
		Set<String> names = new LinkedHashSet<>();
		for (TableShape shape : live) {
			rows.add(new SourceTable(shape.name(), true, shape.primaryKey(), shape.columns(), shape.replicaIdentity()));
			names.add(shape.name());
		}
		Set<String> missing = new LinkedHashSet<>(ticked);
		tickedColumns.forEach((column) -> {
			int dot = column.lastIndexOf('.');
			if (dot > 0) {
				missing.add(column.substring(0, dot));
			}
		});
		missing.removeAll(names);
		for (String table : missing) {
			List<String> columns = tickedColumns.stream()
				.filter((column) -> column.startsWith(table + ".") && column.indexOf('.', table.length() + 1) < 0)
				.map((column) -> column.substring(table.length() + 1))
				.toList();
			rows.add(new SourceTable(table, false, List.of(), columns, null));
		}
		return rows;
	}

	static Set<String> tableNames(List<SourceTable> rows) {
		Set<String> names = new LinkedHashSet<>();
		rows.forEach((row) -> names.add(row.name()));
		return names;
	}

	static Set<String> columnNames(List<SourceTable> rows) {
		Set<String> names = new LinkedHashSet<>();
		rows.forEach((row) -> row.columns().forEach((column) -> names.add(row.column(column))));
		return names;
	}

}
