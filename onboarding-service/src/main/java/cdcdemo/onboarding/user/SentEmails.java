package cdcdemo.onboarding.user;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The log of emails sent, one row per user and step, written in the same transaction as
 * the sending: a second attempt at the same email finds the row and sends nothing.
 */
@Repository
class SentEmails {

	private final JdbcClient jdbc;

	SentEmails(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claim the right to send an email.
	 * @param step the user and step
	 * @param recipient the address it goes to
	 * @return {@code true} if this email was not sent before and should be sent now
	 */
	boolean claim(StepRef step, String recipient) {
		return this.jdbc.sql("""
				insert into sent_email (user_id, kind, recipient, sent_at) values (:id, :kind, :recipient, now())
				on conflict (user_id, kind) do nothing
				""").param("id", step.userId()).param("kind", step.step()).param("recipient", recipient).update() == 1;
	}

	void forgetRecipients(long userId) {
		this.jdbc.sql("update sent_email set recipient = null where user_id = :id").param("id", userId).update();
	}

}
