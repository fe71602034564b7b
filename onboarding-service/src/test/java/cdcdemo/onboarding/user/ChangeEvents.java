package cdcdemo.onboarding.user;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import cdcdemo.events.fixtures.GoldenChangeEvents;

/**
 * Record keys and values of {@code public.users} built from the events recorded from
 * cdc-bridge ({@link GoldenChangeEvents}): the user's id, names and address, the
 * transaction id and the log position are set on a copy with Jackson, and everything else
 * stays as the bridge wrote it (the {@code schema}, the {@code ZonedTimestamp} of
 * {@code created_at}, the delete's {@code before} with only the key and empty values).
 * Each event has a log position of its own and is a transaction of its own, unless it is
 * made with a transaction id (a bulk import). A snapshot read is the recorded create with
 * {@code op} {@code r} and {@code source.snapshot} {@code true}, as Debezium writes a
 * snapshot row.
 */
final class ChangeEvents {

	private final ObjectMapper mapper;

	private final GoldenChangeEvents recorded;

	private final ObjectNode create;

	private final ObjectNode update;

	private final ObjectNode delete;

	private final ObjectNode key;

	private long lsn = 22195224;

	private long txId = 729;

	ChangeEvents(ObjectMapper mapper) {
		this.mapper = mapper;
		this.recorded = new GoldenChangeEvents(mapper);
		this.create = this.recorded.value(GoldenChangeEvents.CREATE);
		this.update = this.recorded.value(GoldenChangeEvents.UPDATE);
		this.delete = this.recorded.value(GoldenChangeEvents.DELETE);
		this.key = this.recorded.key(GoldenChangeEvents.CREATE);
	}

	String key(long id) {
		ObjectNode key = this.key.deepCopy();
		((ObjectNode) key.get("payload")).put("id", id);
		return this.mapper.writeValueAsString(key);
	}

	String created(long id, String firstName, String lastName, String email) {
		return created(id, firstName, lastName, email, this.txId++);
	}

	/**
	 * @param txId the transaction that created the user, shared by the rows of one
	 * {@code INSERT ... SELECT}
	 */
	String created(long id, String firstName, String lastName, String email, long txId) {
		ObjectNode value = withRow(this.create, "after", id, firstName, lastName, email);
		return write(value, txId);
	}

	String snapshotRead(long id, String firstName, String lastName, String email) {
		ObjectNode value = withRow(this.create, "after", id, firstName, lastName, email);
		ObjectNode payload = (ObjectNode) value.get("payload");
		payload.put("op", "r");
		((ObjectNode) payload.get("source")).put("snapshot", "true");
		return write(value, this.txId++);
	}

	String updated(long id, String firstName, String lastName, String email) {
		return write(withRow(this.update, "after", id, firstName, lastName, email), this.txId++);
	}

	/**
	 * A TRUNCATE of the table: Debezium's {@code op: "t"}, no row before or after, no
	 * key.
	 */
	String truncated() {
		ObjectNode value = this.delete.deepCopy();
		ObjectNode payload = (ObjectNode) value.get("payload");
		payload.put("op", "t");
		payload.putNull("before");
		payload.putNull("after");
		return write(value, this.txId++);
	}

	String deleted(long id) {
		ObjectNode value = this.delete.deepCopy();
		((ObjectNode) value.get("payload").get("before")).put("id", id);
		return write(value, this.txId++);
	}

	private static ObjectNode withRow(ObjectNode recorded, String field, long id, String firstName, String lastName,
			String email) {
		ObjectNode value = recorded.deepCopy();
		((ObjectNode) value.get("payload").get(field)).put("id", id)
			.put("first_name", firstName)
			.put("last_name", lastName)
			.put("email", email);
		return value;
	}

	private synchronized String write(ObjectNode value, long txId) {
		((ObjectNode) value.get("payload").get("source")).put("txId", txId).put("lsn", this.lsn++);
		return this.mapper.writeValueAsString(value);
	}

}
