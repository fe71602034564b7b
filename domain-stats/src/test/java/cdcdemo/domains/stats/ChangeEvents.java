package cdcdemo.domains.stats;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Record keys and values as cdc-bridge writes them for {@code public.users}: the Kafka Connect JSON envelope with its
 * {@code schema}, no password, and a delete whose {@code before} holds only the key (default replica identity;
 * Debezium writes empty values for the other NOT NULL columns).
 */
final class ChangeEvents {

	private static final ObjectMapper mapper = JsonMapper.builder().build();

	private static final String KEY_SCHEMA = """
			{"type":"struct","fields":[{"type":"int64","optional":false,"field":"id"}],"optional":false,
			 "name":"monolith.public.users.Key"}""";

	private static final String ROW_FIELDS = """
			[{"type":"int64","optional":false,"field":"id"},
			 {"type":"string","optional":false,"field":"first_name"},
			 {"type":"string","optional":false,"field":"last_name"},
			 {"type":"string","optional":false,"field":"email"},
			 {"type":"string","optional":false,"name":"io.debezium.time.ZonedTimestamp","version":1,
			  "default":"1970-01-01T00:00:00Z","field":"created_at"}]""";

	private static final String VALUE_SCHEMA = """
			{"type":"struct","optional":false,"name":"monolith.public.users.Envelope","version":2,"fields":[
			 {"type":"struct","fields":%1$s,"optional":true,"name":"monolith.public.users.Value","field":"before"},
			 {"type":"struct","fields":%1$s,"optional":true,"name":"monolith.public.users.Value","field":"after"},
			 {"type":"struct","fields":[{"type":"string","optional":false,"field":"version"},
			   {"type":"string","optional":false,"field":"connector"},{"type":"string","optional":false,"field":"name"},
			   {"type":"int64","optional":false,"field":"ts_ms"},{"type":"string","optional":true,"field":"snapshot"},
			   {"type":"string","optional":false,"field":"db"},{"type":"string","optional":false,"field":"schema"},
			   {"type":"string","optional":false,"field":"table"},{"type":"int64","optional":true,"field":"txId"},
			   {"type":"int64","optional":true,"field":"lsn"}],
			  "optional":false,"name":"io.debezium.connector.postgresql.Source","field":"source"},
			 {"type":"struct","fields":[{"type":"string","optional":false,"field":"id"},
			   {"type":"int64","optional":false,"field":"total_order"},
			   {"type":"int64","optional":false,"field":"data_collection_order"}],
			  "optional":true,"name":"event.block","version":1,"field":"transaction"},
			 {"type":"string","optional":false,"field":"op"},
			 {"type":"int64","optional":true,"field":"ts_ms"}]}""".formatted(ROW_FIELDS);

	private static long lsn = 24461320;

	private ChangeEvents() {
	}

	static String key(long id) {
		ObjectNode key = mapper.createObjectNode();
		key.set("schema", mapper.readTree(KEY_SCHEMA));
		key.putObject("payload").put("id", id);
		return mapper.writeValueAsString(key);
	}

	static String snapshotRead(long id, String email) {
		return envelope("r", null, row(id, email), "true");
	}

	static String created(long id, String email) {
		return envelope("c", null, row(id, email), "false");
	}

	static String updated(long id, String email) {
		return envelope("u", null, row(id, email), "false");
	}

	static String deleted(long id) {
		ObjectNode keyOnly = mapper.createObjectNode()
			.put("id", id)
			.put("first_name", "")
			.put("last_name", "")
			.put("email", "")
			.put("created_at", "1970-01-01T00:00:00Z");
		return envelope("d", keyOnly, null, "false");
	}

	private static ObjectNode row(long id, String email) {
		return mapper.createObjectNode()
			.put("id", id)
			.put("first_name", "Barbara")
			.put("last_name", "Liskov")
			.put("email", email)
			.put("created_at", "2026-11-26T03:17:16.052003Z");
	}

	private static synchronized String envelope(String op, JsonNode before, JsonNode after, String snapshot) {
		ObjectNode value = mapper.createObjectNode();
		value.set("schema", mapper.readTree(VALUE_SCHEMA));
		ObjectNode payload = value.putObject("payload");
		payload.set("before", (before != null) ? before : mapper.nullNode());
		payload.set("after", (after != null) ? after : mapper.nullNode());
		payload.putObject("source")
			.put("version", "3.6.1.Final")
			.put("connector", "postgresql")
			.put("name", "monolith")
			.put("ts_ms", 1795663036052L)
			.put("snapshot", snapshot)
			.put("db", "users")
			.put("schema", "public")
			.put("table", "users")
			.put("txId", 771)
			.put("lsn", lsn++);
		payload.putNull("transaction");
		payload.put("op", op);
		payload.put("ts_ms", 1795663036177L);
		return mapper.writeValueAsString(value);
	}

}
