package cdcdemo.messages.trace;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import cdcdemo.events.reactions.EventRef;
import cdcdemo.events.reactions.Reaction;
import cdcdemo.events.reactions.ReactionKey;
import cdcdemo.messages.trace.Trace.Hop;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change hop by hop: commit, capture, Kafka, then the reactions in time order, each
 * timed from the hop before and from the commit; hops without a time are left out.
 */
class TraceTests {

	private static final Instant COMMIT = Instant.parse("2026-12-01T10:00:00Z");

	private final ReactionKey event = new ReactionKey("monolith.public.users", 0, 42);

	@Test
	void timesEachHopFromTheOneBeforeAndFromTheCommit() {
		TracedChange change = new TracedChange(this.event, "{\"id\":7}", "create", "public.users", 123L, 780L, COMMIT,
				COMMIT.plusMillis(40), COMMIT.plusMillis(55));
		Trace trace = Trace.of(change, List.of(reaction("welcome-scheduled", 180), reaction("count-changed", 90),
				reaction("email-sent", 5_180)));

		assertThat(trace.hops()).extracting(Hop::name)
			.containsExactly("committed", "captured", "written", "welcome-scheduled", "count-changed", "email-sent");
		assertThat(trace.hops()).extracting(Hop::sinceCommitMs).containsExactly(0L, 40L, 55L, 180L, 90L, 5_180L);
		assertThat(trace.hops()).extracting(Hop::sincePreviousMs).containsExactly(null, 40L, 15L, 125L, -90L, 5_090L);
		assertThat(trace.totalMs()).isEqualTo(5_180L);
		assertThat(trace.hops().get(0).summary()).isEqualTo("transaction 780, LSN 123 (public.users)");
	}

	@Test
	void leavesOutHopsWithoutATime() {
		TracedChange change = new TracedChange(this.event, "{\"id\":7}", "read", "public.users", null, null, null, null,
				COMMIT);

		Trace trace = Trace.of(change, List.of());

		assertThat(trace.hops()).extracting(Hop::name).containsExactly("written");
		assertThat(trace.hops().get(0).sinceCommitMs()).isNull();
		assertThat(trace.totalMs()).isNull();
	}

	private Reaction reaction(String kind, long afterCommitMs) {
		return Reaction.of(new EventRef(this.event.topic(), this.event.partition(), this.event.offset(), 123L, 780L),
				"onboarding-service", kind, COMMIT.plusMillis(afterCommitMs), kind, null);
	}

}
