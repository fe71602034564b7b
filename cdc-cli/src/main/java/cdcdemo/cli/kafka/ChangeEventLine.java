package cdcdemo.cli.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

import cdcdemo.cli.bridge.Json;

/**
 * One Kafka record as one line: offset, operation, key, and the row after the change
 * (before it, for a delete), shortened. Events are Kafka Connect JSON envelopes
 * ({@code schema} and {@code payload}); the schema is left out, and so is anything that
 * makes the line long: {@code --json} gives the whole record.
 */
final class ChangeEventLine {

	private static final int ROW_WIDTH = 120;

	private ChangeEventLine() {
	}

	static String format(String position, byte[] key, byte[] value) {
		JsonNode keyPayload = payload(key);
		String keyText = (keyPayload != null) ? Json.MAPPER.writeValueAsString(keyPayload) : "-";
		JsonNode payload = payload(value);
		if (payload == null) {
			return position + "  -  " + keyText + "  (tombstone: the row with this key was deleted)";
		}
		String op = payload.path("op").asString("?");
		JsonNode row = "d".equals(op) ? payload.path("before") : payload.path("after");
		String rowText = (row.isObject()) ? ("d".equals(op) ? "before: " : "after: ") + columns(row)
				: Json.MAPPER.writeValueAsString(payload);
		return position + "  " + op + "  " + keyText + "  " + shorten(rowText);
	}

	static JsonNode record(int partition, long offset, byte[] key, byte[] value) {
		return Json.MAPPER.createObjectNode()
			.put("partition", partition)
			.put("offset", offset)
			.set("key", tree(key))
			.set("value", tree(value));
	}

	private static String columns(JsonNode row) {
		StringBuilder text = new StringBuilder();
		for (Map.Entry<String, JsonNode> column : row.properties()) {
			text.append((text.length() > 0) ? " " : "")
				.append(column.getKey())
				.append('=')
				.append(column.getValue().isString() ? column.getValue().asString() : column.getValue().toString());
		}
		return text.toString();
	}

	private static String shorten(String text) {
		return (text.length() <= ROW_WIDTH) ? text : text.substring(0, ROW_WIDTH - 3) + "...";
	}

	private static JsonNode payload(byte[] bytes) {
		JsonNode tree = tree(bytes);
		if (tree == null || tree.isNull()) {
			return null;
		}
		return (tree.has("schema") && tree.has("payload")) ? tree.get("payload") : tree;
	}

	/**
	 * The record's bytes as JSON; as a string if they are not JSON, and {@code null} for
	 * none.
	 */
	private static JsonNode tree(byte[] bytes) {
		if (bytes == null) {
			return null;
		}
		try {
			return Json.MAPPER.readTree(bytes);
		}
		catch (JacksonException ex) {
			return StringNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
		}
	}

}
