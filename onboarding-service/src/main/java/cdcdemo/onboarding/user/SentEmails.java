package cdcdemo.onboarding.user;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The log of emails sent, one row per user and kind. Change events arrive at least once, so this log, written in the
 * same transaction as the sending, is what keeps a redelivered event from sending an email twice.
 */
@Repository
class SentEmails {

	private final JdbcClient jdbc;

	SentEmails(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claim the right to send an email.
	 * @param userId the user
	 * @param kind the kind of email
	 * @param recipient the address it goes to
	 * @return {@code true} if this email was not sent before and should be sent now
	 */
	boolean claim(long userId, EmailKind kind, String recipient) {
		return this.jdbc.sql("""
				insert into sent_email (user_id, kind, recipient, sent_at) values (:id, :kind, :recipient, now())
				on conflict (user_id, kind) do nothing
				""")
			.param("id", userId)
			.param("kind", kind.name())
			.param("recipient", recipient)
			.update() == 1;
	}

	void forgetRecipients(long userId) {
		this.jdbc.sql("update sent_email set recipient = null where user_id = :id").param("id", userId).update();
	}

}
