package cdcdemo.onboarding.survey;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

import cdcdemo.onboarding.system.OnboardingProperties;

/**
 * The surveys sent and their answers. A survey is known only by its token, 128 random
 * bits in base64url: the link is the only way to it, and it cannot be guessed from a user
 * id or from another link. Each link takes one answer; the database enforces it
 * ({@code answered_at is null} in the update), and only within
 * {@code onboarding.survey.valid-for} of its email.
 */
@Service
public class Surveys {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final OnboardingProperties properties;

	private final Environment environment;

	private final Duration validFor;

	Surveys(JdbcClient jdbc, OnboardingProperties properties, Environment environment, SurveyProperties survey) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.environment = environment;
		this.validFor = survey.validFor();
	}

	/**
	 * Open the survey of a leaving user, in the caller's transaction; a user has at most
	 * one survey.
	 * @param userId the user
	 * @return the survey's token
	 */
	public String open(long userId) {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		return this.jdbc.sql("""
				insert into survey (token, user_id) values (:token, :user)
				on conflict (user_id) do update set user_id = excluded.user_id
				returning token
				""").param("token", token).param("user", userId).query(String.class).single();
	}

	/**
	 * @param token a survey's token
	 * @return the address of its page, for the email
	 */
	public String link(String token) {
		String base = this.properties.publicUrl();
		if (!StringUtils.hasText(base)) {
			base = "http://localhost:" + this.environment.getProperty("local.server.port",
					this.environment.getProperty("server.port", "8082"));
		}
		return base.replaceAll("/+$", "") + "/survey/" + token;
	}

	/**
	 * @param token a survey's token
	 * @return where the survey stands, or empty for an unknown token
	 */
	Optional<SurveyState> state(String token) {
		return this.jdbc.sql("""
				select case when answered_at is not null then 'ANSWERED'
				            when sent_at + make_interval(secs => :validFor) < now() then 'EXPIRED'
				            else 'OPEN' end
				from survey where token = :token
				""")
			.param("validFor", this.validFor.toSeconds())
			.param("token", token)
			.query(String.class)
			.optional()
			.map(SurveyState::valueOf);
	}

	/**
	 * @return {@code true} if the answer was recorded, {@code false} if the link is
	 * unknown, already answered or expired
	 */
	boolean answer(String token, SurveyForm form) {
		return this.jdbc.sql("""
				update survey set answered_at = now(), reason = :reason, comment = :comment
				where token = :token and answered_at is null and sent_at + make_interval(secs => :validFor) >= now()
				""")
			.param("validFor", this.validFor.toSeconds())
			.param("reason", form.reason().name())
			.param("comment", (form.comment() != null) ? form.comment().strip() : "")
			.param("token", token)
			.update() == 1;
	}

	List<SurveyAnswer> answers() {
		return this.jdbc.sql(
				"select answered_at, reason, comment from survey where answered_at is not null order by answered_at desc")
			.query((rs, n) -> new SurveyAnswer(rs.getTimestamp("answered_at").toInstant(),
					Reason.valueOf(rs.getString("reason")), rs.getString("comment")))
			.list();
	}

}
