package cdcdemo.domains.stats;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import cdcdemo.events.fixtures.GoldenChangeEvents;

/**
 * Record keys and values of {@code public.users} built from the events recorded from
 * cdc-bridge ({@link GoldenChangeEvents}): the user's id, address and log position are
 * set on a copy with Jackson, everything else stays as the bridge wrote it (no password,
 * a delete whose {@code before} holds only the key and empty values for the other NOT
 * NULL columns). A snapshot read is the recorded create with {@code op} {@code r} and
 * {@code source.snapshot} {@code true}, as Debezium writes a snapshot row.
 */
final class ChangeEvents {

	private static final ObjectMapper mapper = JsonMapper.builder().build();

	private static final GoldenChangeEvents recorded = new GoldenChangeEvents(mapper);

	private static long lsn = 24461320;

	private ChangeEvents() {
	}

	static String key(long id) {
		ObjectNode key = recorded.key(GoldenChangeEvents.CREATE);
		((ObjectNode) key.get("payload")).put("id", id);
		return mapper.writeValueAsString(key);
	}

	static String snapshotRead(long id, String email) {
		ObjectNode value = withRow(GoldenChangeEvents.CREATE, id, email);
		ObjectNode payload = (ObjectNode) value.get("payload");
		payload.put("op", "r");
		((ObjectNode) payload.get("source")).put("snapshot", "true");
		return write(value);
	}

	static String created(long id, String email) {
		return write(withRow(GoldenChangeEvents.CREATE, id, email));
	}

	static String updated(long id, String email) {
		return write(withRow(GoldenChangeEvents.UPDATE, id, email));
	}

	static String deleted(long id) {
		ObjectNode value = recorded.value(GoldenChangeEvents.DELETE);
		((ObjectNode) value.get("payload").get("before")).put("id", id);
		return write(value);
	}

	private static ObjectNode withRow(String event, long id, String email) {
		ObjectNode value = recorded.value(event);
		((ObjectNode) value.get("payload").get("after")).put("id", id).put("email", email);
		return value;
	}

	private static synchronized String write(ObjectNode value) {
		((ObjectNode) value.get("payload").get("source")).put("lsn", lsn++);
		return mapper.writeValueAsString(value);
	}

}
