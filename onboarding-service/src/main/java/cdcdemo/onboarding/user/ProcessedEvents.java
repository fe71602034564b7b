package cdcdemo.onboarding.user;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cdcdemo.events.ChangeEvent;

/**
 * The change events already handled. Debezium delivers at least once: after a crash of the connector it publishes
 * again what it had not committed, with the same position in the write-ahead log. An event is identified by its
 * operation, row and log position (several snapshot rows share one position, never one row); not by its
 * {@code ts_ms}, which is the time Debezium handled it and changes on a replay.
 */
@Repository
class ProcessedEvents {

	private final JdbcClient jdbc;

	ProcessedEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Record an event as processed, in the caller's transaction.
	 * @param event the event
	 * @param userId the user it is about
	 * @return {@code true} if it was not processed before
	 */
	boolean markProcessed(ChangeEvent<?> event, long userId) {
		return this.jdbc.sql("insert into processed_event (event_id) values (:id) on conflict do nothing")
			.param("id", eventId(event, userId))
			.update() == 1;
	}

	static String eventId(ChangeEvent<?> event, long userId) {
		Long lsn = (event.source() != null) ? event.source().lsn() : null;
		Long txId = (event.source() != null) ? event.source().txId() : null;
		if (lsn == null) {
			return "%s:%d:ts:%s".formatted(event.operation().name(), userId, event.tsMs());
		}
		return "%s:%d:%d:%s".formatted(event.operation().name(), userId, lsn, txId);
	}

}
