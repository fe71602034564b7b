package cdcdemo.messages.trace;

import org.junit.jupiter.api.Test;

import cdcdemo.events.reactions.Reaction;
import cdcdemo.events.reactions.ReactionKey;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactions read from the topic: kept by the event they are to, in time order,
 * whatever order they arrive in; a record that is no reaction skipped and counted; only
 * the newest events' reactions kept.
 */
class ReactionsTests {

	private final Reactions reactions = new Reactions(new TraceProperties("platform.reactions", 2), "unused:9092");

	@Test
	void keepsTheReactionsOfAnEventInTimeOrder() {
		this.reactions.add(reaction(42, "email-sent", "2026-12-01T10:00:05Z"));
		this.reactions.add(reaction(42, "welcome-scheduled", "2026-12-01T10:00:00.180Z"));
		this.reactions.add(reaction(43, "count-changed", "2026-12-01T10:00:01Z"));

		assertThat(this.reactions.of(new ReactionKey("monolith.public.users", 0, 42))).extracting(Reaction::kind)
			.containsExactly("welcome-scheduled", "email-sent");
		assertThat(this.reactions.of(new ReactionKey("monolith.public.users", 1, 42))).as("another partition")
			.isEmpty();
	}

	@Test
	void skipsAndCountsWhatIsNoReaction() {
		assertThat(this.reactions.add("not json")).isEmpty();
		assertThat(this.reactions.add("{\"event\":{\"topic\":\"t\"},\"kind\":\"x\",\"at\":\"2026-12-01T10:00:00Z\"}"))
			.as("no partition, no offset")
			.isEmpty();
		assertThat(this.reactions.add(reaction(1, "x", "yesterday"))).as("no instant").isEmpty();
		assertThat(this.reactions.add(null)).isEmpty();
		assertThat(this.reactions.add(reaction(1, "x", "2026-12-01T10:00:00Z").replace("\"v\":1", "\"v\":2")))
			.as("a version this reader does not know")
			.isEmpty();

		assertThat(this.reactions.skipped()).isEqualTo(5);
	}

	@Test
	void keepsOnlyTheNewestEvents() {
		this.reactions.add(reaction(1, "a", "2026-12-01T10:00:00Z"));
		this.reactions.add(reaction(2, "a", "2026-12-01T10:00:00Z"));
		this.reactions.add(reaction(3, "a", "2026-12-01T10:00:00Z"));

		assertThat(this.reactions.of(new ReactionKey("monolith.public.users", 0, 1))).isEmpty();
		assertThat(this.reactions.of(new ReactionKey("monolith.public.users", 0, 3))).hasSize(1);
	}

	private static String reaction(long offset, String kind, String at) {
		return """
				{"v":1,"event":{"topic":"monolith.public.users","partition":0,"offset":%d,"lsn":1,"txId":2},
				 "service":"onboarding-service","kind":"%s","at":"%s","summary":"s","detail":{"userId":7}}"""
			.formatted(offset, kind, at);
	}

}
