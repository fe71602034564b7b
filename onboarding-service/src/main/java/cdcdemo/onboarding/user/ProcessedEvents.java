package cdcdemo.onboarding.user;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

import cdcdemo.events.ChangeEvent;

/**
 * The change events already handled. Debezium delivers at least once: after a crash of
 * the connector it publishes again what it had not committed, with the same position in
 * the write-ahead log. An event is identified by its operation, row and log position
 * (several snapshot rows share one position, never one row); not by its {@code ts_ms},
 * which is the time Debezium handled it and changes on a replay.
 */
@Repository
class ProcessedEvents {

	private final JdbcClient jdbc;

	ProcessedEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Record events as processed, in the caller's transaction and in one statement,
	 * however many there are.
	 * @param eventIds the ids of the events (see {@link #eventId})
	 * @return the ids that were not processed before
	 */
	Set<String> markProcessed(Collection<String> eventIds) {
		if (eventIds.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(this.jdbc.sql("""
				insert into processed_event (event_id) select unnest(:ids) on conflict do nothing returning event_id
				""").param("ids", new SqlArrayValue("text", eventIds.toArray())).query(String.class).list());
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
