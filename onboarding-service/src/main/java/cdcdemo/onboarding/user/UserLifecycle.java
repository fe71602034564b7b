package cdcdemo.onboarding.user;

import java.util.ArrayList;
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
import cdcdemo.events.reactions.EventRef;

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
 * <p>
 * What the events cause is announced on the reactions topic ({@link JourneyReactions})
 * once the transaction commits: a batch that rolls back and is handled again one event at
 * a time announces only what the second, committed handling did.
 */
@Service
class UserLifecycle {

	private static final Logger log = LoggerFactory.getLogger(UserLifecycle.class);

	private final ProcessedEvents processedEvents;

	private final KnownUsers knownUsers;

	private final Journeys journeys;

	private final BulkImports bulkImports;

	private final JourneyReactions reactions;

	UserLifecycle(ProcessedEvents processedEvents, KnownUsers knownUsers, Journeys journeys, BulkImports bulkImports,
			JourneyReactions reactions) {
		this.processedEvents = processedEvents;
		this.knownUsers = knownUsers;
		this.journeys = journeys;
		this.bulkImports = bulkImports;
		this.reactions = reactions;
	}

	/**
	 * Applies events in their order, each once however often it arrives; an event handled
	 * before is announced as skipped.
	 * @param changes the events, in the order of their partition
	 */
	@Transactional
	public void apply(List<UserChange> changes) {
		Map<String, UserChange> byId = new LinkedHashMap<>();
		List<UserChange> repeated = new ArrayList<>();
		for (UserChange change : changes) {
			UserRow row = change.event().row();
			if (row == null || row.id() == null) {
				throw new MalformedChangeEventException(
						"change event of operation " + change.event().operation() + " has no user id");
			}
			if (byId.putIfAbsent(ProcessedEvents.eventId(change.event(), row.id()), change) != null) {
				repeated.add(change);
			}
		}
		Set<String> fresh = this.processedEvents.markProcessed(byId.keySet());
		if (fresh.size() < changes.size()) {
			log.info("{} of {} event(s) were processed before, ignoring them", changes.size() - fresh.size(),
					changes.size());
		}
		Pending pending = new Pending();
		byId.forEach((id, change) -> {
			if (!fresh.contains(id)) {
				this.reactions.duplicateSkipped(change);
				return;
			}
			ChangeEvent<UserRow> event = change.event();
			UserRow row = event.row();
			switch (event.operation()) {
				case CREATE -> {
					pending.remember(row);
					pending.newUsers.put(row.id(), new Journeys.NewUser(this.bulkImports.isBulk(event), change.ref()));
				}
				case READ, UPDATE -> pending.remember(row);
				case DELETE -> {
					write(pending);
					sayGoodbye(row.id(), change.ref());
				}
				default -> log.debug("Ignoring {} event for user {}", event.operation(), row.id());
			}
		});
		write(pending);
		repeated.forEach(this.reactions::duplicateSkipped);
	}

	private void write(Pending pending) {
		this.knownUsers.saveAll(pending.users.values());
		this.journeys.start(pending.newUsers);
		pending.users.clear();
		pending.newUsers.clear();
	}

	private void sayGoodbye(long userId, EventRef cause) {
		if (this.knownUsers.findById(userId).isPresent()) {
			this.journeys.end(userId, cause);
		}
		else {
			log.info("User {} was deleted but is not known here (already forgotten?), nothing to do", userId);
		}
	}

	/**
	 * What the events read so far change, not written yet: the latest copy of each user,
	 * and the users to onboard.
	 */
	private static final class Pending {

		final Map<Long, KnownUser> users = new LinkedHashMap<>();

		final Map<Long, Journeys.NewUser> newUsers = new LinkedHashMap<>();

		void remember(UserRow row) {
			this.users.remove(row.id());
			this.users.put(row.id(), new KnownUser(row.id(), row.email(), row.firstName(), row.lastName()));
		}

	}

}
