package cdcdemo.bridge.connector.definition;

import java.util.Optional;

/**
 * A column as the API and the definitions name it, {@code schema.table.column}: the
 * column is what follows the last dot, the table what precedes it.
 *
 * @param table the column's table
 * @param column the column
 */
public record ColumnName(TableName table, String column) {

	/**
	 * Read {@code schema.table.column}.
	 * @param name {@code schema.table.column}
	 * @return the name
	 * @throws IllegalArgumentException if the name is not {@code schema.table.column}
	 */
	public static ColumnName parse(String name) {
		return tryParse(name)
			.orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not schema.table.column"));
	}

	/**
	 * Read {@code schema.table.column}, for input that may be anything.
	 * @param name a name, or {@code null}
	 * @return the name, or empty if it has no table part
	 */
	public static Optional<ColumnName> tryParse(String name) {
		int dot = (name != null) ? name.lastIndexOf('.') : -1;
		if (dot < 0 || name.indexOf('.') == dot) {
			return Optional.empty();
		}
		return Optional.of(new ColumnName(TableName.parse(name.substring(0, dot)), name.substring(dot + 1)));
	}

	/**
	 * @param name {@code schema.table}
	 * @return whether this column is one of that table's
	 */
	public boolean isOf(String name) {
		return this.table.toString().equals(name);
	}

	@Override
	public String toString() {
		return this.table + "." + this.column;
	}

}
