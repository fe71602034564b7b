package cdcdemo.bridge.connector.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.springframework.stereotype.Component;

import cdcdemo.bridge.connector.definition.ConnectorDefinition;
import cdcdemo.bridge.connector.definition.TableName;

/**
 * Everything the bridge asks of a source database, over plain JDBC as the connector's own
 * role: is it usable for logical decoding, what do the captured tables look like, how
 * much WAL does a slot hold back, and the publication and slot housekeeping.
 */
@Component
public class SourceDatabaseInspector {

	/**
	 * One captured table as the database describes it.
	 *
	 * @param name {@code schema.table}
	 * @param exists whether it exists
	 * @param primaryKey its primary-key columns
	 * @param columns all its columns
	 * @param replicaIdentity {@code default}, {@code full}, {@code index} or
	 * {@code nothing}
	 */
	public record TableShape(String name, boolean exists, List<String> primaryKey, List<String> columns,
			String replicaIdentity) {
	}

	/**
	 * What validation found.
	 *
	 * @param serverVersion {@code server_version_num}
	 * @param walLevel {@code wal_level}
	 * @param canReplicate whether the role has REPLICATION (or is superuser)
	 * @param tables the tables asked for
	 */
	public record SourceShape(int serverVersion, String walLevel, boolean canReplicate,
			Map<String, TableShape> tables) {

		/** PostgreSQL 15 added column lists to publications. */
		public boolean supportsColumnLists() {
			return this.serverVersion >= 150000;
		}

	}

	Connection connect(ConnectorDefinition.SourceDatabase source) throws SQLException {
		Properties login = new Properties();
		login.setProperty("user", source.user());
		login.setProperty("password", source.password());
		login.setProperty("connectTimeout", "5");
		login.setProperty("ApplicationName", "cdc-bridge");
		return DriverManager.getConnection(source.jdbcUrl(), login);
	}

	public SourceShape inspect(ConnectorDefinition.SourceDatabase source, List<String> tables) throws SQLException {
		try (Connection connection = connect(source)) {
			int version = Integer.parseInt(single(connection, "show server_version_num"));
			String walLevel = single(connection, "show wal_level");
			boolean canReplicate = Boolean.parseBoolean(single(connection,
					"select (rolreplication or rolsuper)::text from pg_roles where rolname = current_user"));
			Map<String, TableShape> shapes = new LinkedHashMap<>();
			for (String table : tables) {
				shapes.put(table, table(connection, table));
			}
			return new SourceShape(version, walLevel, canReplicate, shapes);
		}
	}

	private TableShape table(Connection connection, String table) throws SQLException {
		TableName name = TableName.parse(table);
		try (var statement = connection.prepareStatement("""
				select c.oid, c.relreplident from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = ? and c.relname = ? and c.relkind in ('r', 'p')""")) {
			statement.setString(1, name.schema());
			statement.setString(2, name.table());
			try (var rows = statement.executeQuery()) {
				if (!rows.next()) {
					return new TableShape(table, false, List.of(), List.of(), null);
				}
				long oid = rows.getLong(1);
				String identity = switch (rows.getString(2)) {
					case "f" -> "full";
					case "i" -> "index";
					case "n" -> "nothing";
					default -> "default";
				};
				return new TableShape(table, true, names(connection, """
						select a.attname from pg_index i join pg_attribute a
						  on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
						where i.indrelid = ? and i.indisprimary order by a.attnum""", oid), names(connection, """
						select attname from pg_attribute where attrelid = ? and attnum > 0 and not attisdropped
						order by attnum""", oid), identity);
			}
		}
	}

	private List<String> names(Connection connection, String sql, long oid) throws SQLException {
		try (var statement = connection.prepareStatement(sql)) {
			statement.setLong(1, oid);
			try (var rows = statement.executeQuery()) {
				List<String> names = new ArrayList<>();
				while (rows.next()) {
					names.add(rows.getString(1));
				}
				return names;
			}
		}
	}

	/**
	 * Every table the role may read, for a person choosing what to capture: its columns,
	 * primary key (none means the validator refuses it) and replica identity. Partitions
	 * are left out, as a connector captures their parent.
	 * @param source the database, and who to ask as
	 * @return the tables, by schema and name
	 * @throws SQLException if the database cannot be asked
	 */
	public List<TableShape> tables(ConnectorDefinition.SourceDatabase source) throws SQLException {
		try (Connection connection = connect(source); var statement = connection.prepareStatement("""
				select n.nspname || '.' || c.relname, c.relreplident,
				  array(select a.attname from pg_attribute a
				        where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum),
				  array(select a.attname from pg_index i join pg_attribute a
				          on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
				        where i.indrelid = c.oid and i.indisprimary order by a.attnum)
				from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where c.relkind in ('r', 'p') and not c.relispartition
				  and n.nspname not in ('pg_catalog', 'information_schema')
				  and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'
				  and has_table_privilege(c.oid, 'select')
				order by n.nspname, c.relname""")) {
			try (var rows = statement.executeQuery()) {
				List<TableShape> tables = new ArrayList<>();
				while (rows.next()) {
					String identity = switch (rows.getString(2)) {
						case "f" -> "full";
						case "i" -> "index";
						case "n" -> "nothing";
						default -> "default";
					};
					tables.add(new TableShape(rows.getString(1), true, List.of((String[]) rows.getArray(4).getArray()),
							List.of((String[]) rows.getArray(3).getArray()), identity));
				}
				return tables;
			}
		}
	}

	public boolean publicationExists(ConnectorDefinition.SourceDatabase source, String publication)
			throws SQLException {
		try (Connection connection = connect(source);
				var statement = connection.prepareStatement("select count(*) from pg_publication where pubname = ?")) {
			statement.setString(1, publication);
			try (var rows = statement.executeQuery()) {
				rows.next();
				return rows.getInt(1) > 0;
			}
		}
	}

	/**
	 * The columns a publication sends for each captured table
	 * ({@code pg_publication_tables.attnames}).
	 * @param source the database
	 * @param publication the publication
	 * @return table to published columns; a table missing from the map is not published
	 * @throws SQLException if the database cannot be asked
	 */
	public Map<String, List<String>> publishedColumns(ConnectorDefinition.SourceDatabase source, String publication)
			throws SQLException {
		try (Connection connection = connect(source);
				var statement = connection.prepareStatement(
						"select schemaname || '.' || tablename, attnames from pg_publication_tables where pubname = ?")) {
			statement.setString(1, publication);
			try (var rows = statement.executeQuery()) {
				Map<String, List<String>> columns = new LinkedHashMap<>();
				while (rows.next()) {
					columns.put(rows.getString(1), List.of((String[]) rows.getArray(2).getArray()));
				}
				return columns;
			}
		}
	}

	public void execute(ConnectorDefinition.SourceDatabase source, String sql) throws SQLException {
		try (Connection connection = connect(source); var statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/**
	 * WAL the connector's slot holds back, in bytes; {@code null} when the slot does not
	 * exist yet.
	 * @param source the database
	 * @param slot the slot
	 * @return retained bytes
	 * @throws SQLException if the database cannot be asked
	 */
	public Long retainedWalBytes(ConnectorDefinition.SourceDatabase source, String slot) throws SQLException {
		try (Connection connection = connect(source);
				var statement = connection.prepareStatement(
						"select pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint from pg_replication_slots where slot_name = ?")) {
			statement.setString(1, slot);
			try (var rows = statement.executeQuery()) {
				return rows.next() ? rows.getLong(1) : null;
			}
		}
	}

	/**
	 * The query a blocking snapshot runs to read again only some rows of a table:
	 * {@code SELECT} the table's columns but the excluded ones {@code FROM} it
	 * {@code WHERE} the condition (for a blocking snapshot Debezium takes a whole
	 * statement as its {@code additional-conditions} filter, not a condition). PostgreSQL
	 * checks it first: its planner parses it and resolves its columns and functions
	 * ({@code EXPLAIN}, which runs nothing), in a read-only transaction, as the
	 * connector's role. A condition that is not one expression (a second statement, say)
	 * is refused by the driver's extended protocol.
	 * @param source the database
	 * @param table {@code schema.table}
	 * @param excluded the table's excluded columns, which the query does not read
	 * @param condition the condition, as SQL
	 * @return the query
	 * @throws SQLException with PostgreSQL's message if it refuses the condition
	 */
	public String partialSnapshotQuery(ConnectorDefinition.SourceDatabase source, String table, List<String> excluded,
			String condition) throws SQLException {
		try (Connection connection = connect(source)) {
			List<String> columns = table(connection, table).columns()
				.stream()
				.filter((column) -> !excluded.contains(column))
				.map(TableName::quote)
				.toList();
			String query = "SELECT " + String.join(", ", columns) + " FROM " + TableName.parse(table).quoted()
					+ " WHERE " + condition;
			connection.setReadOnly(true);
			connection.setAutoCommit(false);
			try (var statement = connection.prepareStatement("EXPLAIN " + query)) {
				statement.setQueryTimeout(10);
				statement.executeQuery().close();
			}
			finally {
				connection.rollback();
			}
			return query;
		}
	}

	/**
	 * How many rows a table holds: the planner's estimate, or an exact count for a table
	 * never analyzed.
	 * @param source the database
	 * @param table {@code schema.table}
	 * @return the number of rows
	 * @throws SQLException if the database cannot be asked
	 */
	public long rowCount(ConnectorDefinition.SourceDatabase source, String table) throws SQLException {
		try (Connection connection = connect(source)) {
			try (var statement = connection
				.prepareStatement("select reltuples::bigint from pg_class where oid = ?::regclass")) {
				statement.setString(1, TableName.parse(table).quoted());
				try (var rows = statement.executeQuery()) {
					if (rows.next() && rows.getLong(1) >= 0) {
						return rows.getLong(1);
					}
				}
			}
			return Long.parseLong(single(connection, "select count(*) from " + TableName.parse(table).quoted()));
		}
	}

	/**
	 * Whether a slot can still give what it promised: {@code missing} (dropped, or never
	 * created), {@code lost} (invalidated: PostgreSQL removed WAL it held, past
	 * {@code max_slot_wal_keep_size}), or its {@code wal_status}.
	 * @param source the database
	 * @param slot the slot
	 * @return the state
	 * @throws SQLException if the database cannot be asked
	 */
	public String slotState(ConnectorDefinition.SourceDatabase source, String slot) throws SQLException {
		try (Connection connection = connect(source);
				var statement = connection.prepareStatement(
						"select coalesce(wal_status, 'unknown') from pg_replication_slots where slot_name = ?")) {
			statement.setString(1, slot);
			try (var rows = statement.executeQuery()) {
				return rows.next() ? rows.getString(1) : "missing";
			}
		}
	}

	public boolean dropSlot(ConnectorDefinition.SourceDatabase source, String slot) throws SQLException {
		try (Connection connection = connect(source);
				var statement = connection.prepareStatement(
						"select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = ? and not active")) {
			statement.setString(1, slot);
			try (var rows = statement.executeQuery()) {
				return rows.next();
			}
		}
	}

	private static String single(Connection connection, String sql) throws SQLException {
		try (var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}

}
