package cdcdemo.onboarding.user;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import cdcdemo.events.reactions.EventRef;
import cdcdemo.events.reactions.ReactionKinds;
import cdcdemo.reactions.Reactions;

/**
 * What the journeys announce on the reactions topic, each in the transaction that does
 * it, so that it goes out once that transaction commits (see {@link Reactions}). The
 * reactions are read by whoever may read the message list, so they name a user by id and
 * a step by name: nothing here takes an address, a name, or a {@link KnownUser}.
 */
@Component
class JourneyReactions {

	private final Reactions reactions;

	JourneyReactions(Reactions reactions) {
		this.reactions = reactions;
	}

	/**
	 * @param cause the create
	 * @param userId the new user
	 * @param bulkImport whether the user came with a bulk import
	 * @param steps the steps scheduled, each with when it is due
	 */
	void welcomeScheduled(EventRef cause, long userId, boolean bulkImport, Map<String, Instant> steps) {
		List<Map<String, Object>> scheduled = steps.entrySet()
			.stream()
			.map((step) -> Map.<String, Object>of("step", step.getKey(), "dueAt", step.getValue()))
			.toList();
		this.reactions.announce(cause, ReactionKinds.WELCOME_SCHEDULED,
				"Scheduled " + String.join(", ", steps.keySet()) + " for user " + userId,
				Map.of("userId", userId, "bulkImport", bulkImport, "steps", scheduled));
	}

	/**
	 * @param cause the delete
	 * @param userId the user who left
	 * @param cancelled the steps cancelled, maybe none
	 * @param surveyDueAt when the exit survey is due; {@code null} if it was scheduled
	 * before
	 */
	void stepsCancelled(EventRef cause, long userId, List<StepRef> cancelled, Instant surveyDueAt) {
		List<String> steps = cancelled.stream().map(StepRef::step).toList();
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("userId", userId);
		detail.put("steps", steps);
		if (surveyDueAt != null) {
			detail.put("surveyDueAt", surveyDueAt);
		}
		this.reactions.announce(cause, ReactionKinds.STEPS_CANCELLED,
				"Cancelled " + (steps.isEmpty() ? "no pending step" : String.join(", ", steps)) + " of user " + userId
						+ ((surveyDueAt != null) ? "; exit survey scheduled" : ""),
				detail);
	}

	/**
	 * @param cause the event that scheduled the step; {@code null} for a step scheduled
	 * before steps remembered it, which announces nothing
	 * @param step the step whose email went out
	 */
	void sent(EventRef cause, StepRef step) {
		String kind = step.isExitSurvey() ? ReactionKinds.SURVEY_SENT : ReactionKinds.EMAIL_SENT;
		this.reactions.announce(cause, kind, "Sent " + step.step() + " to user " + step.userId(),
				Map.of("userId", step.userId(), "step", step.step()));
	}

	/**
	 * @param change an event handled before, now ignored
	 */
	void duplicateSkipped(UserChange change) {
		long userId = change.event().row().id();
		this.reactions.announce(change.ref(), ReactionKinds.DUPLICATE_SKIPPED,
				"Already handled this " + change.event().operation().name().toLowerCase(Locale.ROOT) + " of user "
						+ userId + "; nothing done",
				Map.of("userId", userId, "operation", change.event().operation().name()));
	}

}
