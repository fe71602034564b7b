package cdcdemo.onboarding.user;

import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cdcdemo.onboarding.survey.Surveys;

/**
 * Sends one due step, in one transaction that locks the step's row first: a delete
 * handled meanwhile waits, then finds the step sent; a step cancelled before is not sent.
 * If sending fails, everything rolls back (including the claim in {@link SentEmails} and
 * a new survey link) and the scheduler tries again later. After the exit survey, the
 * personal data of the user is erased. Before all that, it waits its turn at the
 * {@link SendRate}. An email sent is announced as a reaction to the event that scheduled
 * its step ({@link JourneyReactions}), once the transaction has committed: a rolled-back
 * attempt announces nothing.
 */
@Component
class JourneyStepSender {

	private static final Logger log = LoggerFactory.getLogger(JourneyStepSender.class);

	private final TransactionTemplate transaction;

	private final JourneySteps steps;

	private final KnownUsers knownUsers;

	private final SentEmails sentEmails;

	private final Surveys surveys;

	private final OnboardingMailer mailer;

	private final SendRate sendRate;

	private final JourneyReactions reactions;

	JourneyStepSender(TransactionTemplate transaction, JourneySteps steps, KnownUsers knownUsers, SentEmails sentEmails,
			Surveys surveys, OnboardingMailer mailer, SendRate sendRate, JourneyReactions reactions) {
		this.transaction = transaction;
		this.steps = steps;
		this.knownUsers = knownUsers;
		this.sentEmails = sentEmails;
		this.surveys = surveys;
		this.mailer = mailer;
		this.sendRate = sendRate;
		this.reactions = reactions;
	}

	void send(StepRef step) {
		this.sendRate.acquire();
		this.transaction.executeWithoutResult((status) -> {
			Optional<JourneySteps.LockedStep> locked = this.steps.lock(step);
			if (locked.isEmpty() || locked.get().state() != StepState.SCHEDULED) {
				log.info("Step {} of user {} is {}, not sending it", step.step(), step.userId(),
						locked.map((found) -> found.state().name()).orElse("unknown"));
				return;
			}
			Optional<KnownUser> user = this.knownUsers.findById(step.userId()).filter((u) -> u.email() != null);
			if (user.isEmpty()) {
				this.steps.finish(step, StepState.CANCELLED, "no email address");
				log.warn("User {} has no email address, step {} cancelled", step.userId(), step.step());
				return;
			}
			if (this.sentEmails.claim(step, user.get().email())) {
				Map<String, Object> variables = step.isExitSurvey()
						? Map.of("surveyUrl", this.surveys.link(this.surveys.open(step.userId()))) : Map.of();
				this.mailer.send(step.step(), user.get(), variables);
				this.reactions.sent(locked.get().cause(), step);
				log.info("Sent step {} to user {}", step.step(), step.userId());
			}
			else {
				log.info("Step {} of user {} was sent before, not again", step.step(), step.userId());
			}
			this.steps.finish(step, StepState.SENT, null);
			if (step.isExitSurvey()) {
				this.knownUsers.delete(step.userId());
				this.sentEmails.forgetRecipients(step.userId());
				log.info("Erased the personal data of user {}", step.userId());
			}
		});
	}

}
