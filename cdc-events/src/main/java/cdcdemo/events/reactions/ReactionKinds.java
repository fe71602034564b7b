package cdcdemo.events.reactions;

/**
 * The kinds of reaction the platform's own consumers publish. A consumer may publish
 * kinds of its own (kebab case, named after what happened, in the past tense); a reader
 * shows a kind it does not know by its summary.
 */
public final class ReactionKinds {

	/**
	 * onboarding-service scheduled the journey of a new user; {@code detail}:
	 * {@code userId}, {@code bulkImport}, {@code steps} (each {@code step} and
	 * {@code dueAt}).
	 */
	public static final String WELCOME_SCHEDULED = "welcome-scheduled";

	/**
	 * onboarding-service sent an email of the journey the event started; {@code detail}:
	 * {@code userId}, {@code step}.
	 */
	public static final String EMAIL_SENT = "email-sent";

	/**
	 * onboarding-service cancelled what was left of a journey because the user was
	 * deleted, and scheduled the exit survey; {@code detail}: {@code userId},
	 * {@code steps} (the names of the steps cancelled, maybe none), {@code surveyDueAt}.
	 */
	public static final String STEPS_CANCELLED = "steps-cancelled";

	/**
	 * onboarding-service sent the exit survey the delete scheduled; {@code detail}:
	 * {@code userId}, {@code step}.
	 */
	public static final String SURVEY_SENT = "survey-sent";

	/**
	 * The consumer had handled this event before (a redelivery or a replay) and did
	 * nothing; {@code detail}: {@code userId}, {@code operation}.
	 */
	public static final String DUPLICATE_SKIPPED = "duplicate-skipped";

	/**
	 * domain-stats counted a user in or out of a domain; {@code detail}: {@code domain},
	 * {@code users} (the new count).
	 */
	public static final String COUNT_CHANGED = "count-changed";

	private ReactionKinds() {
	}

}
