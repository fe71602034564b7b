package cdcdemo.onboarding.user;

import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.stereotype.Component;

import cdcdemo.onboarding.system.OnboardingProperties;

/**
 * Writes and sends the two emails of a user's life here. Plain text, so that any mail client shows them the same.
 */
@Component
class OnboardingMailer {

	private final MailSender mailSender;

	private final String from;

	OnboardingMailer(MailSender mailSender, OnboardingProperties properties) {
		this.mailSender = mailSender;
		this.from = properties.mail().from();
	}

	void sendWelcome(KnownUser user) {
		send(user.email(), "Welcome, %s!".formatted(name(user)), """
				Hi %s,

				welcome aboard! Your account is ready and you can start right away.

				If you have any question, just reply to this email: a person reads every answer.

				The onboarding team
				""".formatted(name(user)));
	}

	void sendExitSurvey(KnownUser user) {
		send(user.email(), "We're sorry to see you go, %s".formatted(name(user)), """
				Hi %s,

				your account has been deleted. We're sorry to see you go.

				Would you tell us why you left? Just reply to this email; one sentence is enough and helps us a lot.

				This is the last email you get from us: we have erased what we knew about you.

				The onboarding team
				""".formatted(name(user)));
	}

	private void send(String to, String subject, String text) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.from);
		message.setTo(to);
		message.setSubject(subject);
		message.setText(text);
		this.mailSender.send(message);
	}

	private static String name(KnownUser user) {
		return (user.firstName() != null && !user.firstName().isBlank()) ? user.firstName() : "there";
	}

}
