package cdcdemo.onboarding.dashboard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A read-only view over the tables of the other features (journey steps, emails sent,
 * dead letters, surveys), so that the dashboard needs no write access to anything and the
 * features need no code for it.
 */
@Repository
class Dashboard {

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final JdbcClient jdbc;

	Dashboard(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The most recent journeys, newest first.
	 * @param limit how many
	 * @return the journeys with their steps in due order
	 */
	List<Journey> journeys(int limit) {
		Map<Long, Journey> journeys = new LinkedHashMap<>();
		this.jdbc.sql("""
				with recent as (
				    select user_id, min(due_at) as started from journey_step group by user_id
				    order by started desc, user_id desc limit :limit)
				select r.user_id, u.first_name, u.last_name, u.email, s.step, s.state, s.due_at, s.done_at, s.attempts,
				       s.last_error
				from recent r
				join journey_step s on s.user_id = r.user_id
				left join known_user u on u.user_id = r.user_id
				order by r.started desc, r.user_id desc, coalesce(s.done_at, s.due_at), s.due_at, s.step
				""").param("limit", limit).query((ResultSet rs) -> {
			long userId = rs.getLong("user_id");
			Journey journey = journeys.computeIfAbsent(userId, (id) -> new Journey(id, string(rs, "first_name"),
					string(rs, "last_name"), string(rs, "email"), new ArrayList<>()));
			journey.steps()
				.add(new Step(rs.getString("step"), rs.getString("state"), instant(rs.getTimestamp("due_at")),
						instant(rs.getTimestamp("done_at")), rs.getInt("attempts"), rs.getString("last_error")));
		});
		return List.copyOf(journeys.values());
	}

	Map<String, Long> emailsSentPerStep() {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.jdbc.sql("select kind, count(*) as n from sent_email group by kind order by kind")
			.query((ResultSet rs) -> {
				counts.put(rs.getString("kind"), rs.getLong("n"));
			});
		return counts;
	}

	List<SentEmail> recentEmails(int limit) {
		return this.jdbc
			.sql("""
					select user_id, kind, recipient, sent_at from sent_email order by sent_at desc, user_id desc limit :limit
					""")
			.param("limit", limit)
			.query((rs, n) -> new SentEmail(rs.getLong("user_id"), rs.getString("kind"), rs.getString("recipient"),
					instant(rs.getTimestamp("sent_at"))))
			.list();
	}

	/**
	 * The steps due and not sent yet, per step, the longest waiting first. A step being
	 * retried after a failure is due again only at its next attempt.
	 */
	List<Backlog> backlog() {
		return this.jdbc.sql("""
				select step, count(*) as due, min(due_at) as oldest from journey_step
				where state = 'SCHEDULED' and due_at <= now()
				group by step order by oldest, step
				""")
			.query((rs, n) -> new Backlog(rs.getString("step"), rs.getLong("due"), instant(rs.getTimestamp("oldest"))))
			.list();
	}

	long deadLetters() {
		return this.jdbc.sql("select count(*) from dead_letter").query(Long.class).single();
	}

	long surveysAnswered() {
		return this.jdbc.sql("select count(*) from survey where answered_at is not null").query(Long.class).single();
	}

	private static String string(ResultSet rs, String column) {
		try {
			return rs.getString(column);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * A user's journey; name and address are {@code null} once erased.
	 */
	record Journey(long userId, String firstName, String lastName, String email, List<Step> steps) {

		public boolean erased() {
			return this.email == null;
		}

	}

	/**
	 * A step and its state; {@code dueAt} is the next attempt while it is retried.
	 */
	record Step(String name, String state, Instant dueAt, Instant doneAt, int attempts, String lastError) {

		public String dueAtText() {
			return text(this.dueAt);
		}

		public String doneAtText() {
			return text(this.doneAt);
		}

	}

	/**
	 * The steps of one kind that are due and not sent.
	 */
	record Backlog(String step, long due, Instant oldestDueAt) {

		public String oldestDueAtText() {
			return text(this.oldestDueAt);
		}

	}

	/**
	 * An email sent; the recipient is {@code null} once the user is erased.
	 */
	record SentEmail(long userId, String step, String recipient, Instant sentAt) {

		public String sentAtText() {
			return text(this.sentAt);
		}

	}

	static String text(Instant instant) {
		return (instant != null) ? UTC.format(instant) : "";
	}

}
