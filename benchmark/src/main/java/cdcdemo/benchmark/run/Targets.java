package cdcdemo.benchmark.run;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The targets, each with its measured value and MET or MISSED, NOT MEASURED when its peer
 * or its phase did not run: issue 12's for cdc-bridge becoming exactly-once, then issue
 * 7's.
 */
final class Targets {

	/** How the targets name the Kafka Connect peers. */
	static final Map<String, String> LABELS = Map.of("connect-default", "Connect defaults", "connect-tuned",
			"Connect tuned", "connect-tuned-eos", "Connect tuned EOS");

	private final PrintStream out;

	private final DrainMedians drains;

	private final List<Phase> phases;

	private final long maxHeap;

	Targets(PrintStream out, DrainMedians drains, List<Phase> phases, long maxHeap) {
		this.out = out;
		this.drains = drains;
		this.phases = phases;
		this.maxHeap = maxHeap;
	}

	void print() {
		this.out.println();
		this.out.println("== Targets (issue 12; cdc-bridge with its shipped defaults) ==");
		drainTarget("backlog drain >= 1.3x Connect tuned", "connect-tuned", 1.3);
		drainTarget("backlog drain >= 1.5x Connect tuned EOS", "connect-tuned-eos", 1.5);
		if (this.drains.ran("connect-tuned")) {
			double cpu = this.drains.cpuRatio("connect-tuned");
			verdict("CPU per million events (drain) <= 0.75x Connect tuned", cpu <= 0.75,
					String.format("%.2fx (%.1f vs %.1f s per million)", cpu,
							this.drains.cpu("cdc-bridge", "cdc-bridge"),
							this.drains.cpu("connect-tuned", "connect-tuned")));
		}
		else {
			notMeasured("CPU per million events (drain) <= 0.75x Connect tuned", "connect-tuned not run");
		}
		Phase max = this.phases.get(this.phases.size() - 1);
		double sustained = sustained();
		verdict("lag flat at >= 0.8x PostgreSQL's top single-row insert rate", sustained >= 0.8 * max.achieved(),
				String.format("%.0f events/s flat = %.2fx of %.0f inserts/s", sustained, sustained / max.achieved(),
						max.achieved()));
		latencyTarget(1000, 50);
		latencyTarget(10_000, 100);
		Phase live = this.phases.stream().max(Comparator.comparingLong(Phase::liveAfterGc)).orElseThrow();
		verdict("live heap after GC < 128 MB at every rate", live.liveAfterGc() < 128L * 1024 * 1024,
				String.format("max %.0f MiB (at %s)", live.liveAfterGc() / 1048576.0, Report.label(live)));
		this.out.printf("  sustained with lag flat: %.0f events/s%n", sustained);
		this.out.println("issue 7's:");
		drainTarget("backlog drain >= 0.5x pg_recvlogical", "pg_recvlogical", 0.5);
		drainTarget("backlog drain >= 1.5x Debezium on Kafka Connect (defaults)", "connect-default", 1.5);
		verdict("keeps up with PostgreSQL's top single-row insert rate", max.flat(),
				String.format("%.0f inserts/s, lag %s", max.achieved(), max.flat() ? "flat" : "growing"));
		verdict("cdc-bridge heap < 256 MB at all rates", this.maxHeap < 256L * 1024 * 1024,
				String.format("max %.0f MiB", this.maxHeap / 1048576.0));
	}

	private double sustained() {
		return this.phases.stream().filter(Phase::flat).mapToDouble(Phase::achieved).max().orElse(0);
	}

	private void drainTarget(String target, String peer, double atLeast) {
		if (this.drains.ran(peer)) {
			verdict(target, this.drains.ratio(peer) >= atLeast, String.format("%.2fx", this.drains.ratio(peer)));
		}
		else {
			notMeasured(target, this.drains.rounds().isEmpty() ? "no backlog rounds" : peer + " not run");
		}
	}

	private void latencyTarget(int rate, double p99Millis) {
		String target = String.format("commit-to-consumer p99 < %.0f ms at %,d events/s", p99Millis, rate);
		this.phases.stream().filter((p) -> p.target() == rate).findFirst().ifPresentOrElse((p) -> {
			double p99 = p.latencies().total().getValueAtPercentile(99) / 1000.0;
			verdict(target, p99 < p99Millis, String.format("%.1f ms", p99));
		}, () -> notMeasured(target, "no phase at " + rate + " events/s (--rates)"));
	}

	private void notMeasured(String target, String why) {
		this.out.printf("  %-62s %-12s %s%n", target, "NOT MEASURED", why);
	}

	private void verdict(String target, boolean met, String figure) {
		this.out.printf("  %-62s %-12s %s%n", target, met ? "MET" : "MISSED", figure);
	}

}
