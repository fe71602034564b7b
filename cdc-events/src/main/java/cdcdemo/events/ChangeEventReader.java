package cdcdemo.events;

import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the Kafka Connect JSON envelope ({@code schema} + {@code payload}) that
 * cdc-bridge and Debezium on Kafka Connect write, into a typed {@link ChangeEvent}.
 * Accepts a bare payload too (what the converter writes with
 * {@code schemas.enable=false}).
 */
public class ChangeEventReader {

	private static final String SCHEMA = "schema";

	private static final String PAYLOAD = "payload";

	private final ObjectMapper mapper;

	public ChangeEventReader(ObjectMapper mapper) {
		// trailing tokens are judged once, after the whole value (see payload), not after
		// each part read
		this.mapper = mapper.rebuild()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.build();
	}

	/**
	 * Read a record value.
	 * @param <T> the row type
	 * @param value the record value; {@code null} for a tombstone
	 * @param rowType the type {@code before} and {@code after} are mapped to; unknown
	 * columns are ignored
	 * @return the event, or empty for a tombstone
	 * @throws MalformedChangeEventException if the value is not a change event
	 */
	public <T> Optional<ChangeEvent<T>> read(String value, Class<T> rowType) {
		if (value == null) {
			return Optional.empty();
		}
		JsonNode payload;
		try {
			payload = payload(value);
		}
		catch (JacksonException ex) {
			throw new MalformedChangeEventException("value is not JSON: " + ex.getOriginalMessage(), ex);
		}
		if (payload == null || !payload.isObject() || !payload.path("op").isString()) {
			throw new MalformedChangeEventException("value has no change-event payload with an 'op'");
		}
		try {
			return Optional.of(new ChangeEvent<>(Operation.fromCode(payload.get("op").asString()),
					row(payload.get("before"), rowType), row(payload.get("after"), rowType),
					this.mapper.treeToValue(payload.path("source"), Source.class),
					payload.path("ts_ms").isNumber() ? payload.get("ts_ms").asLong() : null));
		}
		catch (JacksonException ex) {
			throw new MalformedChangeEventException("change event does not match its shape: " + ex.getOriginalMessage(),
					ex);
		}
	}

	/**
	 * The {@code payload} of an envelope, or the value itself if it has none; the
	 * {@code schema} is skipped, not built into a tree: it is most of an envelope's
	 * bytes, and a bulk import brings tens of thousands at once.
	 * @return the payload, or {@code null} if the value is not a JSON object
	 */
	private JsonNode payload(String value) {
		try (JsonParser parser = this.mapper.createParser(value)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			ObjectNode root = this.mapper.createObjectNode();
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				parser.nextToken();
				if (SCHEMA.equals(name)) {
					parser.skipChildren();
				}
				else {
					root.set(name, this.mapper.readTree(parser));
				}
			}
			if (parser.nextToken() != null) {
				throw new MalformedChangeEventException("value has more after its JSON object");
			}
			return root.has(PAYLOAD) ? root.get(PAYLOAD) : root;
		}
	}

	private <T> T row(JsonNode node, Class<T> rowType) {
		return (node == null || node.isNull()) ? null : this.mapper.treeToValue(node, rowType);
	}

}
