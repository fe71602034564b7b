package cdcdemo.onboarding.user;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cdcdemo.events.ChangeEvent;
import cdcdemo.events.MalformedChangeEventException;

/**
 * Turns a change of a user row into what the user should experience. Each event is handled in one transaction that
 * claims the email in {@link SentEmails} before sending it: if sending fails, the claim rolls back and the retry sends
 * again; if the event comes twice, the second claim fails and nothing is sent twice.
 * <p>
 * Snapshot reads are users that existed before this service: they are remembered but not welcomed, they are not new.
 */
@Service
class UserLifecycle {

	private static final Logger log = LoggerFactory.getLogger(UserLifecycle.class);

	private final KnownUsers knownUsers;

	private final SentEmails sentEmails;

	private final OnboardingMailer mailer;

	UserLifecycle(KnownUsers knownUsers, SentEmails sentEmails, OnboardingMailer mailer) {
		this.knownUsers = knownUsers;
		this.sentEmails = sentEmails;
		this.mailer = mailer;
	}

	@Transactional
	public void apply(ChangeEvent<UserRow> event) {
		UserRow row = event.row();
		if (row == null || row.id() == null) {
			throw new MalformedChangeEventException("change event of operation " + event.operation() + " has no user id");
		}
		switch (event.operation()) {
			case CREATE -> welcome(remember(row));
			case READ, UPDATE -> remember(row);
			case DELETE -> sayGoodbye(row.id());
			default -> log.debug("Ignoring {} event for user {}", event.operation(), row.id());
		}
	}

	private KnownUser remember(UserRow row) {
		KnownUser user = new KnownUser(row.id(), row.email(), row.firstName(), row.lastName());
		this.knownUsers.save(user);
		return user;
	}

	private void welcome(KnownUser user) {
		if (user.email() == null) {
			log.warn("User {} has no email address, no welcome email", user.userId());
		}
		else if (this.sentEmails.claim(user.userId(), EmailKind.WELCOME, user.email())) {
			this.mailer.sendWelcome(user);
			log.info("Sent the welcome email to user {}", user.userId());
		}
		else {
			log.info("User {} was already welcomed, not sending again", user.userId());
		}
	}

	private void sayGoodbye(long userId) {
		this.knownUsers.findById(userId).ifPresentOrElse((user) -> {
			if (user.email() != null && this.sentEmails.claim(userId, EmailKind.EXIT_SURVEY, user.email())) {
				this.mailer.sendExitSurvey(user);
				log.info("Sent the exit survey to user {}", userId);
			}
			this.knownUsers.delete(userId);
			this.sentEmails.forgetRecipients(userId);
			log.info("Erased the personal data of user {}", userId);
		}, () -> log.info("User {} was deleted but is not known here (already forgotten?), nothing to do", userId));
	}

}
