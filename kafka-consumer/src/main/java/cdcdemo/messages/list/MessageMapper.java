package cdcdemo.messages.list;

import java.time.Instant;
import java.util.Optional;

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

import org.springframework.stereotype.Component;

/**
 * Turns a record into a {@link Message}. The rows stay {@link JsonNode}s: this page shows whatever columns a table
 * has, it does not interpret them. Any value is accepted; one that is not a change event is marked malformed and
 * shown as it is, so a stray record can never break the page or the poll loop.
 */
@Component
class MessageMapper {

	static final int MAX_DISPLAY_LENGTH = 10_000;

	private final ChangeEventReader reader;

	private final JsonMapper jsonMapper;

	private final ObjectWriter prettyWriter;

	MessageMapper(JsonMapper jsonMapper) {
		this.reader = new ChangeEventReader(jsonMapper);
		this.jsonMapper = jsonMapper;
		this.prettyWriter = jsonMapper.writerWithDefaultPrettyPrinter();
	}

	Message map(ConsumerRecord<String, String> record) {
		String value = record.value();
		Instant timestamp = Instant.ofEpochMilli(record.timestamp());
		if (value == null) {
			return new Message(record.topic(), record.partition(), record.offset(), timestamp, record.key(), null,
					null, null, true, false, "tombstone", null, null, "", false);
		}
		Optional<ChangeEvent<JsonNode>> event = read(value);
		String display = display(value);
		boolean truncated = display.length() > MAX_DISPLAY_LENGTH;
		if (truncated) {
			display = display.substring(0, MAX_DISPLAY_LENGTH);
		}
		if (event.isEmpty()) {
			return new Message(record.topic(), record.partition(), record.offset(), timestamp, record.key(), value,
					null, null, false, true, "raw", null, null, display, truncated);
		}
		ChangeEvent<JsonNode> change = event.get();
		return new Message(record.topic(), record.partition(), record.offset(), timestamp, record.key(), value,
				change.operation().code(), table(change.source()), false, false, label(change.operation()),
				pretty(change.before()), pretty(change.after()), display, truncated);
	}

	private Optional<ChangeEvent<JsonNode>> read(String value) {
		try {
			return this.reader.read(value, JsonNode.class);
		}
		catch (MalformedChangeEventException ex) {
			return Optional.empty();
		}
	}

	private String display(String value) {
		try {
			return this.prettyWriter.writeValueAsString(this.jsonMapper.readTree(value));
		}
		catch (JacksonException ex) {
			return value;
		}
	}

	private String pretty(JsonNode row) {
		return (row != null) ? this.prettyWriter.writeValueAsString(row) : null;
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
			case TRUNCATE -> "truncate";
			case MESSAGE -> "message";
		};
	}

}
