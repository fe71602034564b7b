package cdcdemo.messages.list;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Change events with the full value schema Debezium 3.6's PostgreSQL connector writes
 * through the JSON converter (the {@code Value} struct twice, as {@code before} and
 * {@code after}, then {@code source}, {@code transaction}, {@code op}, {@code ts_ms}),
 * built with Jackson, so that a test can change a table's columns between two events.
 */
final class DebeziumEnvelopes {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private DebeziumEnvelopes() {
	}

	/**
	 * A column of the table as its schema describes it.
	 *
	 * @param field the column name
	 * @param type the Kafka Connect type
	 * @param optional whether it is nullable
	 * @param name the logical type, {@code null} for none
	 */
	record Field(String field, String type, boolean optional, String name) {

		static Field of(String field, String type, boolean optional) {
			return new Field(field, type, optional, null);
		}

		JsonNode node() {
			ObjectNode node = JSON.createObjectNode().put("type", this.type).put("optional", this.optional);
			if (this.name != null) {
				node.put("name", this.name).put("version", 1);
			}
			return node.put("field", this.field);
		}

	}

	/** The users table as users-app creates it. */
	static final List<Field> USERS = List.of(Field.of("id", "int64", false), Field.of("first_name", "string", true),
			Field.of("last_name", "string", true), Field.of("email", "string", true),
			new Field("created_at", "string", true, "io.debezium.time.ZonedTimestamp"));

	static String envelope(List<Field> columns, String op, String before, String after) {
		ObjectNode value = JSON.createObjectNode();
		ObjectNode schema = value.putObject("schema")
			.put("type", "struct")
			.put("optional", false)
			.put("name", "monolith.public.users.Envelope")
			.put("version", 2);
		ArrayNode fields = schema.putArray("fields");
		fields.add(row(columns, "before"));
		fields.add(row(columns, "after"));
		fields.add(source());
		fields.add(JSON.createObjectNode()
			.put("type", "struct")
			.put("optional", true)
			.put("name", "event.block")
			.put("version", 1)
			.put("field", "transaction")
			.set("fields",
					JSON.createArrayNode()
						.add(Field.of("id", "string", false).node())
						.add(Field.of("total_order", "int64", false).node())
						.add(Field.of("data_collection_order", "int64", false).node())));
		fields.add(Field.of("op", "string", false).node());
		fields.add(Field.of("ts_ms", "int64", true).node());
		fields.add(Field.of("ts_us", "int64", true).node());
		fields.add(Field.of("ts_ns", "int64", true).node());
		ObjectNode payload = value.putObject("payload");
		payload.set("before", JSON.readTree(before));
		payload.set("after", JSON.readTree(after));
		payload.putObject("source")
			.put("version", "3.6.1.Final")
			.put("connector", "postgresql")
			.put("name", "monolith")
			.put("ts_ms", 1795577334000L)
			.put("snapshot", "false")
			.put("db", "users")
			.put("sequence", "[\"22195072\",\"22195224\"]")
			.put("ts_us", 1795577334000123L)
			.put("ts_ns", 1795577334000123000L)
			.put("schema", "public")
			.put("table", "users")
			.put("txId", 729)
			.put("lsn", 22195224)
			.putNull("xmin");
		payload.putNull("transaction");
		payload.put("op", op)
			.put("ts_ms", 1795577334190L)
			.put("ts_us", 1795577334190123L)
			.put("ts_ns", 1795577334190123457L);
		return JSON.writeValueAsString(value);
	}

	static String key(long id) {
		return ChangeEventRecords.key(id);
	}

	private static JsonNode row(List<Field> columns, String field) {
		ArrayNode fields = JSON.createArrayNode();
		columns.forEach((column) -> fields.add(column.node()));
		return JSON.createObjectNode()
			.put("type", "struct")
			.put("optional", true)
			.put("name", "monolith.public.users.Value")
			.put("field", field)
			.set("fields", fields);
	}

	private static JsonNode source() {
		ArrayNode fields = JSON.createArrayNode()
			.add(Field.of("version", "string", false).node())
			.add(Field.of("connector", "string", false).node())
			.add(Field.of("name", "string", false).node())
			.add(Field.of("ts_ms", "int64", false).node())
			.add(new Field("snapshot", "string", true, "io.debezium.data.Enum").node())
			.add(Field.of("db", "string", false).node())
			.add(Field.of("sequence", "string", true).node())
			.add(Field.of("ts_us", "int64", true).node())
			.add(Field.of("ts_ns", "int64", true).node())
			.add(Field.of("schema", "string", false).node())
			.add(Field.of("table", "string", false).node())
			.add(Field.of("txId", "int64", true).node())
			.add(Field.of("lsn", "int64", true).node())
			.add(Field.of("xmin", "int64", true).node());
		return JSON.createObjectNode()
			.put("type", "struct")
			.put("optional", false)
			.put("name", "io.debezium.connector.postgresql.Source")
			.put("field", "source")
			.set("fields", fields);
	}

}
