package cdcdemo.events.reactions;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cdcdemo.events.Source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The JSON of the reactions topic, field by field, as docs/reactions.md shows it: a
 * change here is a change of the contract.
 */
class ReactionJsonTests {

	private static final EventRef EVENT = new EventRef("monolith.public.users", 1, 42, 22195224L, 729L);

	private final JsonMapper plain = JsonMapper.builder().build();

	@Test
	void theKeyIsTheEventsPositionInFixedOrderWithoutSpaces() {
		assertThat(ReactionJson.key(EVENT))
			.isEqualTo("{\"topic\":\"monolith.public.users\",\"partition\":1,\"offset\":42}");
		assertThat(ReactionJson.readKey(ReactionJson.key(EVENT))).isEqualTo(EVENT.key());
	}

	@Test
	void theValueHasTheDocumentedFieldsInOrder() {
		Reaction reaction = Reaction.of(EVENT, "onboarding-service", ReactionKinds.WELCOME_SCHEDULED,
				Instant.parse("2026-11-26T10:15:30.123Z"), "Scheduled welcome for user 7",
				Map.of("userId", 7, "steps", List.of("welcome")));

		JsonNode json = this.plain.readTree(ReactionJson.value(reaction));

		assertThat(json.propertyNames()).containsExactly("v", "event", "service", "kind", "at", "summary", "detail");
		assertThat(json.get("event").propertyNames()).containsExactly("topic", "partition", "offset", "lsn", "txId");
		assertThat(json.get("v").asInt()).isEqualTo(Reaction.VERSION).isEqualTo(1);
		assertThat(json.get("kind").asString()).isEqualTo("welcome-scheduled");
		assertThat(json.get("at").asString()).isEqualTo("2026-11-26T10:15:30.123Z");
		assertThat(json.at("/event/lsn").asLong()).isEqualTo(22195224L);
		assertThat(json.at("/event/txId").asLong()).isEqualTo(729L);
		assertThat(json.at("/detail/steps/0").asString()).isEqualTo("welcome");
		assertThat(json.get("detail").propertyNames()).as("sorted, whatever the map")
			.containsExactly("steps", "userId");
	}

	@Test
	void readsBackWhatItWrites() {
		Reaction reaction = Reaction.of(EVENT, "domain-stats", ReactionKinds.COUNT_CHANGED, Instant.now(),
				"example.com has 3 users", Map.of("domain", "example.com", "users", 3));

		assertThat(ReactionJson.read(ReactionJson.value(reaction))).isEqualTo(reaction);
	}

	@Test
	void readsAReactionWithFieldsItDoesNotKnowAndWithoutDetail() {
		Reaction read = ReactionJson.read("""
				{"v":1,"event":{"topic":"t","partition":0,"offset":3,"lsn":null,"txId":null,"later":true},
				 "service":"mine","kind":"thing-done","at":"2026-11-26T10:15:30Z","summary":"did it","added":"x"}
				""");

		assertThat(read.event()).isEqualTo(new EventRef("t", 0, 3, null, null));
		assertThat(read.detail()).isEmpty();
		assertThat(read.kind()).isEqualTo("thing-done");
	}

	@Test
	void takesTheLogPositionAndTransactionFromTheEventsSource() {
		Source source = new Source("postgresql", "monolith", "users", "public", "users", 729L, 22195224L, 1L, "false");

		assertThat(EventRef.of("monolith.public.users", 1, 42, source)).isEqualTo(EVENT);
		assertThat(EventRef.of("monolith.public.users", 1, 42, null).lsn()).isNull();
	}

	@Test
	void refusesWhatIsNotAReaction() {
		assertThatIllegalArgumentException().isThrownBy(() -> ReactionJson.read("not json"));
		assertThatIllegalArgumentException().isThrownBy(() -> ReactionJson.readKey("[1]"));
	}

}
