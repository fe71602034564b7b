package cdcdemo.messages.list;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import cdcdemo.events.ChangeEvent;
import cdcdemo.events.Operation;

/**
 * What an event does not hold because PostgreSQL did not send it: the old row of an
 * update and the non-key columns of a delete under the default replica identity, and the
 * value of a TOASTed column that an update did not change. Debezium writes placeholders
 * for them; the page says what is missing instead of showing the placeholders as if they
 * were data.
 */
final class MissingValues {

	static final String UPDATE_WITHOUT_BEFORE = "No before image: the table has PostgreSQL's default replica identity,"
			+ " so the write-ahead log holds only the new row of an update."
			+ " ALTER TABLE ... REPLICA IDENTITY FULL would add the old values.";

	static final String DELETE_WITH_KEY_ONLY = "Only the primary key: with PostgreSQL's default replica identity the"
			+ " write-ahead log keeps just the key of a deleted row, so the other columns are not in the event"
			+ " (Debezium writes them as null, or as empty values for NOT NULL columns)."
			+ " ALTER TABLE ... REPLICA IDENTITY FULL would add them.";

	/**
	 * What Debezium writes for a TOASTed column that an update did not change:
	 * PostgreSQL's pgoutput does not send such a value, so Debezium cannot know it.
	 */
	static final String UNAVAILABLE = "__debezium_unavailable_value";

	static final String NOT_SENT = "unchanged, not sent by PostgreSQL";

	/**
	 * The placeholder of a {@code bytea} column: the bytes of {@link #UNAVAILABLE},
	 * base64 as Debezium encodes bytes.
	 */
	private static final String UNAVAILABLE_BYTES = Base64.getEncoder()
		.encodeToString(UNAVAILABLE.getBytes(StandardCharsets.UTF_8));

	private static final Pattern EPOCH = Pattern.compile("1970-01-01(T00:00(:00(\\.0+)?)?(Z|[+-]00:?00)?)?");

	private MissingValues() {
	}

	/**
	 * The note on a before image that is missing or holds only the key, {@code null} if
	 * it is whole.
	 */
	static String beforeNote(ChangeEvent<JsonNode> change, RecordKey key) {
		if (change.operation() == Operation.UPDATE && objectOrNull(change.before()) == null) {
			return UPDATE_WITHOUT_BEFORE;
		}
		JsonNode before = objectOrNull(change.before());
		if (change.operation() == Operation.DELETE && before != null && keyOnly(before, key)) {
			return DELETE_WITH_KEY_ONLY;
		}
		return null;
	}

	/**
	 * Whether a before image holds the key and nothing else. PostgreSQL logs only the key
	 * of a deleted row under the default replica identity; Debezium still writes every
	 * column, as null, or for NOT NULL columns as the type's empty value ({@code ""},
	 * {@code 0}, {@code false}, the epoch). A real row whose other columns are all empty
	 * looks the same; the note then says more than it should, which is harmless.
	 */
	static boolean keyOnly(JsonNode before, RecordKey key) {
		if (key.fields().isEmpty()) {
			return false;
		}
		for (String name : key.fields()) {
			if (before.path(name).isNull() || before.path(name).isMissingNode()) {
				return false;
			}
		}
		for (String name : before.propertyNames()) {
			if (!key.fields().contains(name) && !placeholder(before.get(name))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether a value is Debezium's placeholder for an unchanged TOASTed column: the
	 * string, its bytes (base64) for {@code bytea}, or an array holding it for an array
	 * column.
	 */
	static boolean notSent(JsonNode value) {
		if (value == null) {
			return false;
		}
		if (value.isString()) {
			return value.asString().equals(UNAVAILABLE) || value.asString().equals(UNAVAILABLE_BYTES);
		}
		return value.isArray() && value.size() == 1 && value.get(0).isString()
				&& value.get(0).asString().equals(UNAVAILABLE);
	}

	private static boolean placeholder(JsonNode value) {
		if (value.isNull()) {
			return true;
		}
		if (value.isString()) {
			return value.asString().isEmpty() || EPOCH.matcher(value.asString()).matches();
		}
		if (value.isNumber()) {
			return value.asDouble() == 0;
		}
		return value.isBoolean() && !value.asBoolean();
	}

	static JsonNode objectOrNull(JsonNode row) {
		return (row != null && row.isObject()) ? row : null;
	}

}
