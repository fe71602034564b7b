package cdcdemo.onboarding.user;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * The users this service knows, in its own database: the copy of the monolith's data it
 * needs to write to them, and nothing more.
 */
@Repository
class KnownUsers {

	private final JdbcClient jdbc;

	KnownUsers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Saves users in one statement, however many there are.
	 * @param users the users, each id once
	 */
	void saveAll(Collection<KnownUser> users) {
		if (users.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				insert into known_user (user_id, email, first_name, last_name, updated_at)
				select id, email, first_name, last_name, now() from unnest(:ids, :emails, :firstNames, :lastNames)
				    as u (id, email, first_name, last_name)
				on conflict (user_id) do update
				set email = excluded.email, first_name = excluded.first_name, last_name = excluded.last_name,
				    updated_at = excluded.updated_at
				""")
			.param("ids", array("bigint", users, KnownUser::userId))
			.param("emails", array("text", users, KnownUser::email))
			.param("firstNames", array("text", users, KnownUser::firstName))
			.param("lastNames", array("text", users, KnownUser::lastName))
			.update();
	}

	Optional<KnownUser> findById(long userId) {
		return this.jdbc.sql("select user_id, email, first_name, last_name from known_user where user_id = :id")
			.param("id", userId)
			.query(KnownUser.class)
			.optional();
	}

	void delete(long userId) {
		this.jdbc.sql("delete from known_user where user_id = :id").param("id", userId).update();
	}

	private static SqlArrayValue array(String type, Collection<KnownUser> users, Function<KnownUser, Object> column) {
		return new SqlArrayValue(type, users.stream().map(column).toArray());
	}

}
