package cdcdemo.onboarding.user;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;

/**
 * One step of one user's journey, and its identity in the scheduler: the task instance id
 * {@code <userId>:<step>} is unique per user and step, so the scheduler cannot hold the
 * same step twice.
 *
 * @param userId the user
 * @param step the step's name
 */
record StepRef(long userId, String step) {

	/**
	 * The one scheduler task that sends every step; the instance id says which user and
	 * step.
	 */
	static final TaskDescriptor<Void> TASK = TaskDescriptor.of("journey-step");

	/** The last step, after a user left: not configured, it follows a delete. */
	static final String EXIT_SURVEY = "exit-survey";

	static StepRef parse(String instanceId) {
		int colon = instanceId.indexOf(':');
		if (colon < 1) {
			throw new IllegalArgumentException("not a journey step: " + instanceId);
		}
		return new StepRef(Long.parseLong(instanceId.substring(0, colon)), instanceId.substring(colon + 1));
	}

	String instanceId() {
		return this.userId + ":" + this.step;
	}

	TaskInstanceId taskInstanceId() {
		return TASK.instanceId(instanceId());
	}

	boolean isExitSurvey() {
		return EXIT_SURVEY.equals(this.step);
	}

}
