package cdcdemo.events;

import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads the Kafka Connect JSON envelope ({@code schema} + {@code payload}) that cdc-bridge and Debezium on Kafka
 * Connect write, into a typed {@link ChangeEvent}. Accepts a bare payload too (what the converter writes with
 * {@code schemas.enable=false}).
 */
public class ChangeEventReader {

	private final ObjectMapper mapper;

	public ChangeEventReader(ObjectMapper mapper) {
		this.mapper = mapper.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
	}

	/**
	 * Read a record value.
	 * @param <T> the row type
	 * @param value the record value; {@code null} for a tombstone
	 * @param rowType the type {@code before} and {@code after} are mapped to; unknown columns are ignored
	 * @return the event, or empty for a tombstone
	 * @throws MalformedChangeEventException if the value is not a change event
	 */
	public <T> Optional<ChangeEvent<T>> read(String value, Class<T> rowType) {
		if (value == null) {
			return Optional.empty();
		}
		JsonNode root;
		try {
			root = this.mapper.readTree(value);
		}
		catch (JacksonException ex) {
			throw new MalformedChangeEventException("value is not JSON: " + ex.getOriginalMessage(), ex);
		}
		JsonNode payload = (root != null && root.has("payload")) ? root.get("payload") : root;
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

	private <T> T row(JsonNode node, Class<T> rowType) {
		return (node == null || node.isNull()) ? null : this.mapper.treeToValue(node, rowType);
	}

}
