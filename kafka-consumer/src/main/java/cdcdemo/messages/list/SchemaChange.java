package cdcdemo.messages.list;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a table's columns differ from those of the previous event of its topic, as the
 * events' value schemas describe them: what a reader needs to see at the first event
 * after an {@code ALTER TABLE}.
 *
 * @param added the columns the previous event did not have
 * @param removed the columns of the previous event this one lacks
 * @param changed the columns whose type or optionality changed
 */
record SchemaChange(List<String> added, List<String> removed, List<FieldChange> changed) {

	/**
	 * One line for the list:
	 * {@code schema changed: + phone, − nickname, age: int32 → int64}.
	 * @return the summary
	 */
	@JsonProperty
	public String summary() {
		List<String> parts = new ArrayList<>();
		this.added.forEach((name) -> parts.add("+ " + name));
		this.removed.forEach((name) -> parts.add("− " + name));
		this.changed.forEach((change) -> parts.add(change.describe()));
		return "schema changed: " + String.join(", ", parts);
	}

	/**
	 * A column whose type changed.
	 *
	 * @param field the column
	 * @param before its type in the previous event's schema, e.g. {@code int32} or
	 * {@code string (io.debezium.time.ZonedTimestamp)}
	 * @param after its type now
	 * @param optionalBefore whether it was optional (nullable)
	 * @param optionalAfter whether it is optional now
	 */
	record FieldChange(String field, String before, String after, boolean optionalBefore, boolean optionalAfter) {

		String describe() {
			List<String> parts = new ArrayList<>();
			if (!this.before.equals(this.after)) {
				parts.add(this.before + " → " + this.after);
			}
			if (this.optionalBefore != this.optionalAfter) {
				parts.add(nullability(this.optionalBefore) + " → " + nullability(this.optionalAfter));
			}
			return this.field + ": " + String.join(", ", parts);
		}

		private static String nullability(boolean optional) {
			return optional ? "optional" : "required";
		}

	}

}
