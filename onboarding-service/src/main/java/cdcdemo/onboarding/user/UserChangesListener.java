package cdcdemo.onboarding.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import cdcdemo.events.ChangeEvent;
import cdcdemo.events.ChangeEventReader;
import cdcdemo.events.MalformedChangeEventException;
import cdcdemo.events.Operation;
import cdcdemo.events.reactions.EventRef;

/**
 * Reads the change events of the monolith's {@code users} table, a poll at a time, so
 * that {@link UserLifecycle} handles each poll in one transaction. Values stay strings
 * until the {@link ChangeEventReader} maps them, so a value that is not a change event
 * fails here, in the listener, where the error handler can send it to the dead-letter
 * topic, rather than in a deserializer.
 * <p>
 * The error handler works on records, as it did before the batches: whatever fails is
 * pinned on one record with a {@link BatchListenerFailedException}. The events before a
 * malformed one are applied first. If the transaction of the batch fails (the database is
 * down, or one event cannot be stored), the events are applied again one by one, each in
 * its own transaction, to find the one that fails: the error handler then commits the
 * offsets before it, retries it with its back-off and in the end dead-letters that record
 * alone. A {@code TRUNCATE} of the table (one event, no row) is not a user leaving: it is
 * logged and skipped, never dead-lettered.
 * <p>
 * The listener runs {@code onboarding.consumers} consumers, each on a thread of its own,
 * and the other replicas of the service run theirs in the same group. The order of a
 * user's events holds all the same: the bridge keys each event by the row's primary key,
 * so all events of a user are in one partition, Kafka gives a partition to one consumer
 * of the group at a time, and a consumer hands its polls to this listener one after the
 * other on its own thread. Events of different users, in different partitions, are
 * handled at the same time, in transactions of their own, and need no order among
 * themselves. When a partition moves to another consumer (one joins or leaves), the old
 * owner lets it go between two polls, after committing the one it handled, and the new
 * owner starts after that; a poll handled and not committed (a crash, a consumer too slow
 * for {@code max.poll.interval.ms}) comes again, and {@link ProcessedEvents} applies it
 * once. The client ids are those of {@link cdcdemo.onboarding.system.Replica}, so the
 * dashboard tells this replica's consumers from the others'.
 */
@Component
class UserChangesListener {

	private static final Logger log = LoggerFactory.getLogger(UserChangesListener.class);

	private final ChangeEventReader reader;

	private final UserLifecycle lifecycle;

	UserChangesListener(ObjectMapper objectMapper, UserLifecycle lifecycle) {
		this.reader = new ChangeEventReader(objectMapper);
		this.lifecycle = lifecycle;
	}

	@KafkaListener(id = "user-changes", groupId = "onboarding-service",
			topics = "#{'${onboarding.topic:monolith.public.users}'.split(',')}", batch = "true",
			concurrency = "${onboarding.consumers:1}", clientIdPrefix = "#{@replica.name()}")
	void onChanges(List<ConsumerRecord<String, String>> records) {
		List<Read> read = new ArrayList<>(records.size());
		for (ConsumerRecord<String, String> record : records) {
			Optional<ChangeEvent<UserRow>> event;
			try {
				event = this.reader.read(record.value(), UserRow.class);
			}
			catch (MalformedChangeEventException ex) {
				apply(read);
				throw new BatchListenerFailedException(ex.getMessage(), ex, record);
			}
			if (event.isEmpty()) {
				log.debug("Ignoring the tombstone at {}-{}@{}", record.topic(), record.partition(), record.offset());
			}
			else if (event.get().operation() == Operation.TRUNCATE) {
				log.warn(
						"The users table was truncated ({}-{}@{}): that is no user leaving, so no exit survey is sent,"
								+ " and the journeys under way go on",
						record.topic(), record.partition(), record.offset());
			}
			else {
				read.add(new Read(record, event.get()));
			}
		}
		apply(read);
	}

	private void apply(List<Read> read) {
		if (read.isEmpty()) {
			return;
		}
		long started = System.nanoTime();
		try {
			this.lifecycle.apply(read.stream().map(Read::change).toList());
			log.debug("Handled {} events in {} ms", read.size(), (System.nanoTime() - started) / 1_000_000);
		}
		catch (RuntimeException batchFailure) {
			log.warn("Handling {} events at once failed, handling them one by one: {}", read.size(),
					NestedExceptionUtils.getMostSpecificCause(batchFailure).toString());
			for (Read one : read) {
				try {
					this.lifecycle.apply(List.of(one.change()));
				}
				catch (RuntimeException ex) {
					throw new BatchListenerFailedException(ex.getMessage(), ex, one.record());
				}
			}
		}
	}

	private record Read(ConsumerRecord<String, String> record, UserChange change) {

		Read(ConsumerRecord<String, String> record, ChangeEvent<UserRow> event) {
			this(record, new UserChange(
					EventRef.of(record.topic(), record.partition(), record.offset(), event.source()), event));
		}

	}

}
