package cdcdemo.onboarding.user;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cdcdemo.onboarding.OnboardingApplication;
import cdcdemo.platform.mail.ReceivedMail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The onboarding journey at a demo time scale (a day lasts 1.5 seconds, so the journey
 * welcome, tips after a day, check-in after three days takes 4.5 seconds), on real
 * servers. The topic has two partitions, so that with two instances of the service each
 * consumes one and both schedule and send.
 */
@SpringBootTest(properties = { JourneyTests.TIME_SCALE, "onboarding.scheduler.polling-interval=500ms" })
@DirtiesContext
@Tag("system")
class JourneyTests {

	static final String TIME_SCALE = "onboarding.journey.time-scale=57600";

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	@RegisterExtension
	static final TestServers servers = new TestServers(2);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ObjectMapper objectMapper;

	ChangeEvents events;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		servers.register(registry);
	}

	@BeforeEach
	void events() {
		this.events = new ChangeEvents(this.objectMapper);
	}

	@Test
	void sendsTheWholeJourneyInOrderOneEmailPerStep() {
		servers.send(this.events.key(1001), this.events.created(1001, "Ada", "Lovelace", "ada@journey.example"));

		servers.awaitMailTo("ada@journey.example", "How is it going");
		assertThat(servers.subjectsTo("ada@journey.example")).containsExactly("Welcome, Ada!",
				"Three tips to get more out of your account, Ada", "How is it going, Ada?");
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(steps(1001)).containsExactly("welcome=SENT", "tips=SENT", "check-in=SENT"));
		MimeMessage tips = servers.mailsTo("ada@journey.example").get(1);
		assertThat(ReceivedMail.textOf(tips, "text/plain")).contains("Hi Ada").contains("Invite a colleague");
		assertThat(ReceivedMail.textOf(tips, "text/html")).contains("<li>Invite a colleague");
	}

	@Test
	void sendsLaterStepsToTheNewAddressAfterAnUpdate() {
		servers.send(this.events.key(1101), this.events.created(1101, "Alan", "Turing", "alan@before.example"));
		servers.awaitMailTo("alan@before.example", "Welcome");
		servers.send(this.events.key(1101), this.events.updated(1101, "Alan", "Turing", "alan@after.example"));

		servers.awaitMailTo("alan@after.example", "How is it going");
		assertThat(servers.subjectsTo("alan@before.example")).containsExactly("Welcome, Alan!");
		assertThat(servers.subjectsTo("alan@after.example"))
			.containsExactly("Three tips to get more out of your account, Alan", "How is it going, Alan?");
	}

	@Test
	void aDeleteMidJourneyCancelsTheRestAndSendsOneSurvey() {
		servers.send(this.events.key(1201), this.events.created(1201, "Grace", "Hopper", "grace@journey.example"));
		servers.awaitMailTo("grace@journey.example", "Welcome");
		servers.send(this.events.key(1201), this.events.deleted(1201));
		servers.send(this.events.key(1201), null);

		MimeMessage survey = servers.awaitMailTo("grace@journey.example", "sorry to see you go");
		assertThat(ReceivedMail.textOf(survey, "text/plain")).containsPattern("/survey/[A-Za-z0-9_-]{22}\\b");
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(knownEmail(1201)).isEmpty());
		assertThat(steps(1201)).contains("check-in=CANCELLED", "exit-survey=SENT");
		assertThat(this.jdbc.sql("select count(*) from scheduled_tasks where task_instance like '1201:%'")
			.query(Long.class)
			.single()).isZero();
		List<String> subjects = servers.subjectsTo("grace@journey.example");
		assertThat(subjects).doesNotContain("How is it going, Grace?")
			.filteredOn((subject) -> subject.contains("sorry to see you go"))
			.hasSize(1);
		assertThat(subjects.get(subjects.size() - 1)).contains("sorry to see you go");
		assertThat(this.jdbc.sql("select count(*) from sent_email where user_id = 1201 and recipient is not null")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void sendsNothingTwiceForDuplicatedOrReplayedEvents() {
		String created = this.events.created(1301, "Hedy", "Lamarr", "hedy@journey.example");
		servers.send(this.events.key(1301), created);
		servers.send(this.events.key(1301), created);
		servers.awaitMailTo("hedy@journey.example", "How is it going");

		// the connector crashed and published the create again, later
		servers.send(this.events.key(1301), created);
		String deleted = this.events.deleted(1301);
		servers.send(this.events.key(1301), deleted);
		servers.send(this.events.key(1301), deleted);
		servers.awaitMailTo("hedy@journey.example", "sorry to see you go");
		servers.send(this.events.key(1301), deleted);
		servers.send(this.events.key(1301), created);
		// an event on the same partition after the replays: once it is handled, so are
		// they
		servers.send(this.events.key(1301), this.events.snapshotRead(1301, "Hedy", "Lamarr", "hedy@journey.example"));
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(knownEmail(1301)).contains("hedy@journey.example"));

		assertThat(servers.subjectsTo("hedy@journey.example")).containsExactly("Welcome, Hedy!",
				"Three tips to get more out of your account, Hedy", "How is it going, Hedy?",
				"We're sorry to see you go, Hedy");
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(steps(1301)).containsExactly("welcome=SENT", "tips=SENT", "check-in=SENT",
					"exit-survey=SENT"));
	}

	@Test
	void twoInstancesSendEachEmailOnce() {
		List<String> args = new ArrayList<>(
				List.of("--" + TIME_SCALE, "--onboarding.scheduler.polling-interval=500ms", "--server.port=0"));
		servers.properties().forEach((name, value) -> args.add("--" + name + "=" + value));
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(OnboardingApplication.class)
			.run(args.toArray(String[]::new))) {
			List<Long> users = IntStream.rangeClosed(1401, 1420).mapToObj(Long::valueOf).toList();
			for (long id : users) {
				servers.send(this.events.key(id), this.events.created(id, "User" + id, "Twin", id + "@twins.example"));
			}
			for (long id : users.subList(0, 10)) {
				servers.awaitMailTo(id + "@twins.example", "Welcome");
				servers.send(this.events.key(id), this.events.deleted(id));
			}
			await().atMost(TIMEOUT).untilAsserted(() -> {
				List<String> missing = new ArrayList<>();
				for (long id : users) {
					String last = (id <= 1410) ? "sorry to see you go" : "How is it going";
					if (servers.subjectsTo(id + "@twins.example").stream().noneMatch((s) -> s.contains(last))) {
						missing.add(id + ": " + last);
					}
				}
				assertThat(missing).isEmpty();
			});
			for (long id : users) {
				List<String> subjects = servers.subjectsTo(id + "@twins.example");
				assertThat(subjects).as("emails to user %d", id)
					.doesNotHaveDuplicates()
					.startsWith("Welcome, User" + id + "!");
				if (id <= 1410) {
					assertThat(subjects).as("emails to user %d", id)
						.endsWith("We're sorry to see you go, User" + id)
						.doesNotContain("How is it going, User" + id + "?");
				}
				else {
					assertThat(subjects).as("emails to user %d", id).hasSize(3);
				}
			}
		}
	}

	private List<String> steps(long userId) {
		return this.jdbc.sql("select step, state from journey_step where user_id = ? order by due_at, step")
			.param(userId)
			.query((rs, n) -> rs.getString("step") + "=" + rs.getString("state"))
			.list();
	}

	private Optional<String> knownEmail(long id) {
		return this.jdbc.sql("select email from known_user where user_id = ?").param(id).query(String.class).optional();
	}

}
