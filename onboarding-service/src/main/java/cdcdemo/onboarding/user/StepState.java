package cdcdemo.onboarding.user;

/**
 * Where a step of a user's journey stands.
 */
enum StepState {

	/** Due at its time, and retried after a failed attempt. */
	SCHEDULED,

	/** Its email went out. */
	SENT,

	/** The user left (or had no address) before it was due. */
	CANCELLED,

	/** Every attempt to send it failed; it is no longer tried. */
	FAILED

}
