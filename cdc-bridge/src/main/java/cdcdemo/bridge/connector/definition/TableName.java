package cdcdemo.bridge.connector.definition;

/**
 * A table as the API, the definitions and Debezium name it, {@code schema.table}: split
 * once here instead of by hand wherever a table or column name is read. The definitions
 * and the JSON keep the string form ({@link #toString()}).
 *
 * @param schema the schema
 * @param table the table in it
 */
public record TableName(String schema, String table) {

	/**
	 * Read {@code schema.table}: the schema ends at the first dot, as PostgreSQL reads an
	 * unquoted name.
	 * @param name {@code schema.table}
	 * @return the name
	 * @throws IllegalArgumentException if the name has no dot
	 */
	public static TableName parse(String name) {
		int dot = name.indexOf('.');
		if (dot < 0) {
			throw new IllegalArgumentException("'" + name + "' is not schema.table");
		}
		return new TableName(name.substring(0, dot), name.substring(dot + 1));
	}

	/**
	 * @return {@code "schema"."table"}, safe to put in a statement whatever the names
	 * hold
	 */
	public String quoted() {
		return quote(this.schema) + "." + quote(this.table);
	}

	/**
	 * Quote an identifier for PostgreSQL: in double quotes, with each double quote
	 * doubled.
	 * @param identifier a table, column or publication name
	 * @return the quoted identifier
	 */
	public static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	@Override
	public String toString() {
		return this.schema + "." + this.table;
	}

}
