package cdcdemo.messages.list;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A parsed key: its identity and the names of its fields (the primary key columns). A key
 * written with its schema (the Kafka Connect envelope) is identified by its payload.
 *
 * @param id the identity, as {@link Message#keyId()} has it; {@code null} for no key
 * @param fields the names of the key's fields, none if it is not a JSON object
 */
record RecordKey(String id, List<String> fields) {

	/**
	 * Parses a record key. A key that is not JSON is its own identity, without fields.
	 * @param key a record key, may be {@code null}
	 * @param jsonMapper the mapper to read and write it with
	 * @return the parsed key
	 */
	static RecordKey read(String key, JsonMapper jsonMapper) {
		if (key == null) {
			return new RecordKey(null, List.of());
		}
		JsonNode tree = MessageMapper.tree(key, jsonMapper);
		if (tree == null) {
			return new RecordKey(key, List.of());
		}
		JsonNode payload = (tree.isObject() && tree.has("payload")) ? tree.get("payload") : tree;
		List<String> fields = payload.isObject() ? new ArrayList<>(payload.propertyNames()) : List.of();
		return new RecordKey(jsonMapper.writeValueAsString(payload), fields);
	}

}
