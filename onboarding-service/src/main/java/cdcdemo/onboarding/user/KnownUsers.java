package cdcdemo.onboarding.user;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The users this service knows, in its own database: the copy of the monolith's data it needs to write to them, and
 * nothing more.
 */
@Repository
class KnownUsers {

	private final JdbcClient jdbc;

	KnownUsers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void save(KnownUser user) {
		this.jdbc.sql("""
				insert into known_user (user_id, email, first_name, last_name, updated_at)
				values (:id, :email, :firstName, :lastName, now())
				on conflict (user_id) do update
				set email = excluded.email, first_name = excluded.first_name, last_name = excluded.last_name,
				    updated_at = excluded.updated_at
				""")
			.param("id", user.userId())
			.param("email", user.email())
			.param("firstName", user.firstName())
			.param("lastName", user.lastName())
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

}
