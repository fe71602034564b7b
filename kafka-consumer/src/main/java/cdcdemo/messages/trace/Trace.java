package cdcdemo.messages.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import cdcdemo.events.reactions.Reaction;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One change, hop by hop: its commit in PostgreSQL, the bridge capturing it, its record
 * in Kafka, then what each consumer did because of it, in time order, each with how long
 * it came after the hop before and after the commit. The clocks are those of each
 * machine, so on several machines a hop can seem to come before the one it follows; the
 * trace shows it as it is.
 *
 * @param change the change event
 * @param hops the hops, oldest first
 */
record Trace(TracedChange change, List<Hop> hops) {

	static Trace of(TracedChange change, List<Reaction> reactions) {
		List<Hop> hops = new ArrayList<>();
		Instant commit = change.committedAt();
		Hop.add(hops, commit, "committed", "postgresql",
				"transaction " + change.txId() + ", LSN " + change.lsn() + " (" + change.table() + ")", commit);
		Hop.add(hops, change.capturedAt(), "captured", "cdc-bridge",
				"read from the replication slot and turned into a " + change.operation() + " event", commit);
		Hop.add(hops, change.writtenAt(), "written", "kafka",
				TracedChange.where(change.event()) + ", key " + change.key(), commit);
		for (Reaction reaction : reactions) {
			Hop.add(hops, reaction.at(), reaction.kind(), reaction.service(), reaction.summary(), commit);
		}
		return new Trace(change, List.copyOf(hops));
	}

	/**
	 * @return the time from the commit to the last hop, {@code null} without a commit
	 * time
	 */
	@JsonProperty
	public Long totalMs() {
		return this.hops.isEmpty() ? null : this.hops.get(this.hops.size() - 1).sinceCommitMs();
	}

	/**
	 * One hop of a change.
	 *
	 * @param name what happened, e.g. {@code committed}, {@code welcome-scheduled}
	 * @param service where: {@code postgresql}, {@code cdc-bridge}, {@code kafka}, a
	 * consumer
	 * @param at when
	 * @param summary a line for people
	 * @param sincePreviousMs milliseconds after the hop before, {@code null} for the
	 * first
	 * @param sinceCommitMs milliseconds after the commit, {@code null} without a commit
	 * time
	 */
	record Hop(String name, String service, Instant at, String summary, Long sincePreviousMs, Long sinceCommitMs) {

		private static void add(List<Hop> hops, Instant at, String name, String service, String summary,
				Instant commit) {
			if (at == null) {
				return;
			}
			Long previous = hops.isEmpty() ? null : Duration.between(hops.get(hops.size() - 1).at(), at).toMillis();
			Long sinceCommit = (commit != null) ? Duration.between(commit, at).toMillis() : null;
			hops.add(new Hop(name, service, at, summary, previous, sinceCommit));
		}

	}

}
