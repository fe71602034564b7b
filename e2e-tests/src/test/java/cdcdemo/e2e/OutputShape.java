package cdcdemo.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether what a command printed has the shape of the output a README shows under it.
 * Values change from run to run (ids, offsets, counts, timestamps, lags), so only the
 * shape is compared, never a value:
 * <ul>
 * <li>JSON (one value, or a stream of objects or arrays as {@code jq '.[]'} prints): at
 * every level the same type (object, array, string, number, boolean, null) and, for an
 * object, the same field names. A list of plain values (column names, topics) is the list
 * the command prints, so its length counts and its elements are compared one by one; a
 * list of objects or lists grows with the data (domains, messages), so it needs one
 * element at least, each compared with the README's element at its index, those past the
 * README's last with its first (the README's own elements must then share one
 * shape).</li>
 * <li>A table (every line two columns or more, split at tabs or runs of two spaces, as
 * {@code jq -r @tsv} prints and a README aligns it): every line the README's column
 * count, every column of the kind the README shows (a number, text, or empty; a {@code -}
 * is no value yet, and matches any), one row at least, and the README's header line, if
 * its first line is one (text where the rows below have a number), printed as the first
 * line.</li>
 * <li>Anything else is prose: not compared. Output shown as JSON that does not parse is a
 * difference of its own, so a README cannot fall back to prose by a typo.</li>
 * </ul>
 */
final class OutputShape {

	/** Reads a stream of values one after the other (jq prints one value per result). */
	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final Pattern COLUMN_SEPARATOR = Pattern.compile("\\t| {2,}");

	/**
	 * A {@code -} cell: a value that is not there yet (a lag before the first streamed
	 * event, say), which a table aligned by spaces cannot show as empty. It stands for
	 * any kind: whether the value is there depends on the moment, not on the shape.
	 */
	private static final String NO_VALUE = "no value";

	private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

	private OutputShape() {
	}

	/**
	 * Compare a printed output with the one shown.
	 * @param shown what the README shows
	 * @param printed what the command printed
	 * @return the differences, each with where it is; none if the shapes agree
	 */
	static List<String> differences(String shown, String printed) {
		List<String> differences = new ArrayList<>();
		List<JsonNode> expected = jsonValues(shown);
		if (expected != null) {
			List<JsonNode> actual = jsonValues(printed);
			if (actual == null) {
				differences.add("the README shows JSON, the command printed something else");
			}
			else if (expected.size() == 1 && actual.size() != 1) {
				differences.add("the README shows one JSON value, got " + actual.size());
			}
			else if (expected.size() == 1) {
				compareJson("$", expected.get(0), actual.get(0), differences);
			}
			else {
				compareJson("$", JSON.valueToTree(expected), JSON.valueToTree(actual), differences);
			}
			return differences;
		}
		String start = shown.strip();
		if (start.startsWith("{") || start.startsWith("[")) {
			differences.add("the README's output looks like JSON but does not parse: " + start);
			return differences;
		}
		List<List<String>> table = table(shown);
		if (table != null) {
			compareTables(table, rows(printed), differences);
		}
		return differences;
	}

	private static void compareJson(String path, JsonNode expected, JsonNode actual, List<String> differences) {
		if (!type(expected).equals(type(actual))) {
			differences.add(path + ": the README shows " + type(expected) + ", got " + type(actual));
			return;
		}
		if (expected.isObject()) {
			Set<String> shownNames = new TreeSet<>(expected.propertyNames());
			Set<String> gotNames = new TreeSet<>(actual.propertyNames());
			if (!shownNames.equals(gotNames)) {
				differences.add(path + ": the README shows the fields " + shownNames + ", got " + gotNames);
			}
			for (String name : shownNames) {
				if (actual.has(name)) {
					compareJson(path + "." + name, expected.get(name), actual.get(name), differences);
				}
			}
		}
		else if (expected.isArray() && !expected.isEmpty()) {
			if (isListOfValues(expected)) {
				if (expected.size() != actual.size()) {
					differences
						.add(path + ": the README shows " + expected.size() + " element(s), got " + actual.size());
				}
			}
			else {
				if (actual.isEmpty()) {
					differences.add(path + ": the README shows " + expected.size() + " element(s), got none");
				}
				for (int i = 1; i < expected.size(); i++) {
					compareJson(path + "[" + i + "] of the README", expected.get(0), expected.get(i), differences);
				}
			}
			for (int i = 0; i < actual.size(); i++) {
				JsonNode shownElement = (i < expected.size()) ? expected.get(i) : expected.get(0);
				compareJson(path + "[" + i + "]", shownElement, actual.get(i), differences);
			}
		}
	}

	private static boolean isListOfValues(JsonNode array) {
		for (JsonNode element : array) {
			if (element.isContainer()) {
				return false;
			}
		}
		return true;
	}

	private static String type(JsonNode node) {
		if (node.isObject()) {
			return "an object";
		}
		if (node.isArray()) {
			return "an array";
		}
		if (node.isString()) {
			return "a string";
		}
		if (node.isNumber()) {
			return "a number";
		}
		if (node.isBoolean()) {
			return "a boolean";
		}
		return node.isNull() ? "null" : node.getNodeType().toString();
	}

	/**
	 * The JSON values of a text: one value, or several objects or arrays one after the
	 * other; {@code null} if it is not JSON (plain values in a row, such as {@code 1  3},
	 * are a table's row, not a stream).
	 */
	private static List<JsonNode> jsonValues(String text) {
		if (text.isBlank()) {
			return null;
		}
		List<JsonNode> values = new ArrayList<>();
		try (JsonParser parser = JSON.createParser(text)) {
			while (parser.nextToken() != null) {
				values.add(JSON.readTree(parser));
			}
			if (values.isEmpty() || (values.size() > 1 && !values.stream().allMatch(JsonNode::isContainer))) {
				return null;
			}
			return values;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/** The rows of a text shown as a table, or {@code null} if it is not one. */
	private static List<List<String>> table(String text) {
		List<List<String>> rows = rows(text);
		if (rows.isEmpty() || rows.stream().anyMatch((row) -> row.size() < 2)) {
			return null;
		}
		return rows;
	}

	private static List<List<String>> rows(String text) {
		return text.lines()
			.filter((line) -> !line.isBlank())
			.map((line) -> Arrays.stream(COLUMN_SEPARATOR.split(line.strip(), -1)).map(String::strip).toList())
			.toList();
	}

	private static void compareTables(List<List<String>> shown, List<List<String>> printed, List<String> differences) {
		int columns = shown.get(0).size();
		for (int i = 1; i < shown.size(); i++) {
			if (shown.get(i).size() != columns) {
				differences.add("the README's table has " + columns + " columns in its first line, "
						+ shown.get(i).size() + " in line " + (i + 1));
			}
		}
		List<List<String>> shownRows = shown;
		List<List<String>> printedRows = printed;
		if (hasHeader(shown)) {
			List<String> header = shown.get(0);
			if (printed.isEmpty() || !printed.get(0).equals(header)) {
				differences.add("the README's table has the header " + header + ", got "
						+ (printed.isEmpty() ? "nothing" : printed.get(0)));
			}
			shownRows = shown.subList(1, shown.size());
			printedRows = printed.isEmpty() ? printed : printed.subList(1, printed.size());
		}
		if (printedRows.isEmpty()) {
			differences.add("the README's table has " + shownRows.size() + " row(s), got none");
		}
		List<String> kinds = shownRows.get(0).stream().map(OutputShape::kind).toList();
		for (int i = 0; i < printedRows.size(); i++) {
			List<String> row = printedRows.get(i);
			if (row.size() != columns) {
				differences.add("row " + (i + 1) + " " + row + ": the README's table has " + columns + " columns, got "
						+ row.size());
				continue;
			}
			for (int c = 0; c < columns; c++) {
				String kind = kind(row.get(c));
				if (!kind.equals(kinds.get(c)) && !NO_VALUE.equals(kind) && !NO_VALUE.equals(kinds.get(c))) {
					differences.add("row " + (i + 1) + " " + row + ", column " + (c + 1) + ": the README shows "
							+ kinds.get(c) + ", got " + kind);
				}
			}
		}
	}

	/** A first line of text only, over a line with a number in the same column. */
	private static boolean hasHeader(List<List<String>> rows) {
		if (rows.size() < 2 || rows.get(0).size() != rows.get(1).size()) {
			return false;
		}
		List<String> first = rows.get(0);
		List<String> second = rows.get(1);
		boolean allText = first.stream().allMatch((cell) -> kind(cell).equals("text"));
		boolean numberBelow = second.stream().anyMatch((cell) -> kind(cell).equals("a number"));
		return allText && numberBelow;
	}

	private static String kind(String cell) {
		if (cell.isEmpty()) {
			return "empty";
		}
		if (cell.equals("-")) {
			return NO_VALUE;
		}
		return NUMBER.matcher(cell).matches() ? "a number" : "text";
	}

}
