package cdcdemo.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Columns padded to their widest cell, the way {@code heroku kafka:topics} prints them.
 * Columns whose header is listed as numeric are right-aligned.
 */
public final class TextTable {

	private final List<String> headers;

	private final boolean[] numeric;

	private final List<List<String>> rows = new ArrayList<>();

	/**
	 * A table.
	 * @param headers the column headers; one ending in {@code "#"} is numeric (the
	 * {@code "#"} is not shown)
	 */
	public TextTable(String... headers) {
		this.headers = new ArrayList<>();
		this.numeric = new boolean[headers.length];
		for (int i = 0; i < headers.length; i++) {
			this.numeric[i] = headers[i].endsWith("#");
			this.headers.add(this.numeric[i] ? headers[i].substring(0, headers[i].length() - 1) : headers[i]);
		}
	}

	public TextTable row(Object... cells) {
		if (cells.length != this.headers.size()) {
			throw new IllegalArgumentException(cells.length + " cells for " + this.headers.size() + " columns");
		}
		List<String> row = new ArrayList<>();
		for (Object cell : cells) {
			row.add((cell != null) ? cell.toString() : "");
		}
		this.rows.add(row);
		return this;
	}

	public void print(PrintWriter out) {
		int[] widths = new int[this.headers.size()];
		for (List<String> row : allRows()) {
			for (int i = 0; i < row.size(); i++) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		for (List<String> row : allRows()) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < row.size(); i++) {
				String cell = row.get(i);
				String padding = " ".repeat(widths[i] - cell.length());
				line.append(this.numeric[i] ? padding + cell : cell + padding);
				line.append((i < row.size() - 1) ? "  " : "");
			}
			out.println(line.toString().stripTrailing());
		}
		out.flush();
	}

	private List<List<String>> allRows() {
		List<List<String>> all = new ArrayList<>();
		all.add(this.headers);
		all.addAll(this.rows);
		return all;
	}

}
