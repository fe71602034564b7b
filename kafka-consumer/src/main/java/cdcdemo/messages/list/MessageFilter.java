package cdcdemo.messages.list;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What a viewer narrowed the list to; the browser applies the same rules to what it
 * already shows (messages.js). Blank criteria match everything.
 *
 * @param op operation codes, comma-separated: {@code c}, {@code u}, {@code d}, {@code r},
 * or {@code tombstone} and {@code raw} for records that are not change events
 * @param table the table, {@code schema.table} or just the table name
 * @param key text the key identity contains (e.g. {@code "id":42})
 * @param text text the value contains, ignoring case
 * @param header text a header contains, ignoring case, where a header reads
 * {@code name=value} (so {@code origin=} finds every record with an {@code origin}
 * header, {@code kafka_dlt-exception} every dead letter)
 */
record MessageFilter(String op, String table, String key, String text, String header) implements Predicate<Message> {

	static final MessageFilter NONE = new MessageFilter(null, null, null, null, null);

	MessageFilter(String op, String table, String key, String text) {
		this(op, table, key, text, null);
	}

	@Override
	public boolean test(Message message) {
		return matchesOp(message) && matchesTable(message) && matchesKey(message) && matchesText(message)
				&& matchesHeader(message);
	}

	boolean isEmpty() {
		return blank(this.op) && blank(this.table) && blank(this.key) && blank(this.text) && blank(this.header);
	}

	private boolean matchesHeader(Message message) {
		if (blank(this.header)) {
			return true;
		}
		String wanted = this.header.trim().toLowerCase(Locale.ROOT);
		return message.headers()
			.stream()
			.anyMatch((header) -> (header.key() + "=" + ((header.value() != null) ? header.value() : ""))
				.toLowerCase(Locale.ROOT)
				.contains(wanted));
	}

	private boolean matchesOp(Message message) {
		if (blank(this.op)) {
			return true;
		}
		Set<String> ops = Arrays.stream(this.op.split(","))
			.map(String::trim)
			.filter((op) -> !op.isEmpty())
			.collect(Collectors.toSet());
		String kind = message.tombstone() ? "tombstone" : (message.malformed() ? "raw" : message.op());
		return ops.contains(kind);
	}

	private boolean matchesTable(Message message) {
		if (blank(this.table)) {
			return true;
		}
		String wanted = this.table.trim();
		return message.table() != null && (message.table().equals(wanted) || message.table().endsWith("." + wanted));
	}

	private boolean matchesKey(Message message) {
		if (blank(this.key)) {
			return true;
		}
		return message.keyId() != null && message.keyId().contains(this.key.trim());
	}

	private boolean matchesText(Message message) {
		if (blank(this.text)) {
			return true;
		}
		String haystack = (message.value() != null) ? message.value() : message.display();
		return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(this.text.toLowerCase(Locale.ROOT));
	}

	private static boolean blank(String criterion) {
		return criterion == null || criterion.isBlank();
	}

}
