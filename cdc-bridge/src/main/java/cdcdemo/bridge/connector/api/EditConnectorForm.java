package cdcdemo.bridge.connector.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import cdcdemo.bridge.connector.ConnectorInfo;
import cdcdemo.bridge.connector.ConnectorUpdate;
import cdcdemo.bridge.connector.ConnectorValidationException.FieldProblem;

/**
 * What the edit form sends: the whole wanted state (ticked tables and columns, the
 * settings text, the size), from which the {@link ConnectorUpdate} is the difference to
 * the connector as it is, so that a form resent unchanged changes nothing.
 *
 * @param tables the ticked tables
 * @param excludedColumns the ticked columns
 * @param settings Debezium settings, one {@code key=value} a line
 * @param maxEventBytes the largest event
 * @param partitions the partitions of the change topics created from now on; empty for
 * the broker's default
 */
record EditConnectorForm(List<String> tables, List<String> excludedColumns, String settings, String maxEventBytes,
		String partitions) {

	/** The fields this form shows; the others' problems go to the list at the top. */
	private static final Map<String, String> FIELDS = Map.of("tables", "tables", "settings", "settings",
			"maxEventBytes", "maxEventBytes", "partitions", "partitions");

	EditConnectorForm {
		tables = (tables != null) ? List.copyOf(tables) : List.of();
		excludedColumns = (excludedColumns != null) ? List.copyOf(excludedColumns) : List.of();
	}

	static EditConnectorForm of(ConnectorInfo info) {
		return new EditConnectorForm(info.tables().stream().map(ConnectorInfo.TableInfo::table).toList(),
				info.excludedColumns(), SettingsLines.format(info.settings()),
				String.valueOf(info.delivery().maxEventBytes()),
				(info.delivery().partitions() != null) ? String.valueOf(info.delivery().partitions()) : "");
	}

	/**
	 * @param current the connector as it is
	 * @param problems where to add what the form itself finds
	 * @return the change, or {@code null} when the form asks for none
	 */
	ConnectorUpdate toUpdate(ConnectorInfo current, List<FieldProblem> problems) {
		List<String> currentTables = currentTables(current);
		SettingsLines lines = SettingsLines.parse(this.settings);
		problems.addAll(lines.problems());
		Integer bytes = SettingsLines.maxEventBytes(this.maxEventBytes, problems);
		Integer partitions = SettingsLines.partitions(this.partitions, problems);
		Map<String, String> settings = new HashMap<>();
		current.settings()
			.keySet()
			.stream()
			.filter((key) -> !lines.settings().containsKey(key))
			.forEach((key) -> settings.put(key, null));
		lines.settings().forEach((key, value) -> {
			if (!value.equals(current.settings().get(key))) {
				settings.put(key, value);
			}
		});
		ConnectorUpdate update = new ConnectorUpdate(settings.isEmpty() ? null : settings,
				minus(this.tables, currentTables), minus(currentTables, this.tables),
				minus(this.excludedColumns, current.excludedColumns()),
				minus(current.excludedColumns(), this.excludedColumns), null,
				Objects.equals(bytes, current.delivery().maxEventBytes()) ? null : bytes,
				Objects.equals(partitions, current.delivery().partitions()) ? null : partitions);
		boolean none = update.settings() == null && update.addTables().isEmpty() && update.removeTables().isEmpty()
				&& update.addExcludedColumns().isEmpty() && update.removeExcludedColumns().isEmpty()
				&& update.maxEventBytes() == null && update.partitions() == null;
		return none ? null : update;
	}

	/**
	 * Places the validator's problems. It names list entries by their index in the
	 * updated definition, so the lists are built as the registry's
	 * {@code UpdatedDefinition} builds them: the current tables less the removed ones,
	 * then the added ones; the current excluded columns less the removed ones and those
	 * of tables no longer captured, then the added ones.
	 * @param problems what was found
	 * @param current the connector as it is
	 * @return the problems placed
	 */
	FormErrors errors(List<FieldProblem> problems, ConnectorInfo current) {
		List<String> currentTables = currentTables(current);
		List<String> tables = new ArrayList<>(currentTables);
		tables.retainAll(this.tables);
		minus(this.tables, currentTables).forEach(tables::add);
		List<String> excluded = new ArrayList<>(current.excludedColumns());
		excluded.retainAll(this.excludedColumns);
		excluded.removeIf((column) -> tables.stream().noneMatch((table) -> column.startsWith(table + ".")));
		minus(minus(this.excludedColumns, current.excludedColumns()), excluded).forEach(excluded::add);
		return FormErrors.of(problems, tables, excluded, FIELDS);
	}

	private static List<String> currentTables(ConnectorInfo current) {
		return current.tables().stream().map(ConnectorInfo.TableInfo::table).toList();
	}

	private static List<String> minus(List<String> these, List<String> those) {
		return these.stream().filter((entry) -> !those.contains(entry)).distinct().toList();
	}

}
