package cdcdemo.onboarding.user;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cdcdemo.events.reactions.EventRef;
import cdcdemo.events.reactions.Reaction;
import cdcdemo.events.reactions.ReactionJson;
import cdcdemo.events.reactions.ReactionKinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reactions of the journeys on {@code platform.reactions}, on real servers: each
 * keyed by the change event that caused it and naming it by its topic, partition, offset,
 * log position and transaction, in the order they happened, and none holding an address
 * or a name. Real time (a day lasts a day), so the steps after the welcome are still
 * pending when a user leaves. The topic has two partitions, so that the partition of the
 * reference means something.
 */
@SpringBootTest(properties = "onboarding.scheduler.polling-interval=500ms")
@DirtiesContext
@Tag("system")
class JourneyReactionsTests {

	private static final Logger log = LoggerFactory.getLogger(JourneyReactionsTests.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@RegisterExtension
	static final TestServers servers = new TestServers(2);

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
	void announcesTheScheduledJourneyThenTheWelcomeSentKeyedByTheCreate() {
		String created = this.events.created(2001, "Ada", "Lovelace", "ada@reactions.example");
		servers.send(this.events.key(2001), created);
		ConsumerRecord<String, String> event = awaitRecord(created, 0);

		servers.awaitMailTo("ada@reactions.example", "Welcome");
		List<ConsumerRecord<String, String>> reactions = awaitReactions(event, ReactionKinds.WELCOME_SCHEDULED,
				ReactionKinds.EMAIL_SENT);

		Reaction scheduled = ReactionJson.read(reactions.get(0).value());
		JsonNode source = this.objectMapper.readTree(created).at("/payload/source");
		assertThat(scheduled.event()).isEqualTo(new EventRef(TestServers.TOPIC, event.partition(), event.offset(),
				source.get("lsn").asLong(), source.get("txId").asLong()));
		assertThat(scheduled.service()).isEqualTo("onboarding-service");
		assertThat(scheduled.v()).isEqualTo(1);
		assertThat(scheduled.detail()).containsEntry("userId", 2001).containsEntry("bulkImport", false);
		assertThat(steps(scheduled)).containsExactly("welcome", "tips", "check-in");
		Reaction sent = ReactionJson.read(reactions.get(1).value());
		assertThat(sent.event()).isEqualTo(scheduled.event());
		assertThat(sent.detail()).isEqualTo(Map.of("userId", 2001, "step", "welcome"));
		assertThat(sent.at()).isAfterOrEqualTo(scheduled.at());
		assertThat(reactions).allSatisfy((reaction) -> {
			assertThat(reaction.key()).isEqualTo(ReactionJson.key(scheduled.event()));
			assertThat(reaction.value()).doesNotContain("@", "ada", "Ada", "Lovelace");
			assertThat(reaction.headers()).isEmpty();
		});
	}

	@Test
	void announcesTheCancelledStepsThenTheSurveySentKeyedByTheDelete() {
		servers.send(this.events.key(2101), this.events.created(2101, "Grace", "Hopper", "grace@reactions.example"));
		servers.awaitMailTo("grace@reactions.example", "Welcome");
		String deleted = this.events.deleted(2101);
		servers.send(this.events.key(2101), deleted);
		ConsumerRecord<String, String> event = awaitRecord(deleted, 0);

		servers.awaitMailTo("grace@reactions.example", "sorry to see you go");
		List<ConsumerRecord<String, String>> reactions = awaitReactions(event, ReactionKinds.STEPS_CANCELLED,
				ReactionKinds.SURVEY_SENT);

		Reaction cancelled = ReactionJson.read(reactions.get(0).value());
		assertThat(cancelled.event().offset()).isEqualTo(event.offset());
		assertThat(cancelled.detail()).containsEntry("userId", 2101).containsKey("surveyDueAt");
		assertThat(cancelled.detail().get("steps")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.containsExactlyInAnyOrder("tips", "check-in");
		assertThat(ReactionJson.read(reactions.get(1).value()).detail())
			.isEqualTo(Map.of("userId", 2101, "step", "exit-survey"));
		assertThat(reactions).allSatisfy((reaction) -> assertThat(reaction.value()).doesNotContain("@", "Grace"));
	}

	@Test
	void announcesAnEventHandledBeforeAsSkipped() {
		String created = this.events.created(2201, "Hedy", "Lamarr", "hedy@reactions.example");
		servers.send(this.events.key(2201), created);
		awaitReactions(awaitRecord(created, 0), ReactionKinds.WELCOME_SCHEDULED, ReactionKinds.EMAIL_SENT);

		// the connector crashed and published the create again
		servers.send(this.events.key(2201), created);
		ConsumerRecord<String, String> replay = awaitRecord(created, 1);

		Reaction skipped = ReactionJson.read(awaitReactions(replay, ReactionKinds.DUPLICATE_SKIPPED).get(0).value());
		assertThat(skipped.event().offset()).isEqualTo(replay.offset());
		assertThat(skipped.detail()).isEqualTo(Map.of("userId", 2201, "operation", "CREATE"));
	}

	/**
	 * @return the {@code nth} record of the change-event topic with this value
	 */
	private ConsumerRecord<String, String> awaitRecord(String value, int nth) {
		return await().atMost(TIMEOUT)
			.until(() -> servers.records().stream().filter((record) -> value.equals(record.value())).toList(),
					(records) -> records.size() > nth)
			.get(nth);
	}

	/**
	 * @return the reactions to the event once they are of these kinds, in this order,
	 * logged as they are on the topic (for the examples of docs/reactions.md)
	 */
	private List<ConsumerRecord<String, String>> awaitReactions(ConsumerRecord<String, String> event, String... kinds) {
		String key = ReactionJson.key(new EventRef(event.topic(), event.partition(), event.offset(), null, null));
		List<ConsumerRecord<String, String>> reactions = await().atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> servers.reactions().stream().filter((reaction) -> key.equals(reaction.key())).toList(),
					(found) -> found.stream()
						.map((reaction) -> ReactionJson.read(reaction.value()).kind())
						.toList()
						.equals(List.of(kinds)));
		reactions.forEach((reaction) -> log.info("Reaction on {}: key {} value {}", TestServers.REACTIONS_TOPIC,
				reaction.key(), reaction.value()));
		return reactions;
	}

	@SuppressWarnings("unchecked")
	private static List<String> steps(Reaction scheduled) {
		List<Map<String, Object>> steps = (List<Map<String, Object>>) scheduled.detail().get("steps");
		steps.forEach((step) -> assertThat(Instant.parse((String) step.get("dueAt"))).isNotNull());
		return steps.stream().map((step) -> (String) step.get("step")).toList();
	}

}
