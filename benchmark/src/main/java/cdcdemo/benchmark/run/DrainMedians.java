package cdcdemo.benchmark.run;

import java.util.ArrayList;
import java.util.List;

/**
 * The backlog rounds' figures as the report gives them: per-round ratios of cdc-bridge to
 * a peer, and their median over the rounds, so that a slow minute of the shared machine
 * hits all peers of a round alike.
 *
 * @param rounds the rounds, none when the peers did not run
 */
record DrainMedians(List<BacklogRounds.DrainRound> rounds) {

	/** Whether the peer drained in the rounds. */
	boolean ran(String peer) {
		return !this.rounds.isEmpty() && this.rounds.get(0).results().containsKey(peer);
	}

	/** Median over the rounds of cdc-bridge's drain rate over the peer's. */
	double ratio(String peer) {
		List<Double> ratios = new ArrayList<>();
		for (BacklogRounds.DrainRound round : this.rounds) {
			BacklogRounds.DrainResult theirs = round.results().get(peer);
			BacklogRounds.DrainResult ours = round.results().get("cdc-bridge");
			if (theirs != null && ours != null) {
				ratios.add(ours.rate() / theirs.rate());
			}
		}
		return median(ratios);
	}

	/**
	 * Median over the rounds of cdc-bridge's own CPU per event over the peer's own CPU
	 * per event.
	 */
	double cpuRatio(String peer) {
		List<Double> ratios = new ArrayList<>();
		for (BacklogRounds.DrainRound round : this.rounds) {
			BacklogRounds.DrainResult theirs = round.results().get(peer);
			BacklogRounds.DrainResult ours = round.results().get("cdc-bridge");
			if (theirs != null && ours != null) {
				ratios.add((ours.cpuSeconds().get("cdc-bridge") / ours.rows())
						/ (theirs.cpuSeconds().get(peer) / theirs.rows()));
			}
		}
		return median(ratios);
	}

	/**
	 * Median over the rounds of the process's CPU seconds per million events while the
	 * peer drained.
	 */
	double cpu(String peer, String process) {
		List<Double> values = new ArrayList<>();
		for (BacklogRounds.DrainRound round : this.rounds) {
			BacklogRounds.DrainResult r = round.results().get(peer);
			values.add(r.cpuSeconds().getOrDefault(process, 0.0) / r.rows() * 1e6);
		}
		return median(values);
	}

	static double median(List<Double> values) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

}
