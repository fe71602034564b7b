package cdcdemo.messages.list;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cdcdemo.events.ChangeEvent;
import cdcdemo.events.Operation;
import cdcdemo.events.Source;
import cdcdemo.messages.list.Message.Header;
import cdcdemo.messages.list.Message.Position;

/**
 * What the envelope says about a change besides its rows: the operation in words, the
 * table, the position in the write-ahead log and the capture lag, and a summary of what
 * the rows alone would not show.
 */
class ChangeDescription {

	static final String NEW_KEY_HEADER = "__debezium.newkey";

	static final String OLD_KEY_HEADER = "__debezium.oldkey";

	private final JsonMapper jsonMapper;

	ChangeDescription(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * What a reader would not see in the rows: a truncated table, or the halves of a
	 * primary key update, which Debezium writes as a delete of the old key and a create
	 * of the new one, each naming the other key in a header.
	 */
	String summary(ChangeEvent<JsonNode> change, List<Header> headers) {
		if (change.operation() == Operation.TRUNCATE) {
			String table = table(change.source());
			return "table truncated: " + ((table != null) ? table : "unknown table");
		}
		if (change.operation() == Operation.DELETE) {
			return header(headers, NEW_KEY_HEADER).map((newKey) -> "key changed to " + keyId(newKey)).orElse(null);
		}
		if (change.operation() == Operation.CREATE) {
			return header(headers, OLD_KEY_HEADER).map((oldKey) -> "key changed from " + keyId(oldKey)).orElse(null);
		}
		return null;
	}

	private String keyId(String key) {
		return RecordKey.read(key, this.jsonMapper).id();
	}

	private static Optional<String> header(List<Header> headers, String name) {
		return headers.stream()
			.filter((header) -> header.key().equals(name) && header.value() != null)
			.map(Header::value)
			.reduce((first, last) -> last);
	}

	static Position position(ChangeEvent<JsonNode> change) {
		Source source = change.source();
		if (source == null) {
			return null;
		}
		Long committed = source.tsMs();
		Long captured = change.tsMs();
		Long lag = (committed != null && captured != null) ? captured - committed : null;
		return new Position(source.lsn(), source.txId(), instant(committed), instant(captured), lag, source.snapshot());
	}

	private static Instant instant(Long epochMillis) {
		return (epochMillis != null) ? Instant.ofEpochMilli(epochMillis) : null;
	}

	static String table(Source source) {
		if (source == null || source.table() == null) {
			return null;
		}
		return (source.schema() != null) ? source.schema() + "." + source.table() : source.table();
	}

	static String label(Operation operation) {
		return switch (operation) {
			case READ -> "snapshot read";
			case CREATE -> "create";
			case UPDATE -> "update";
			case DELETE -> "delete";
			case TRUNCATE -> "table truncated";
			case MESSAGE -> "message";
		};
	}

}
