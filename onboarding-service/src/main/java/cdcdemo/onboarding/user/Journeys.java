package cdcdemo.onboarding.user;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.Priority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import cdcdemo.events.reactions.EventRef;
import cdcdemo.onboarding.system.OnboardingProperties;

/**
 * Starts and ends journeys in the durable scheduler. Meant to be called inside the
 * transaction of a change event: the {@code journey_step} rows and the scheduler's rows
 * commit together with the record of the event, or not at all. A step is scheduled only
 * when its {@code journey_step} row is new, so an event seen twice schedules nothing
 * twice, even after the first schedule has run and left the scheduler's table.
 * <p>
 * The scheduler picks due steps by priority, then by due time: an exit survey first (the
 * user just left, and their data is erased once it is sent), then the steps of users who
 * signed up one by one, then those of a bulk import. Without priorities a survey would
 * wait behind every welcome of a bulk import due before it: 30,000 welcomes at the
 * provider's rate are minutes of sending.
 * <p>
 * Each step remembers the event that caused it, for the reaction its sending announces;
 * starting and ending a journey announce theirs ({@link JourneyReactions}), after the
 * event's transaction commits.
 */
@Component
class Journeys {

	private static final Logger log = LoggerFactory.getLogger(Journeys.class);

	private final SchedulerClient scheduler;

	private final JourneySteps steps;

	private final ScheduledStepRows scheduledRows;

	private final JourneyReactions reactions;

	private final OnboardingProperties.Journey journey;

	Journeys(SchedulerClient scheduler, JourneySteps steps, ScheduledStepRows scheduledRows, JourneyReactions reactions,
			OnboardingProperties properties) {
		this.scheduler = scheduler;
		this.steps = steps;
		this.scheduledRows = scheduledRows;
		this.reactions = reactions;
		this.journey = properties.journey();
	}

	/**
	 * Schedules the configured steps of new users, those not scheduled before, in two
	 * statements (one per table, see {@link ScheduledStepRows}) however many users there
	 * are, and announces each user's steps as scheduled.
	 * @param newUsers the new users, each mapped to the event that created it and whether
	 * it came with a bulk import, whose steps yield to every other due step
	 */
	void start(Map<Long, NewUser> newUsers) {
		if (newUsers.isEmpty()) {
			return;
		}
		Instant now = Instant.now();
		Map<StepRef, Instant> dueAt = new LinkedHashMap<>();
		for (long userId : newUsers.keySet()) {
			for (OnboardingProperties.Step step : this.journey.steps()) {
				dueAt.put(new StepRef(userId, step.name()), now.plus(this.journey.scaled(step.after())));
			}
		}
		List<StepRef> added = this.steps.addAll(dueAt, (step) -> newUsers.get(step.userId()).cause());
		if (added.size() < dueAt.size()) {
			log.info("{} step(s) of {} new user(s) were scheduled before, not again", dueAt.size() - added.size(),
					newUsers.size());
		}
		if (added.isEmpty()) {
			return;
		}
		// a journey_step row is new only in the transaction that also creates the
		// scheduler's row: none exists yet
		this.scheduledRows.addAll(added, dueAt,
				(step) -> newUsers.get(step.userId()).bulkImport() ? Priority.LOW : Priority.MEDIUM);
		Map<Long, Map<String, Instant>> addedByUser = new LinkedHashMap<>();
		added.forEach((step) -> addedByUser.computeIfAbsent(step.userId(), (id) -> new LinkedHashMap<>())
			.put(step.step(), dueAt.get(step)));
		addedByUser.forEach((userId, steps) -> this.reactions.welcomeScheduled(newUsers.get(userId).cause(), userId,
				newUsers.get(userId).bulkImport(), steps));
		if (newUsers.size() == 1) {
			log.info("Scheduled steps {} of user {}", added.stream().map(StepRef::step).toList(),
					added.get(0).userId());
		}
		else {
			log.info("Scheduled {} steps of {} new users", added.size(), newUsers.size());
		}
	}

	/**
	 * Cancel what is left of the onboarding and schedule the exit survey, now, and
	 * announce both.
	 * @param userId the user who left
	 * @param cause the delete
	 */
	void end(long userId, EventRef cause) {
		List<StepRef> cancelled = this.steps.cancelOnboarding(userId);
		for (StepRef step : cancelled) {
			try {
				this.scheduler.cancel(step.taskInstanceId());
			}
			catch (TaskInstanceNotFoundException | TaskInstanceCurrentlyExecutingException ex) {
				// being sent right now: the sender finds the step cancelled and sends
				// nothing
				log.debug("Step {} of user {} not cancelled in the scheduler: {}", step.step(), userId, ex.toString());
			}
		}
		if (!cancelled.isEmpty()) {
			log.info("Cancelled {} pending step(s) of user {}", cancelled.size(), userId);
		}
		Instant surveyDueAt = Instant.now();
		boolean surveyScheduled = schedule(new StepRef(userId, StepRef.EXIT_SURVEY), surveyDueAt, Priority.HIGH, cause);
		this.reactions.stepsCancelled(cause, userId, cancelled, surveyScheduled ? surveyDueAt : null);
	}

	private boolean schedule(StepRef step, Instant dueAt, int priority, EventRef cause) {
		if (this.steps.add(step, dueAt, cause)) {
			this.scheduler
				.scheduleIfNotExists(StepRef.TASK.instance(step.instanceId()).priority(priority).scheduledTo(dueAt));
			log.info("Scheduled step {} of user {} at {} (priority {})", step.step(), step.userId(), dueAt, priority);
			return true;
		}
		log.info("Step {} of user {} was scheduled before, not again", step.step(), step.userId());
		return false;
	}

	/**
	 * A user to onboard.
	 *
	 * @param bulkImport whether the user came with a bulk import
	 * @param cause the event that created the user, remembered by each step
	 */
	record NewUser(boolean bulkImport, EventRef cause) {
	}

}
