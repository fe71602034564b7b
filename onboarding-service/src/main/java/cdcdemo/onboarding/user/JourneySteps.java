package cdcdemo.onboarding.user;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The steps of every journey and their state. The primary key (user, step) is what makes a step scheduled once
 * however often the event behind it arrives; the row lock taken while sending is what keeps a delete from cancelling
 * a step half-sent.
 */
@Repository
class JourneySteps {

	private final JdbcClient jdbc;

	JourneySteps(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return {@code true} if the step was new and is now scheduled, {@code false} if it existed already
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
	 * Adds the steps of a new journey in one statement (a bulk import adds tens of thousands of journeys, one event
	 * each, so the statements per event are what the consumption of the import costs).
	 * @param userId the user
	 * @param dueAt the steps and when each is due
	 * @return the steps that were new and are now scheduled
	 */
	List<StepRef> addAll(long userId, Map<String, Instant> dueAt) {
		List<String> rows = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		params.put("user", userId);
		dueAt.forEach((step, due) -> {
			int row = rows.size();
			rows.add("(:user, :step%1$d, 'SCHEDULED', :due%1$d)".formatted(row));
			params.put("step" + row, step);
			params.put("due" + row, Timestamp.from(due));
		});
		String sql = "insert into journey_step (user_id, step, state, due_at) values " + String.join(", ", rows)
				+ " on conflict do nothing returning step";
		return this.jdbc.sql(sql)
			.params(params)
			.query(String.class)
			.list()
			.stream()
			.map((step) -> new StepRef(userId, step))
			.toList();
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
