package cdcdemo.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two onboarding-service replicas at once (same consumer group, same database and
 * scheduler), and one of them killed with SIGKILL in the middle of the journeys, then
 * started again. A day of the journey lasts a second ({@code ONBOARDING_TIME_SCALE}), so
 * welcome, tips and check-in all fall within the fault. Every email goes out exactly
 * once: welcome, tips and check-in to each user who stays, the exit survey to each user
 * who leaves (whose steps not yet sent are cancelled, so they get at most one of each).
 */
@Order(2)
@ExtendWith(PlatformParameterResolver.class)
@Tag("system")
class OnboardingCrashTests {

	/** onboarding.scheduler.threads (4) plus the Kafka listener's thread. */
	private static final int IN_FLIGHT_SENDS = 5;

	private static final String SECOND_REPLICA = FaultPlatform.ONBOARDING + "-2";

	@Test
	void everyEmailGoesOutExactlyOnceWithTwoReplicasAndOneKilledMidJourney(FaultPlatform platform) {
		platform.startOnboarding(SECOND_REPLICA);
		platform.awaitHealthy(SECOND_REPLICA);
		try {
			FaultScenario scenario = new FaultScenario(platform, "onboarding-kill-9", 7_000_000);
			scenario.startWriting();
			scenario.awaitCommitted(1.0 / 3);
			platform.kill(FaultPlatform.ONBOARDING);
			Instant restarted = platform.startOnboarding(FaultPlatform.ONBOARDING);
			platform.awaitHealthy(FaultPlatform.ONBOARDING);
			scenario.awaitWritten();
			Delivery delivery = scenario.awaitDelivered();

			Set<Long> kept = scenario.keptUsers();
			Set<Long> deleted = scenario.deletedUsers();
			JdbcClient onboarding = JdbcClient.create(platform.onboardingDatabase());
			await().atMost(Duration.ofMinutes(5).plusMillis(30L * FaultScenario.CHANGES))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> {
					SentMail mail = SentMail.of(platform.mail(), scenario.userIds());
					return mail.all(kept, SentMail.WELCOME, SentMail.TIPS, SentMail.CHECK_IN)
							&& mail.all(deleted, SentMail.EXIT_SURVEY) && scheduledSteps(onboarding, scenario) == 0;
				});
			Duration recovery = Duration.between(restarted, Instant.now());
			SentMail mail = SentMail.of(platform.mail(), scenario.userIds());
			Map<String, Object> more = new LinkedHashMap<>();
			more.put("users", kept.size() + deleted.size());
			more.put("emails", mail.total());
			more.put("duplicate-emails", mail.duplicates());
			scenario.report(delivery, recovery, more);

			Assertions.assertCompleteAndInOrder(delivery);
			// sending an email and recording it are not one transaction (SMTP is not
			// transactional): a replica killed
			// between the two sends those emails again after its restart. At most one per
			// send in flight: the
			// scheduler's 4 threads and the listener's thread. Without a crash there are
			// none (JourneyTests).
			assertThat(mail.duplicates()).as("emails sent twice").isLessThanOrEqualTo(IN_FLIGHT_SENDS);
			assertThat(mail.missing(kept, SentMail.WELCOME, SentMail.TIPS, SentMail.CHECK_IN)).isZero();
			assertThat(mail.missing(deleted, SentMail.EXIT_SURVEY)).isZero();
		}
		finally {
			platform.stop(SECOND_REPLICA);
		}
	}

	private static int scheduledSteps(JdbcClient onboarding, FaultScenario scenario) {
		long first = scenario.userIds().iterator().next();
		return onboarding.sql("select count(*) from journey_step where state = 'SCHEDULED' and user_id between ? and ?")
			.params(first, first + scenario.userIds().size())
			.query(Integer.class)
			.single();
	}

}
