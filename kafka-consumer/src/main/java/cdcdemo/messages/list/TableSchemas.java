package cdcdemo.messages.list;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cdcdemo.messages.list.SchemaChange.FieldChange;

import org.springframework.stereotype.Component;

/**
 * The last row schema seen on each topic, so that the first event after a schema change
 * can say what changed. Every Kafka Connect JSON event repeats its schema, and it almost
 * never changes: each event's row fields are reduced to a 64-bit fingerprint (the first
 * bytes of a SHA-256 of their compact JSON), and only a fingerprint that differs from the
 * topic's last one is compared field by field. Memory is bounded: one fingerprint and one
 * field list per topic, for the {@value #MAX_TOPICS} topics used most recently.
 * <p>
 * Only records read in order should be {@link #observe observed} (the live reader): a
 * page or a history read out of order would compare an event with an unrelated neighbour.
 */
@Component
class TableSchemas {

	static final int MAX_TOPICS = 1_000;

	private final JsonMapper jsonMapper;

	private final MessageDigest digest;

	private final Map<String, Known> byTopic = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
			return size() > MAX_TOPICS;
		}

	};

	TableSchemas(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
		try {
			this.digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	/**
	 * Remembers an event's row schema as its topic's latest.
	 * @param topic the topic
	 * @param valueSchema the value's {@code schema}, {@code null} or missing if it has
	 * none
	 * @return how the row schema differs from the previous one seen on the topic;
	 * {@code null} if it does not, if this is the first, or if the event has no row
	 * schema
	 */
	synchronized SchemaChange observe(String topic, JsonNode valueSchema) {
		JsonNode fields = rowFields(valueSchema);
		if (fields == null) {
			return null;
		}
		long fingerprint = fingerprint(fields);
		Known previous = this.byTopic.get(topic);
		if (previous != null && previous.fingerprint() == fingerprint) {
			return null;
		}
		Map<String, FieldType> current = fieldTypes(fields);
		this.byTopic.put(topic, new Known(fingerprint, current));
		return (previous != null) ? difference(previous.fields(), current) : null;
	}

	synchronized int size() {
		return this.byTopic.size();
	}

	/**
	 * The fields of the row struct: {@code after}'s, or {@code before}'s (both are the
	 * table's {@code Value} struct).
	 */
	private static JsonNode rowFields(JsonNode valueSchema) {
		if (valueSchema == null || !valueSchema.path("fields").isArray()) {
			return null;
		}
		JsonNode before = null;
		for (JsonNode field : valueSchema.get("fields")) {
			String name = field.path("field").asString("");
			if (field.path("fields").isArray()) {
				if (name.equals("after")) {
					return field.get("fields");
				}
				if (name.equals("before")) {
					before = field.get("fields");
				}
			}
		}
		return before;
	}

	private long fingerprint(JsonNode fields) {
		byte[] hash = this.digest.digest(this.jsonMapper.writeValueAsBytes(fields));
		return ByteBuffer.wrap(hash).getLong();
	}

	private static Map<String, FieldType> fieldTypes(JsonNode fields) {
		Map<String, FieldType> types = new LinkedHashMap<>();
		for (JsonNode field : fields) {
			String type = field.path("type").asString("?");
			String name = field.path("name").asString(null);
			types.put(field.path("field").asString("?"), new FieldType((name != null) ? type + " (" + name + ")" : type,
					field.path("optional").asBoolean(false)));
		}
		return types;
	}

	static SchemaChange difference(Map<String, FieldType> before, Map<String, FieldType> after) {
		List<String> added = new ArrayList<>();
		List<String> removed = new ArrayList<>();
		List<FieldChange> changed = new ArrayList<>();
		after.forEach((name, type) -> {
			FieldType old = before.get(name);
			if (old == null) {
				added.add(name);
			}
			else if (!old.equals(type)) {
				changed.add(new FieldChange(name, old.type(), type.type(), old.optional(), type.optional()));
			}
		});
		before.keySet().stream().filter((name) -> !after.containsKey(name)).forEach(removed::add);
		if (added.isEmpty() && removed.isEmpty() && changed.isEmpty()) {
			// only the field order or a parameter (a length, a default) changed
			return null;
		}
		return new SchemaChange(List.copyOf(added), List.copyOf(removed), List.copyOf(changed));
	}

	private record Known(long fingerprint, Map<String, FieldType> fields) {
	}

	/**
	 * A column's type as the schema gives it.
	 *
	 * @param type the Kafka Connect type, with its logical name if it has one
	 * @param optional whether the column may be null
	 */
	record FieldType(String type, boolean optional) {
	}

}
