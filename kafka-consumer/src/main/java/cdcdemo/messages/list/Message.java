package cdcdemo.messages.list;

import java.time.Instant;

/**
 * One Kafka record as the page, the JSON list and the stream show it. Everything in here came from the topic and is
 * untrusted text: it is only ever rendered escaped.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the offset in the partition
 * @param timestamp the record timestamp
 * @param key the key as sent, {@code null} if none
 * @param value the value as sent, {@code null} for a tombstone
 * @param op the change event's op code ({@code c}, {@code u}, {@code d}, {@code r}...), {@code null} if the record is
 * not a change event
 * @param table {@code schema.table} of a change event, {@code null} otherwise
 * @param tombstone whether the value is {@code null} (Debezium sends one after each delete)
 * @param malformed whether the value is not a change event (not JSON, or JSON of another shape)
 * @param label what the badge says: the operation ({@code create}, {@code snapshot read}...), {@code tombstone} or
 * {@code raw}
 * @param before the change event's {@code before} row, pretty-printed, or {@code null}
 * @param after the change event's {@code after} row, pretty-printed, or {@code null}
 * @param display the value for reading: pretty-printed if it is JSON, raw otherwise, cut at
 * {@value MessageMapper#MAX_DISPLAY_LENGTH} characters
 * @param truncated whether {@code display} was cut
 */
record Message(String topic, int partition, long offset, Instant timestamp, String key, String value, String op,
		String table, boolean tombstone, boolean malformed, String label, String before, String after, String display,
		boolean truncated) {

}
