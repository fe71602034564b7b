package cdcdemo.onboarding.user;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

import cdcdemo.events.reactions.EventRef;

/**
 * The steps of every journey and their state. The primary key (user, step) is what makes
 * a step scheduled once however often the event behind it arrives; the row lock taken
 * while sending is what keeps a delete from cancelling a step half-sent. Each step
 * remembers the change event that caused it (the {@code cause_} columns), so that its
 * sending can announce a reaction to that event.
 */
@Repository
class JourneySteps {

	private final JdbcClient jdbc;

	JourneySteps(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param cause the event that caused the step, remembered for its reaction
	 * @return {@code true} if the step was new and is now scheduled, {@code false} if it
	 * existed already
	 */
	boolean add(StepRef step, Instant dueAt, EventRef cause) {
		return this.jdbc.sql("""
				insert into journey_step (user_id, step, state, due_at,
				    cause_topic, cause_partition, cause_offset, cause_lsn, cause_tx_id)
				values (:user, :step, 'SCHEDULED', :due, :topic, :partition, :offset, :lsn, :txId)
				on conflict do nothing
				""")
			.param("user", step.userId())
			.param("step", step.step())
			.param("due", Timestamp.from(dueAt))
			.param("topic", cause.topic())
			.param("partition", cause.partition())
			.param("offset", cause.offset())
			.param("lsn", cause.lsn())
			.param("txId", cause.txId())
			.update() == 1;
	}

	/**
	 * Adds steps in one statement, however many there are: a bulk import adds tens of
	 * thousands of journeys, so the statements per event, not per row, are what its
	 * consumption costs.
	 * @param dueAt the steps and when each is due
	 * @param cause the event that caused each step, remembered for its reaction
	 * @return the steps that were new and are now scheduled
	 */
	List<StepRef> addAll(Map<StepRef, Instant> dueAt, Function<StepRef, EventRef> cause) {
		if (dueAt.isEmpty()) {
			return List.of();
		}
		List<StepRef> steps = List.copyOf(dueAt.keySet());
		List<EventRef> causes = steps.stream().map(cause).toList();
		return this.jdbc.sql("""
				insert into journey_step (user_id, step, state, due_at,
				    cause_topic, cause_partition, cause_offset, cause_lsn, cause_tx_id)
				select user_id, step, 'SCHEDULED', due_at::timestamptz,
				    cause_topic, cause_partition, cause_offset, cause_lsn, cause_tx_id
				from unnest(:users, :steps, :dueAt, :topics, :partitions, :offsets, :lsns, :txIds)
				    as s (user_id, step, due_at, cause_topic, cause_partition, cause_offset, cause_lsn, cause_tx_id)
				on conflict do nothing
				returning user_id, step
				""")
			.param("users", new SqlArrayValue("bigint", steps.stream().map(StepRef::userId).toArray()))
			.param("steps", new SqlArrayValue("text", steps.stream().map(StepRef::step).toArray()))
			.param("dueAt",
					new SqlArrayValue("text", steps.stream().map((step) -> dueAt.get(step).toString()).toArray()))
			.param("topics", new SqlArrayValue("text", causes.stream().map(EventRef::topic).toArray()))
			.param("partitions", new SqlArrayValue("integer", causes.stream().map(EventRef::partition).toArray()))
			.param("offsets", new SqlArrayValue("bigint", causes.stream().map(EventRef::offset).toArray()))
			.param("lsns", new SqlArrayValue("bigint", causes.stream().map(EventRef::lsn).toArray()))
			.param("txIds", new SqlArrayValue("bigint", causes.stream().map(EventRef::txId).toArray()))
			.query((rs, row) -> new StepRef(rs.getLong("user_id"), rs.getString("step")))
			.list();
	}

	/**
	 * The state of a step and the event that caused it, locking its row until the end of
	 * the transaction.
	 */
	Optional<LockedStep> lock(StepRef step) {
		return this.jdbc.sql("""
				select state, cause_topic, cause_partition, cause_offset, cause_lsn, cause_tx_id from journey_step
				where user_id = :user and step = :step for update
				""")
			.param("user", step.userId())
			.param("step", step.step())
			.query((rs, row) -> new LockedStep(StepState.valueOf(rs.getString("state")),
					(rs.getString("cause_topic") != null) ? new EventRef(rs.getString("cause_topic"),
							rs.getInt("cause_partition"), rs.getLong("cause_offset"),
							rs.getObject("cause_lsn", Long.class), rs.getObject("cause_tx_id", Long.class)) : null))
			.optional();
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

	/**
	 * A step locked for sending.
	 *
	 * @param state where it stands
	 * @param cause the event that caused it; {@code null} for a step scheduled before
	 * steps remembered it
	 */
	record LockedStep(StepState state, EventRef cause) {
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
