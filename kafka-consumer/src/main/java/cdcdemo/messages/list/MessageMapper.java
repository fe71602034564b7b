package cdcdemo.messages.list;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import cdcdemo.events.ChangeEvent;
import cdcdemo.events.ChangeEventReader;
import cdcdemo.events.MalformedChangeEventException;
import cdcdemo.events.Operation;
import cdcdemo.events.Source;
import cdcdemo.messages.list.Message.Column;
import cdcdemo.messages.list.Message.Header;
import cdcdemo.messages.list.Message.Position;

import org.springframework.stereotype.Component;

/**
 * Turns a record into a {@link Message}. The rows stay {@link JsonNode}s: this page shows
 * whatever columns a table has. What it does interpret is the envelope: the operation,
 * the source position, and which columns an update changed, computed here once so that
 * the server-rendered page and the browser show the same diff. Any value is accepted; one
 * that is not a change event is marked malformed and shown as it is, so a stray record
 * can never break the page or the poll loop.
 */
@Component
class MessageMapper {

	static final int MAX_DISPLAY_LENGTH = 10_000;

	static final int MAX_VALUE_LENGTH = 100_000;

	static final int MAX_COLUMN_LENGTH = 1_000;

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

	static final String NEW_KEY_HEADER = "__debezium.newkey";

	static final String OLD_KEY_HEADER = "__debezium.oldkey";

	private static final Pattern EPOCH = Pattern.compile("1970-01-01(T00:00(:00(\\.0+)?)?(Z|[+-]00:?00)?)?");

	private final ChangeEventReader reader;

	private final JsonMapper jsonMapper;

	private final ObjectWriter prettyWriter;

	private final Set<String> maskedFields;

	private final TableSchemas schemas;

	MessageMapper(JsonMapper jsonMapper, MessagesProperties properties, TableSchemas schemas) {
		this.schemas = schemas;
		this.reader = new ChangeEventReader(jsonMapper);
		this.jsonMapper = jsonMapper;
		this.prettyWriter = jsonMapper.writerWithDefaultPrettyPrinter();
		this.maskedFields = Set.copyOf(properties.maskedFields());
	}

	/**
	 * Maps a record read out of order (a page, a history, a value): it is not compared
	 * with other records.
	 * @param record the record
	 * @return the message
	 */
	Message map(ConsumerRecord<String, String> record) {
		return map(record, false);
	}

	/**
	 * Maps a record read in order, live: a change event whose row schema differs from the
	 * previous event's of the topic says how ({@link Message#schemaChange()}).
	 * @param record the record
	 * @return the message
	 */
	Message mapInOrder(ConsumerRecord<String, String> record) {
		return map(record, true);
	}

	private Message map(ConsumerRecord<String, String> record, boolean inOrder) {
		String value = record.value();
		Instant timestamp = Instant.ofEpochMilli(record.timestamp());
		List<Header> headers = headers(record);
		Key key = key(record.key());
		if (value == null) {
			return new Message(record.topic(), record.partition(), record.offset(), timestamp, record.key(), key.id(),
					headers, null, 0, "", false, null, "tombstone", null, true, false, null, null, List.of(), null,
					null, null,
					"tombstone (compaction marker for key " + ((key.id() != null) ? key.id() : "null") + ")", null);
		}
		String shownValue = (value.length() <= MAX_VALUE_LENGTH) ? value : null;
		JsonNode tree = tree(value);
		String display = (tree != null) ? this.prettyWriter.writeValueAsString(tree) : value;
		boolean truncated = display.length() > MAX_DISPLAY_LENGTH || shownValue == null;
		if (display.length() > MAX_DISPLAY_LENGTH) {
			display = display.substring(0, MAX_DISPLAY_LENGTH);
		}
		ChangeEvent<JsonNode> change;
		try {
			change = this.reader.read(value, JsonNode.class).orElseThrow();
		}
		catch (MalformedChangeEventException ex) {
			return new Message(record.topic(), record.partition(), record.offset(), timestamp, record.key(), key.id(),
					headers, shownValue, value.length(), display, truncated, null, "raw", null, false, true,
					ex.getMessage(), null, List.of(), null, null, null, null, null);
		}
		SchemaChange schemaChange = inOrder ? this.schemas.observe(record.topic(), tree.path("schema")) : null;
		return new Message(record.topic(), record.partition(), record.offset(), timestamp, record.key(), key.id(),
				headers, shownValue, value.length(), display, truncated, change.operation().code(),
				label(change.operation()), table(change.source()), false, false, null, position(change),
				columns(change, key), beforeNote(change, key), pretty(change.before()), pretty(change.after()),
				summary(change, headers), schemaChange);
	}

	/**
	 * What a reader would not see in the rows: a truncated table, or the halves of a
	 * primary key update, which Debezium writes as a delete of the old key and a create
	 * of the new one, each naming the other key in a header.
	 */
	private String summary(ChangeEvent<JsonNode> change, List<Header> headers) {
		if (change.operation() == Operation.TRUNCATE) {
			String table = table(change.source());
			return "table truncated: " + ((table != null) ? table : "unknown table");
		}
		if (change.operation() == Operation.DELETE) {
			return header(headers, NEW_KEY_HEADER).map((newKey) -> "key changed to " + keyId(newKey)).orElse(null);
		}
		if (change.operation() == Operation.CREATE) {
			return header(headers, OLD_KEY_HEADER).map((oldKey) -> "key changed from " + keyId(oldKey)).orElse(null);
		}
		return null;
	}

	private static Optional<String> header(List<Header> headers, String name) {
		return headers.stream()
			.filter((header) -> header.key().equals(name) && header.value() != null)
			.map(Header::value)
			.reduce((first, last) -> last);
	}

	/**
	 * The identity of a key, as {@link Message#keyId()} has it.
	 * @param key a record key
	 * @return its identity, {@code null} for no key
	 */
	String keyId(String key) {
		return key(key).id();
	}

	private Key key(String key) {
		if (key == null) {
			return new Key(null, List.of());
		}
		JsonNode tree = tree(key);
		if (tree == null) {
			return new Key(key, List.of());
		}
		JsonNode payload = (tree.isObject() && tree.has("payload")) ? tree.get("payload") : tree;
		List<String> fields = payload.isObject() ? new ArrayList<>(payload.propertyNames()) : List.of();
		return new Key(this.jsonMapper.writeValueAsString(payload), fields);
	}

	private JsonNode tree(String text) {
		try {
			return this.jsonMapper.readTree(text);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static List<Header> headers(ConsumerRecord<String, String> record) {
		List<Header> headers = new ArrayList<>();
		for (org.apache.kafka.common.header.Header header : record.headers()) {
			headers.add(new Header(header.key(), text(header.value())));
		}
		return headers;
	}

	private static String text(byte[] bytes) {
		if (bytes == null) {
			return null;
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return "0x" + HexFormat.of().formatHex(bytes);
		}
	}

	private static Position position(ChangeEvent<JsonNode> change) {
		Source source = change.source();
		if (source == null) {
			return null;
		}
		Long committed = source.tsMs();
		Long captured = change.tsMs();
		Long lag = (committed != null && captured != null) ? captured - committed : null;
		return new Position(source.lsn(), source.txId(), instant(committed), instant(captured), lag, source.snapshot());
	}

	private static Instant instant(Long epochMillis) {
		return (epochMillis != null) ? Instant.ofEpochMilli(epochMillis) : null;
	}

	private List<Column> columns(ChangeEvent<JsonNode> change, Key key) {
		JsonNode before = objectOrNull(change.before());
		JsonNode after = objectOrNull(change.after());
		Set<String> names = new LinkedHashSet<>();
		if (after != null) {
			names.addAll(after.propertyNames());
		}
		if (before != null) {
			if (keyOnly(before, key)) {
				if (after == null) {
					names.addAll(key.fields());
				}
			}
			else {
				names.addAll(before.propertyNames());
			}
		}
		boolean compare = before != null && after != null && !keyOnly(before, key);
		List<Column> columns = new ArrayList<>();
		for (String name : names) {
			JsonNode old = (before != null) ? before.get(name) : null;
			JsonNode now = (after != null) ? after.get(name) : null;
			boolean oldNotSent = notSent(old);
			boolean nowNotSent = notSent(now);
			boolean changed = compare && !oldNotSent && !nowNotSent && !Objects.equals(old, now);
			columns.add(new Column(name, oldNotSent ? NOT_SENT : cell(old), nowNotSent ? NOT_SENT : cell(now), changed,
					this.maskedFields.contains(name), oldNotSent, nowNotSent));
		}
		return columns;
	}

	private static String beforeNote(ChangeEvent<JsonNode> change, Key key) {
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
	private static boolean keyOnly(JsonNode before, Key key) {
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
	private static boolean notSent(JsonNode value) {
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

	private static JsonNode objectOrNull(JsonNode row) {
		return (row != null && row.isObject()) ? row : null;
	}

	private String cell(JsonNode value) {
		if (value == null || value.isNull()) {
			return null;
		}
		String text = value.isValueNode() ? value.asString() : this.jsonMapper.writeValueAsString(value);
		return (text.length() > MAX_COLUMN_LENGTH) ? text.substring(0, MAX_COLUMN_LENGTH) + "…" : text;
	}

	private String pretty(JsonNode row) {
		return (row != null && !row.isNull()) ? this.prettyWriter.writeValueAsString(row) : null;
	}

	private static String table(Source source) {
		if (source == null || source.table() == null) {
			return null;
		}
		return (source.schema() != null) ? source.schema() + "." + source.table() : source.table();
	}

	private static String label(Operation operation) {
		return switch (operation) {
			case READ -> "snapshot read";
			case CREATE -> "create";
			case UPDATE -> "update";
			case DELETE -> "delete";
			case TRUNCATE -> "table truncated";
			case MESSAGE -> "message";
		};
	}

	/**
	 * A parsed key: its identity and the names of its fields (the primary key columns).
	 */
	private record Key(String id, List<String> fields) {
	}

}
