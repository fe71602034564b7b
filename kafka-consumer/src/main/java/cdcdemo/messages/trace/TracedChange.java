package cdcdemo.messages.trace;

import cdcdemo.events.reactions.ReactionKey;

import java.time.Instant;

/**
 * The change event a trace starts from, as far as the trace needs it.
 *
 * @param event where it is in Kafka
 * @param key the row's primary key, the record key's payload (as the message list shows
 * it)
 * @param operation what happened to the row: {@code create}, {@code update},
 * {@code delete}, {@code read} (a snapshot)...
 * @param table the table, {@code schema.table}
 * @param lsn the log sequence number of the change
 * @param txId the PostgreSQL transaction
 * @param committedAt when PostgreSQL committed it ({@code source.ts_ms})
 * @param capturedAt when the bridge turned it into an event ({@code ts_ms})
 * @param writtenAt the record's timestamp in Kafka
 */
record TracedChange(ReactionKey event, String key, String operation, String table, Long lsn, Long txId,
		Instant committedAt, Instant capturedAt, Instant writtenAt) {

	/**
	 * @return where the event is, {@code topic/partition/offset}
	 */
	public String where() {
		return where(this.event);
	}

	/**
	 * @param event an event's position
	 * @return it as people read it, {@code topic/partition/offset}
	 */
	static String where(ReactionKey event) {
		return event.topic() + "/" + event.partition() + "/" + event.offset();
	}

}
