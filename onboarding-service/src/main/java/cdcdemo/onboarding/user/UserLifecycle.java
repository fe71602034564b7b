package cdcdemo.onboarding.user;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cdcdemo.events.ChangeEvent;
import cdcdemo.events.MalformedChangeEventException;

/**
 * Turns changes of user rows into what the users should experience. The events of one
 * poll are handled in one transaction that records them as processed, keeps the copies of
 * the users up to date and changes the schedules of their journeys; it sends nothing
 * itself (the scheduler does), so a slow or absent SMTP server never holds up the events.
 * <p>
 * The work is done a few statements per batch, not per event: a bulk import of 30,000
 * users is 30,000 creates ahead of any delete that follows it in the partition, and one
 * transaction each made an exit survey wait minutes for its delete to be read at all.
 * Creates, reads and updates are gathered and written together; a delete first writes
 * what was gathered before it, so each user's events still take effect in their order.
 * <p>
 * Snapshot reads are users that existed before this service: they are remembered but not
 * onboarded, they are not new. An update changes the address that later steps go to.
 */
@Service
class UserLifecycle {

	private static final Logger log = LoggerFactory.getLogger(UserLifecycle.class);

	private final ProcessedEvents processedEvents;

	private final KnownUsers knownUsers;

	private final Journeys journeys;

	private final BulkImports bulkImports;

	UserLifecycle(ProcessedEvents processedEvents, KnownUsers knownUsers, Journeys journeys, BulkImports bulkImports) {
		this.processedEvents = processedEvents;
		this.knownUsers = knownUsers;
		this.journeys = journeys;
		this.bulkImports = bulkImports;
	}

	/**
	 * Applies events in their order, each once however often it arrives.
	 * @param events the events, in the order of their partition
	 */
	@Transactional
	public void apply(List<ChangeEvent<UserRow>> events) {
		Map<String, ChangeEvent<UserRow>> byId = new LinkedHashMap<>();
		for (ChangeEvent<UserRow> event : events) {
			UserRow row = event.row();
			if (row == null || row.id() == null) {
				throw new MalformedChangeEventException(
						"change event of operation " + event.operation() + " has no user id");
			}
			byId.putIfAbsent(ProcessedEvents.eventId(event, row.id()), event);
		}
		Set<String> fresh = this.processedEvents.markProcessed(byId.keySet());
		if (fresh.size() < events.size()) {
			log.info("{} of {} event(s) were processed before, ignoring them", events.size() - fresh.size(),
					events.size());
		}
		Pending pending = new Pending();
		byId.forEach((id, event) -> {
			if (!fresh.contains(id)) {
				return;
			}
			UserRow row = event.row();
			switch (event.operation()) {
				case CREATE -> {
					pending.remember(row);
					pending.newUsers.put(row.id(), this.bulkImports.isBulk(event));
				}
				case READ, UPDATE -> pending.remember(row);
				case DELETE -> {
					write(pending);
					sayGoodbye(row.id());
				}
				default -> log.debug("Ignoring {} event for user {}", event.operation(), row.id());
			}
		});
		write(pending);
	}

	private void write(Pending pending) {
		this.knownUsers.saveAll(pending.users.values());
		this.journeys.start(pending.newUsers);
		pending.users.clear();
		pending.newUsers.clear();
	}

	private void sayGoodbye(long userId) {
		if (this.knownUsers.findById(userId).isPresent()) {
			this.journeys.end(userId);
		}
		else {
			log.info("User {} was deleted but is not known here (already forgotten?), nothing to do", userId);
		}
	}

	/**
	 * What the events read so far change, not written yet: the latest copy of each user,
	 * and the users to onboard (each mapped to whether it came with a bulk import).
	 */
	private static final class Pending {

		final Map<Long, KnownUser> users = new LinkedHashMap<>();

		final Map<Long, Boolean> newUsers = new LinkedHashMap<>();

		void remember(UserRow row) {
			this.users.remove(row.id());
			this.users.put(row.id(), new KnownUser(row.id(), row.email(), row.firstName(), row.lastName()));
		}

	}

}
