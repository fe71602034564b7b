package cdcdemo.onboarding.user;

import java.time.Instant;
import java.util.List;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import cdcdemo.onboarding.system.OnboardingProperties;

/**
 * Starts and ends journeys in the durable scheduler. Meant to be called inside the transaction of a change event:
 * the {@code journey_step} rows and the scheduler's rows commit together with the record of the event, or not at
 * all. A step is scheduled only when its {@code journey_step} row is new, so an event seen twice schedules nothing
 * twice, even after the first schedule has run and left the scheduler's table.
 */
@Component
class Journeys {

	private static final Logger log = LoggerFactory.getLogger(Journeys.class);

	private final SchedulerClient scheduler;

	private final JourneySteps steps;

	private final OnboardingProperties.Journey journey;

	Journeys(SchedulerClient scheduler, JourneySteps steps, OnboardingProperties properties) {
		this.scheduler = scheduler;
		this.steps = steps;
		this.journey = properties.journey();
	}

	void start(long userId) {
		Instant now = Instant.now();
		for (OnboardingProperties.Step step : this.journey.steps()) {
			schedule(new StepRef(userId, step.name()), now.plus(this.journey.scaled(step.after())));
		}
	}

	/**
	 * Cancel what is left of the onboarding and schedule the exit survey, now.
	 */
	void end(long userId) {
		List<StepRef> cancelled = this.steps.cancelOnboarding(userId);
		for (StepRef step : cancelled) {
			try {
				this.scheduler.cancel(step.taskInstanceId());
			}
			catch (TaskInstanceNotFoundException | TaskInstanceCurrentlyExecutingException ex) {
				// being sent right now: the sender finds the step cancelled and sends nothing
				log.debug("Step {} of user {} not cancelled in the scheduler: {}", step.step(), userId, ex.toString());
			}
		}
		if (!cancelled.isEmpty()) {
			log.info("Cancelled {} pending step(s) of user {}", cancelled.size(), userId);
		}
		schedule(new StepRef(userId, StepRef.EXIT_SURVEY), Instant.now());
	}

	private void schedule(StepRef step, Instant dueAt) {
		if (this.steps.add(step, dueAt)) {
			this.scheduler.scheduleIfNotExists(StepRef.TASK.instance(step.instanceId()).scheduledTo(dueAt));
			log.info("Scheduled step {} of user {} at {}", step.step(), step.userId(), dueAt);
		}
		else {
			log.info("Step {} of user {} was scheduled before, not again", step.step(), step.userId());
		}
	}

}
