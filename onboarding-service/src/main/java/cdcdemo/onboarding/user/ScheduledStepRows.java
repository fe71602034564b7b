package cdcdemo.onboarding.user;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * Adds the scheduler's rows for many new steps in one statement. db-scheduler's
 * {@code scheduleBatch} sends one insert per step (a JDBC batch), which made its rows
 * most of the cost of consuming a bulk import: 90,000 of them for 30,000 users, while an
 * exit survey's delete waits behind them in the partition. This writes what its
 * {@code createBatch} writes (no task data, not picked, version 1, the priority) into the
 * table of {@code V2__journeys_surveys_and_scheduler.sql}, and only for steps whose
 * {@code journey_step} row is new, so no row can exist yet.
 */
@Repository
class ScheduledStepRows {

	private final JdbcClient jdbc;

	ScheduledStepRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param steps the new steps
	 * @param dueAt when each is due
	 * @param priority the priority of each
	 */
	void addAll(List<StepRef> steps, Map<StepRef, Instant> dueAt, ToIntFunction<StepRef> priority) {
		if (steps.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				insert into scheduled_tasks
				    (task_name, task_instance, task_data, execution_time, picked, version, priority)
				select :task, instance, null, execution_time::timestamptz, false, 1, priority
				from unnest(:instances, :executionTimes, :priorities) as s (instance, execution_time, priority)
				""")
			.param("task", StepRef.TASK.getTaskName())
			.param("instances", new SqlArrayValue("text", steps.stream().map(StepRef::instanceId).toArray()))
			.param("executionTimes",
					new SqlArrayValue("text", steps.stream().map((step) -> dueAt.get(step).toString()).toArray()))
			.param("priorities", new SqlArrayValue("smallint", steps.stream().map(priority::applyAsInt).toArray()))
			.update();
	}

}
