package cdcdemo.onboarding.user;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds record keys and values as cdc-bridge writes them for {@code public.users}: the Kafka Connect JSON envelope
 * with its {@code schema}, and a delete whose {@code before} holds only the key (default replica identity). Each
 * event is a transaction of its own, unless it is made with a transaction id (a bulk import).
 */
final class ChangeEvents {

	private static final String KEY_SCHEMA = """
			{"type":"struct","fields":[{"type":"int64","optional":false,"field":"id"}],"optional":false,
			 "name":"monolith.public.users.Key"}""";

	private static final String ROW_FIELDS = """
			[{"type":"int64","optional":false,"field":"id"},
			 {"type":"string","optional":false,"field":"first_name"},
			 {"type":"string","optional":false,"field":"last_name"},
			 {"type":"string","optional":false,"field":"email"},
			 {"type":"int64","optional":true,"name":"io.debezium.time.MicroTimestamp","version":1,"field":"created_at"}]""";

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

	private final ObjectMapper mapper;

	private long lsn = 22195224;

	private long txId = 729;

	ChangeEvents(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	String key(long id) {
		ObjectNode key = this.mapper.createObjectNode();
		key.set("schema", this.mapper.readTree(KEY_SCHEMA));
		key.putObject("payload").put("id", id);
		return this.mapper.writeValueAsString(key);
	}

	String created(long id, String firstName, String lastName, String email) {
		return created(id, firstName, lastName, email, this.txId++);
	}

	/**
	 * @param txId the transaction that created the user, shared by the rows of one {@code INSERT ... SELECT}
	 */
	String created(long id, String firstName, String lastName, String email, long txId) {
		return envelope("c", null, row(id, firstName, lastName, email), "false", txId);
	}

	String snapshotRead(long id, String firstName, String lastName, String email) {
		return envelope("r", null, row(id, firstName, lastName, email), "true", this.txId++);
	}

	String updated(long id, String firstName, String lastName, String email) {
		return envelope("u", null, row(id, firstName, lastName, email), "false", this.txId++);
	}

	String deleted(long id) {
		return envelope("d", row(id, null, null, null), null, "false", this.txId++);
	}

	private ObjectNode row(long id, String firstName, String lastName, String email) {
		ObjectNode row = this.mapper.createObjectNode();
		row.put("id", id);
		row.put("first_name", firstName);
		row.put("last_name", lastName);
		row.put("email", email);
		if (email != null) {
			row.put("created_at", 1795577334190123L);
		}
		else {
			row.putNull("created_at");
		}
		return row;
	}

	private String envelope(String op, JsonNode before, JsonNode after, String snapshot, long txId) {
		ObjectNode value = this.mapper.createObjectNode();
		value.set("schema", this.mapper.readTree(VALUE_SCHEMA));
		ObjectNode payload = value.putObject("payload");
		payload.set("before", (before != null) ? before : this.mapper.nullNode());
		payload.set("after", (after != null) ? after : this.mapper.nullNode());
		payload.putObject("source")
			.put("version", "3.6.1.Final")
			.put("connector", "postgresql")
			.put("name", "monolith")
			.put("ts_ms", 1795577334100L)
			.put("snapshot", snapshot)
			.put("db", "users")
			.put("schema", "public")
			.put("table", "users")
			.put("txId", txId)
			.put("lsn", this.lsn++);
		payload.putNull("transaction");
		payload.put("op", op);
		payload.put("ts_ms", 1795577334190L);
		return this.mapper.writeValueAsString(value);
	}

}
