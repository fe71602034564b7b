package cdcdemo.messages.list;

/**
 * Change events shaped exactly like cdc-bridge's (Kafka Connect JSON with schemas), for
 * the tests to write with test-support's {@code TopicWriter}.
 */
final class ChangeEventRecords {

	private ChangeEventRecords() {
	}

	static String key(long id) {
		return "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,\"field\":\"id\"}],"
				+ "\"optional\":false,\"name\":\"monolith.public.users.Key\"},\"payload\":{\"id\":" + id + "}}";
	}

	static String row(long id, String firstName, String email) {
		return "{\"id\":" + id + ",\"first_name\":" + quote(firstName) + ",\"last_name\":\"Lovelace\",\"email\":"
				+ quote(email) + "}";
	}

	static String keyOnly(long id) {
		return "{\"id\":" + id + ",\"first_name\":null,\"last_name\":null,\"email\":null}";
	}

	static String event(String op, String before, String after) {
		return event("users", op, before, after);
	}

	static String event(String table, String op, String before, String after) {
		return "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"struct\",\"field\":\"before\"},"
				+ "{\"type\":\"struct\",\"field\":\"after\"}],\"name\":\"monolith.public." + table + ".Envelope\"},"
				+ "\"payload\":{\"before\":" + before + ",\"after\":" + after
				+ ",\"source\":{\"version\":\"3.6.1.Final\",\"connector\":\"postgresql\",\"name\":\"monolith\","
				+ "\"db\":\"users\",\"schema\":\"public\",\"table\":\"" + table + "\",\"txId\":729,\"lsn\":22195224,"
				+ "\"ts_ms\":1795577334000,\"snapshot\":\"false\"},\"transaction\":null,\"op\":\"" + op
				+ "\",\"ts_ms\":1795577334190,\"ts_ns\":1795577334190123457}}";
	}

	private static String quote(String text) {
		return (text != null) ? "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : "null";
	}

}
