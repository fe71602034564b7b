package cdcdemo.messages.list;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cdcdemo.events.ChangeEvent;
import cdcdemo.messages.list.Message.Column;
import cdcdemo.messages.masking.Masking;
import cdcdemo.messages.masking.View;

import static cdcdemo.messages.list.MissingValues.NOT_SENT;
import static cdcdemo.messages.list.MissingValues.keyOnly;
import static cdcdemo.messages.list.MissingValues.notSent;
import static cdcdemo.messages.list.MissingValues.objectOrNull;

/**
 * The columns of an event side by side, before and after, and which of them an update
 * changed. Computed on the server once, so that the server-rendered page and the browser
 * show the same diff. A value PostgreSQL did not send ({@link MissingValues}) is never
 * counted as a change. Whether a column changed is decided on the clear values, and only
 * then are the cells masked for the {@link View} asked for, so a viewer sees that an
 * update changed an email without seeing either address; a masked column is flagged as
 * such.
 */
class ColumnDiff {

	static final int MAX_COLUMN_LENGTH = 1_000;

	private final JsonMapper jsonMapper;

	private final Masking masking;

	ColumnDiff(JsonMapper jsonMapper, Masking masking) {
		this.jsonMapper = jsonMapper;
		this.masking = masking;
	}

	List<Column> columns(ChangeEvent<JsonNode> change, RecordKey key, View view) {
		JsonNode before = objectOrNull(change.before());
		JsonNode after = objectOrNull(change.after());
		Set<String> names = new LinkedHashSet<>();
		if (after != null) {
			names.addAll(after.propertyNames());
		}
		if (before != null) {
			if (keyOnly(before, key)) {
				if (after == null) {
					names.addAll(key.fields());
				}
			}
			else {
				names.addAll(before.propertyNames());
			}
		}
		boolean compare = before != null && after != null && !keyOnly(before, key);
		List<Column> columns = new ArrayList<>();
		for (String name : names) {
			JsonNode old = (before != null) ? before.get(name) : null;
			JsonNode now = (after != null) ? after.get(name) : null;
			boolean oldNotSent = notSent(old);
			boolean nowNotSent = notSent(now);
			boolean changed = compare && !oldNotSent && !nowNotSent && !Objects.equals(old, now);
			columns.add(new Column(name, oldNotSent ? NOT_SENT : cell(view.field(name, old)),
					nowNotSent ? NOT_SENT : cell(view.field(name, now)), changed, this.masking.masks(name), oldNotSent,
					nowNotSent));
		}
		return columns;
	}

	private String cell(JsonNode value) {
		if (value == null || value.isNull()) {
			return null;
		}
		String text = value.isValueNode() ? value.asString() : this.jsonMapper.writeValueAsString(value);
		return (text.length() > MAX_COLUMN_LENGTH) ? text.substring(0, MAX_COLUMN_LENGTH) + "…" : text;
	}

}
