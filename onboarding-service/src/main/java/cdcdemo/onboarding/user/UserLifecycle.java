package cdcdemo.onboarding.user;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cdcdemo.events.ChangeEvent;
import cdcdemo.events.MalformedChangeEventException;

/**
 * Turns a change of a user row into what the user should experience. Each event is handled in one transaction that
 * records the event as processed, keeps the copy of the user up to date and changes the schedule of their journey;
 * it sends nothing itself (the scheduler does), so a slow or absent SMTP server never holds up the events.
 * <p>
 * Snapshot reads are users that existed before this service: they are remembered but not onboarded, they are not
 * new. An update changes the address that later steps go to.
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

	@Transactional
	public void apply(ChangeEvent<UserRow> event) {
		UserRow row = event.row();
		if (row == null || row.id() == null) {
			throw new MalformedChangeEventException("change event of operation " + event.operation() + " has no user id");
		}
		if (!this.processedEvents.markProcessed(event, row.id())) {
			log.info("The {} event of user {} was processed before, ignoring it", event.operation(), row.id());
			return;
		}
		switch (event.operation()) {
			case CREATE -> {
				remember(row);
				this.journeys.start(row.id(), this.bulkImports.isBulk(event));
			}
			case READ, UPDATE -> remember(row);
			case DELETE -> sayGoodbye(row.id());
			default -> log.debug("Ignoring {} event for user {}", event.operation(), row.id());
		}
	}

	private void remember(UserRow row) {
		this.knownUsers.save(new KnownUser(row.id(), row.email(), row.firstName(), row.lastName()));
	}

	private void sayGoodbye(long userId) {
		if (this.knownUsers.findById(userId).isPresent()) {
			this.journeys.end(userId);
		}
		else {
			log.info("User {} was deleted but is not known here (already forgotten?), nothing to do", userId);
		}
	}

}
