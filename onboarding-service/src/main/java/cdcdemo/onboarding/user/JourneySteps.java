package cdcdemo.onboarding.user;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * The steps of every journey and their state. The primary key (user, step) is what makes
 * a step scheduled once however often the event behind it arrives; the row lock taken
 * while sending is what keeps a delete from cancelling a step half-sent.
 */
@Repository
class JourneySteps {

	private final JdbcClient jdbc;

	JourneySteps(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return {@code true} if the step was new and is now scheduled, {@code false} if it
	 * existed already
	 */
	boolean add(StepRef step, Instant dueAt) {
		return this.jdbc.sql("""
				insert into journey_step (user_id, step, state, due_at) values (:user, :step, 'SCHEDULED', :due)
				on conflict do nothing
				""")
			.param("user", step.userId())
			.param("step", step.step())
			.param("due", Timestamp.from(dueAt))
			.update() == 1;
	}

	/**
	 * Adds steps in one statement, however many there are: a bulk import adds tens of
	 * thousands of journeys, so the statements per event, not per row, are what its
	 * consumption costs.
	 * @param dueAt the steps and when each is due
	 * @return the steps that were new and are now scheduled
	 */
	List<StepRef> addAll(Map<StepRef, Instant> dueAt) {
		if (dueAt.isEmpty()) {
			return List.of();
		}
		List<StepRef> steps = List.copyOf(dueAt.keySet());
		return this.jdbc.sql("""
				insert into journey_step (user_id, step, state, due_at)
				select user_id, step, 'SCHEDULED', due_at::timestamptz from unnest(:users, :steps, :dueAt)
				    as s (user_id, step, due_at)
				on conflict do nothing
				returning user_id, step
				""")
			.param("users", new SqlArrayValue("bigint", steps.stream().map(StepRef::userId).toArray()))
			.param("steps", new SqlArrayValue("text", steps.stream().map(StepRef::step).toArray()))
			.param("dueAt",
					new SqlArrayValue("text", steps.stream().map((step) -> dueAt.get(step).toString()).toArray()))
			.query((rs, row) -> new StepRef(rs.getLong("user_id"), rs.getString("step")))
			.list();
	}

	/**
	 * The state of a step, locking its row until the end of the transaction.
	 */
	Optional<StepState> lockState(StepRef step) {
		return this.jdbc.sql("select state from journey_step where user_id = :user and step = :step for update")
			.param("user", step.userId())
			.param("step", step.step())
			.query(String.class)
			.optional()
			.map(StepState::valueOf);
	}

	/**
	 * Cancel the scheduled steps of a user's onboarding (not the exit survey).
	 * @return the steps cancelled
	 */
	List<StepRef> cancelOnboarding(long userId) {
		return this.jdbc.sql("""
				update journey_step set state = 'CANCELLED', done_at = now()
				where user_id = :user and state = 'SCHEDULED' and step <> :exitSurvey
				returning step
				""")
			.param("user", userId)
			.param("exitSurvey", StepRef.EXIT_SURVEY)
			.query(String.class)
			.list()
			.stream()
			.map((step) -> new StepRef(userId, step))
			.toList();
	}

	void finish(StepRef step, StepState state, String note) {
		this.jdbc.sql("""
				update journey_step set state = :state, done_at = now(), last_error = coalesce(:note, last_error)
				where user_id = :user and step = :step
				""")
			.param("state", state.name())
			.param("note", note)
			.param("user", step.userId())
			.param("step", step.step())
			.update();
	}

	void recordFailure(StepRef step, int attempts, String error, Instant nextAttempt) {
		this.jdbc.sql("""
				update journey_step set attempts = :attempts, last_error = :error, due_at = :next
				where user_id = :user and step = :step and state = 'SCHEDULED'
				""")
			.param("attempts", attempts)
			.param("error", error)
			.param("next", Timestamp.from(nextAttempt))
			.param("user", step.userId())
			.param("step", step.step())
			.update();
	}

}
