package cdcdemo.onboarding.user;

import java.time.Duration;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code onboarding.mail.max-per-second} holds across the scheduler's four threads,
 * measured at the SMTP server: 60 users signing up at once get their welcomes at 10 per
 * second, where without the limit they all go out within a second or so. Permits are one
 * every tenth of a second, but the server sees arrivals: the first sends of a fresh
 * application (templates, JavaMail, the first connection) and the jitter of each SMTP
 * exchange bring two arrivals closer now and then, so one second may hold a couple more
 * than ten (12 measured; 13 once on a loaded machine), never the whole batch. Over three
 * seconds such a moved arrival counts once.
 */
@Tag("system")
@SpringBootTest(properties = "onboarding.mail.max-per-second=" + SendRateTests.LIMIT)
@DirtiesContext
class SendRateTests {

	static final int LIMIT = 10;

	private static final int USERS = 60;

	@RegisterExtension
	static final TestServers servers = new TestServers(1);

	@Autowired
	ObjectMapper objectMapper;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		servers.register(registry);
	}

	@Test
	void sendsNoFasterThanTheLimitWhateverTheThreads() {
		ChangeEvents events = new ChangeEvents(this.objectMapper);
		servers.sendAll(LongStream.rangeClosed(1, USERS)
			.mapToObj((id) -> Map.entry(events.key(id), events.created(id, "User" + id, "Rate", id + "@rate.example")))
			.toList());

		await().atMost(Duration.ofSeconds(60)).until(() -> servers.mails().size() == USERS);
		ReceivedRate rate = ReceivedRate.of(servers.mails().stream().map(TestServers::received).toList());
		System.out.println("Welcomes at max-per-second=" + LIMIT + ": " + rate);
		assertThat(rate.perSecond()).as(rate.toString()).isLessThanOrEqualTo(LIMIT * 1.05);
		// a limiter that let a burst through would put far more than these in a window
		// (the whole batch in one second without it); a delayed SMTP exchange moves
		// one arrival, 13 in one second measured at a load of 5
		assertThat(rate.mostInOneSecond()).as(rate.toString()).isLessThanOrEqualTo(LIMIT + LIMIT / 2);
		assertThat(rate.mostInThreeSeconds()).as(rate.toString()).isLessThanOrEqualTo(3 * LIMIT + LIMIT / 4);
		assertThat(rate.perSecond()).as("the limit is a rate, not a stop: " + rate).isGreaterThan(LIMIT * 0.8);
	}

}
