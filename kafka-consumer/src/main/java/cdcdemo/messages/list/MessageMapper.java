package cdcdemo.messages.list;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import cdcdemo.events.ChangeEvent;
import cdcdemo.events.ChangeEventReader;
import cdcdemo.events.MalformedChangeEventException;
import cdcdemo.messages.list.Message.Header;
import cdcdemo.messages.masking.Masking;
import cdcdemo.messages.masking.View;

import org.springframework.stereotype.Component;

/**
 * Turns a record into a {@link Message}. The rows stay {@link JsonNode}s: this page shows
 * whatever columns a table has. What it does interpret is the envelope: the operation,
 * the source position, and which columns an update changed, computed here once so that
 * the server-rendered page and the browser show the same diff. Any value is accepted; one
 * that is not a change event is marked malformed and shown as it is, so a stray record
 * can never break the page or the poll loop.
 * <p>
 * This class reads the record (key, headers, value, its display) and builds the message;
 * the parts of a change event each have their own: {@link RecordKey} (the key),
 * {@link ChangeDescription} (the operation, table, position and summary),
 * {@link ColumnDiff} (the columns before and after) and {@link MissingValues} (what
 * PostgreSQL did not send).
 * <p>
 * A record is mapped for one {@link View}: what it means (the operation, which columns
 * changed, what is missing) is read from the clear record, what it shows (key, headers,
 * value, rows, cells, summary) through the view, so a message mapped for a viewer holds
 * no clear masked value anywhere.
 */
@Component
class MessageMapper {

	static final int MAX_DISPLAY_LENGTH = 10_000;

	static final int MAX_VALUE_LENGTH = 100_000;

	private final ChangeEventReader reader;

	private final JsonMapper jsonMapper;

	private final ObjectWriter prettyWriter;

	private final TableSchemas schemas;

	private final ChangeDescription description;

	private final ColumnDiff columns;

	private final Masking masking;

	MessageMapper(JsonMapper jsonMapper, Masking masking, TableSchemas schemas) {
		this.schemas = schemas;
		this.masking = masking;
		this.reader = new ChangeEventReader(jsonMapper);
		this.jsonMapper = jsonMapper;
		this.prettyWriter = jsonMapper.writerWithDefaultPrettyPrinter();
		this.description = new ChangeDescription(jsonMapper);
		this.columns = new ColumnDiff(jsonMapper, masking);
	}

	/**
	 * Maps a record read out of order, with every value in clear.
	 * @param record the record
	 * @return the message
	 * @see #map(ConsumerRecord, View)
	 */
	Message map(ConsumerRecord<String, String> record) {
		return map(record, this.masking.clear());
	}

	/**
	 * Maps a record read out of order (a page, a history, a value): it is not compared
	 * with other records.
	 * @param record the record
	 * @param view what the user it is for sees
	 * @return the message
	 */
	Message map(ConsumerRecord<String, String> record, View view) {
		return map(record, view, (schema) -> null);
	}

	/**
	 * Maps a record read in order, live, with every value in clear: a change event whose
	 * row schema differs from the previous event's of the topic says how
	 * ({@link Message#schemaChange()}).
	 * @param record the record
	 * @return the message
	 */
	Message mapInOrder(ConsumerRecord<String, String> record) {
		return map(record, this.masking.clear(), (schema) -> this.schemas.observe(record.topic(), schema));
	}

	/**
	 * Maps a record {@link #mapInOrder mapped in order} once more, for another view: the
	 * schema is not observed again, the change found the first time is kept.
	 * @param record the record
	 * @param view what the users it is for see
	 * @param schemaChange the first mapping's {@link Message#schemaChange()}
	 * @return the message
	 */
	Message mapAgain(ConsumerRecord<String, String> record, View view, SchemaChange schemaChange) {
		return map(record, view, (schema) -> schemaChange);
	}

	private Message map(ConsumerRecord<String, String> record, View view,
			Function<JsonNode, SchemaChange> schemaChange) {
		String value = record.value();
		Instant timestamp = Instant.ofEpochMilli(record.timestamp());
		List<Header> headers = headers(record, view);
		RecordKey key = RecordKey.read(record.key(), this.jsonMapper);
		String keyId = view.text(key.id());
		if (value == null) {
			return new Message(record.topic(), record.partition(), record.offset(), timestamp, view.text(record.key()),
					keyId, headers, null, 0, "", false, null, "tombstone", null, true, false, null, null, List.of(),
					null, null, null,
					"tombstone (compaction marker for key " + ((keyId != null) ? keyId : "null") + ")", null);
		}
		JsonNode tree = tree(value, this.jsonMapper);
		JsonNode shownTree = view.tree(tree);
		String shown = (tree == null) ? view.text(value)
				: (shownTree != tree) ? this.jsonMapper.writeValueAsString(shownTree) : value;
		String shownValue = (value.length() <= MAX_VALUE_LENGTH) ? shown : null;
		String display = (tree != null) ? this.prettyWriter.writeValueAsString(shownTree) : shown;
		boolean truncated = display.length() > MAX_DISPLAY_LENGTH || shownValue == null;
		if (display.length() > MAX_DISPLAY_LENGTH) {
			display = display.substring(0, MAX_DISPLAY_LENGTH);
		}
		ChangeEvent<JsonNode> change;
		try {
			change = this.reader.read(value, JsonNode.class).orElseThrow();
		}
		catch (MalformedChangeEventException ex) {
			// the reason may quote the value, e.g. an unexpected token
			String error = shown.equals(value) ? ex.getMessage() : "value is not a change event (reason withheld)";
			return new Message(record.topic(), record.partition(), record.offset(), timestamp, view.text(record.key()),
					keyId, headers, shownValue, value.length(), display, truncated, null, "raw", null, false, true,
					error, null, List.of(), null, null, null, null, null);
		}
		return new Message(record.topic(), record.partition(), record.offset(), timestamp, view.text(record.key()),
				keyId, headers, shownValue, value.length(), display, truncated, change.operation().code(),
				ChangeDescription.label(change.operation()), ChangeDescription.table(change.source()), false, false,
				null, ChangeDescription.position(change), this.columns.columns(change, key, view),
				MissingValues.beforeNote(change, key), pretty(view.tree(change.before())),
				pretty(view.tree(change.after())), this.description.summary(change, headers),
				schemaChange.apply(tree.path("schema")));
	}

	/**
	 * The identity of a key, as {@link Message#keyId()} has it.
	 * @param key a record key
	 * @return its identity, {@code null} for no key
	 */
	String keyId(String key) {
		return RecordKey.read(key, this.jsonMapper).id();
	}

	/**
	 * The identity of a key as a view shows it: what a viewer's key filter and history
	 * compare with.
	 * @param key a record key
	 * @param view the view
	 * @return its identity with its masked fields masked, {@code null} for no key
	 */
	String keyId(String key, View view) {
		return view.text(keyId(key));
	}

	/**
	 * Parses JSON text.
	 * @return the tree, {@code null} if the text is not JSON
	 */
	static JsonNode tree(String text, JsonMapper jsonMapper) {
		try {
			return jsonMapper.readTree(text);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static List<Header> headers(ConsumerRecord<String, String> record, View view) {
		List<Header> headers = new ArrayList<>();
		for (org.apache.kafka.common.header.Header header : record.headers()) {
			headers.add(new Header(header.key(), view.header(header.key(), text(header.value()))));
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

	private String pretty(JsonNode row) {
		return (row != null && !row.isNull()) ? this.prettyWriter.writeValueAsString(row) : null;
	}

}
