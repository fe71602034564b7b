package cdcdemo.bridge.connector.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import cdcdemo.bridge.connector.ConnectorValidationException.FieldProblem;

/**
 * Debezium settings as a person types them in a text area: one {@code key=value} a line,
 * blank lines and {@code #} comments ignored. A line without {@code =} is a problem of
 * the {@code settings} field rather than a setting silently dropped.
 *
 * @param settings the settings read
 * @param problems the lines that are not settings
 */
record SettingsLines(Map<String, String> settings, List<FieldProblem> problems) {

	static SettingsLines parse(String text) {
		Map<String, String> settings = new LinkedHashMap<>();
		List<FieldProblem> problems = new ArrayList<>();
		String[] lines = (text != null) ? text.split("\\R") : new String[0];
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			int equals = line.indexOf('=');
			if (equals <= 0) {
				problems.add(new FieldProblem("settings", "line " + (i + 1) + " is not key=value: " + line));
			}
			else {
				settings.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
			}
		}
		return new SettingsLines(settings, problems);
	}

	static String format(Map<String, String> settings) {
		StringBuilder text = new StringBuilder();
		new TreeMap<>(settings).forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
		return text.toString();
	}

	/**
	 * @param text what the field holds
	 * @param problems where to add a problem
	 * @return the number, or {@code null} for an empty field or one that is not a number
	 */
	static Integer maxEventBytes(String text, List<FieldProblem> problems) {
		return wholeNumber(text, "maxEventBytes", "bytes", problems);
	}

	/**
	 * @param text what the field holds
	 * @param problems where to add a problem
	 * @return the number, or {@code null} for an empty field or one that is not a number
	 */
	static Integer partitions(String text, List<FieldProblem> problems) {
		return wholeNumber(text, "partitions", "partitions", problems);
	}

	private static Integer wholeNumber(String text, String field, String unit, List<FieldProblem> problems) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(text.strip());
		}
		catch (NumberFormatException ex) {
			problems.add(new FieldProblem(field, "'" + text.strip() + "' is not a whole number of " + unit));
			return null;
		}
	}

}
