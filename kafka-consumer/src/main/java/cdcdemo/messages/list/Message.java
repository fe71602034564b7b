package cdcdemo.messages.list;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One Kafka record as the page, the JSON API and the stream show it. Everything in here
 * came from the topic and is untrusted text: it is only ever rendered escaped.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the offset in the partition
 * @param timestamp the record timestamp
 * @param key the key as sent, {@code null} if none
 * @param keyId the key's identity: the compact JSON of its {@code payload} (e.g.
 * {@code {"id":42}}) for a Kafka Connect key, the key itself otherwise; what the history
 * and the key filter compare
 * @param headers the record headers, values read as UTF-8
 * @param value the value as sent; {@code null} for a tombstone, and also when it is
 * longer than {@value MessageMapper#MAX_VALUE_LENGTH} characters (then {@code truncated}
 * is set and the whole value is read from Kafka on request)
 * @param valueLength the length of the value in characters, 0 for a tombstone
 * @param display the value for reading: pretty-printed if it is JSON, raw otherwise, cut
 * at {@value MessageMapper#MAX_DISPLAY_LENGTH} characters
 * @param truncated whether {@code display} was cut
 * @param op the change event's op code ({@code c}, {@code u}, {@code d}, {@code r}...),
 * {@code null} if the record is not a change event
 * @param label what the badge says: the operation ({@code create},
 * {@code snapshot read}...), {@code tombstone} or {@code raw}
 * @param table {@code schema.table} of a change event, {@code null} otherwise
 * @param tombstone whether the value is {@code null} (Debezium sends one after each
 * delete)
 * @param malformed whether the value is not a change event (not JSON, or JSON of another
 * shape)
 * @param error why a malformed value could not be read as a change event
 * @param position where the change came from in the database, {@code null} if not a
 * change event
 * @param columns the row's columns with their values before and after the change
 * @param beforeNote why {@code before} is missing or holds only the key, {@code null} if
 * it is complete or not expected
 * @param before the change event's {@code before} row, pretty-printed, or {@code null}
 * @param after the change event's {@code after} row, pretty-printed, or {@code null}
 * @param summary what the record means where the rows do not say it:
 * {@code table truncated: public.users}, {@code key changed to {"id":8}} (the delete half
 * of a primary key update), {@code key changed from {"id":7}} (its create half),
 * {@code tombstone (compaction marker for key {"id":7})}; {@code null} otherwise
 * @param schemaChange how the row schema differs from the previous event's of the topic,
 * for the first event after a schema change read live; {@code null} otherwise
 */
record Message(String topic, int partition, long offset, Instant timestamp, String key, String keyId,
		List<Header> headers, String value, int valueLength, String display, boolean truncated, String op, String label,
		String table, boolean tombstone, boolean malformed, String error, Position position, List<Column> columns,
		String beforeNote, String before, String after, String summary, SchemaChange schemaChange) {

	/**
	 * Whether the event carries a {@code before} image (complete or key only).
	 * @return whether there is a before image
	 */
	@JsonProperty
	public boolean hasBefore() {
		return this.before != null;
	}

	/**
	 * Whether the event carries an {@code after} image.
	 * @return whether there is an after image
	 */
	@JsonProperty
	public boolean hasAfter() {
		return this.after != null;
	}

	/**
	 * A record header.
	 *
	 * @param key the header key
	 * @param value the header value as UTF-8 text, {@code null} if the header has no
	 * value
	 */
	record Header(String key, String value) {
	}

	/**
	 * Where a change sits in the database's log, and how long it took to reach Kafka.
	 *
	 * @param lsn the PostgreSQL log sequence number
	 * @param txId the transaction id
	 * @param committedAt when the change was committed ({@code source.ts_ms})
	 * @param capturedAt when the connector processed it ({@code ts_ms})
	 * @param lagMs {@code ts_ms - source.ts_ms}: from commit to the connector,
	 * {@code null} if either is missing
	 * @param snapshot Debezium's {@code source.snapshot} ({@code false}, {@code true},
	 * {@code last}...)
	 */
	record Position(Long lsn, Long txId, Instant committedAt, Instant capturedAt, Long lagMs, String snapshot) {
	}

	/**
	 * One column of the changed row.
	 *
	 * @param name the column name
	 * @param before its value before the change as text ({@code null} for SQL NULL or no
	 * before image)
	 * @param after its value after the change as text ({@code null} for SQL NULL or no
	 * after image)
	 * @param changed whether an update changed it (only known when the event has both
	 * images, and never for a value PostgreSQL did not send)
	 * @param masked whether the value is sensitive (see {@code messages.masked-fields})
	 * and shown masked until the viewer reveals it
	 * @param beforeNotSent whether {@code before} is Debezium's placeholder for an
	 * unchanged TOASTed value, shown as {@value MissingValues#NOT_SENT}
	 * @param afterNotSent the same for {@code after}
	 */
	record Column(String name, String before, String after, boolean changed, boolean masked, boolean beforeNotSent,
			boolean afterNotSent) {
	}

}
