package cdcdemo.bridge.connector.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cdcdemo.bridge.connector.ConnectorValidationException.FieldProblem;

/**
 * The validator's problems placed where a form shows them: each under the field at fault.
 * The validator names list entries by index ({@code tables[1]},
 * {@code excludedColumns[0]}) into the request it checked, so the same lists resolve them
 * to a table's row or a column's checkbox; a problem with a field the form does not show
 * (the Kafka store, say) goes to the list at the top, so that none is lost.
 */
final class FormErrors {

	private static final Pattern INDEXED = Pattern.compile("(tables|excludedColumns)\\[(\\d+)]");

	private final Map<String, List<String>> byField = new LinkedHashMap<>();

	private final List<String> general = new ArrayList<>();

	private FormErrors() {
	}

	static FormErrors none() {
		return new FormErrors();
	}

	/**
	 * @param problems what the validator (or the form) found
	 * @param tables the request's tables, which {@code tables[i]} indexes
	 * @param excludedColumns the request's excluded columns, which
	 * {@code excludedColumns[i]} indexes
	 * @param fields the validator's field names the form shows, each with the form field
	 * it shows it under
	 * @return the problems placed
	 */
	static FormErrors of(List<FieldProblem> problems, List<String> tables, List<String> excludedColumns,
			Map<String, String> fields) {
		FormErrors errors = new FormErrors();
		for (FieldProblem problem : problems) {
			Matcher indexed = INDEXED.matcher(problem.field());
			if (indexed.matches()) {
				boolean table = indexed.group(1).equals("tables");
				List<String> entries = table ? tables : excludedColumns;
				int index = Integer.parseInt(indexed.group(2));
				if (index < entries.size()) {
					errors.add((table ? "table:" : "column:") + entries.get(index), problem.message());
					continue;
				}
			}
			else if (fields.containsKey(problem.field())) {
				errors.add(fields.get(problem.field()), problem.message());
				continue;
			}
			errors.general.add(problem.field() + ": " + problem.message());
		}
		return errors;
	}

	private void add(String key, String message) {
		this.byField.computeIfAbsent(key, (k) -> new ArrayList<>()).add(message);
	}

	/**
	 * Moves the problems of tables and columns the form does not show to the list at the
	 * top.
	 * @param shownTables the tables the form has a row for
	 * @param shownColumns the columns it has a checkbox for
	 * @return this
	 */
	FormErrors shownIn(Set<String> shownTables, Set<String> shownColumns) {
		this.byField.entrySet().removeIf((entry) -> {
			String key = entry.getKey();
			boolean hidden = (key.startsWith("table:") && !shownTables.contains(key.substring(6)))
					|| (key.startsWith("column:") && !shownColumns.contains(key.substring(7)));
			if (hidden) {
				entry.getValue()
					.forEach((message) -> this.general.add(key.substring(key.indexOf(':') + 1) + ": " + message));
			}
			return hidden;
		});
		return this;
	}

	public List<String> field(String name) {
		return this.byField.getOrDefault(name, List.of());
	}

	public List<String> table(String table) {
		return field("table:" + table);
	}

	public List<String> column(String column) {
		return field("column:" + column);
	}

	public List<String> general() {
		return this.general;
	}

	public boolean isEmpty() {
		return this.byField.isEmpty() && this.general.isEmpty();
	}

}
