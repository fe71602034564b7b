package cdcdemo.benchmark.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * Prints the figures, section by section, as plain text tables (they paste into the
 * README as they are), and checks them against the targets of issue 12 (and those of
 * issue 7) at the end.
 */
final class Report {

	private final PrintStream out;

	private final Settings settings;

	private final long started = System.nanoTime();

	private DrainMedians drains = new DrainMedians(List.of());

	private List<Phase> phases = List.of();

	private long maxHeap;

	Report(PrintStream out, Settings settings) {
		this.out = out;
		this.settings = settings;
	}

	void machine() {
		this.out.println("== cdc-bridge benchmark (" + this.settings.mode() + ") "
				+ Instant.now().truncatedTo(ChronoUnit.SECONDS) + " ==");
		this.out.printf("machine: %d cores, %s, %s RAM, %s %s%n", Runtime.getRuntime().availableProcessors(),
				procLine("/proc/cpuinfo", "model name"), memTotal(), System.getProperty("java.vm.name"),
				System.getProperty("java.runtime.version"));
		this.out.printf("load average at start: %s (anything above ~0.5 means other work shares the cores: "
				+ "figures are noisy)%n", loadAverage());
		this.out.printf(
				"settings: backlog %,d rows x %d rounds, rates %s%s, %d s per rate, cdc-bridge and "
						+ "Kafka Connect JVM %s, Kafka JVM %s%n",
				this.settings.backlogRows(), this.settings.rounds(), this.settings.rates(),
				this.settings.stepUp() ? " then x" + this.settings.stepFactor() + " steps" : "",
				this.settings.phaseSeconds(), this.settings.appJvmOptions(), this.settings.kafkaJvmOptions());
		this.out.printf("peers: cdc-bridge%s%s%n",
				this.settings.peers().isEmpty() ? " alone, no backlog rounds"
						: ", " + String.join(", ", this.settings.peers()),
				(this.settings.profile() != null) ? "; cdc-bridge profiled with JFR to " + this.settings.profile()
						: "");
		this.out.flush();
	}

	void drains(List<BacklogRounds.DrainRound> rounds) {
		this.drains = new DrainMedians(rounds);
		List<String> peers = rounds.get(0).results().keySet().stream().sorted().toList();
		this.out.println();
		this.out.printf("== Backlog drain: %,d committed inserts (10,000-row transactions) per round, each peer from "
				+ "its own slot ==%n", this.settings.backlogRows());
		this.out.println("rows/s from start request to the last row read from Kafka, read_committed "
				+ "(pg_recvlogical: to /dev/null); in brackets from the first row read to the last");
		StringBuilder header = new StringBuilder(String.format("%-6s", "round"));
		peers.forEach((p) -> header.append(String.format(" %24s", p)));
		this.out.println(header);
		for (BacklogRounds.DrainRound round : rounds) {
			StringBuilder line = new StringBuilder(String.format("%-6d", round.round()));
			for (String peer : peers) {
				BacklogRounds.DrainResult r = round.results().get(peer);
				line.append(String.format(" %11.0f (%10.0f)", r.rate(), r.streamingRate()));
			}
			this.out.println(line + "   order: " + String.join(" > ", round.order()));
		}
		this.out
			.println("median of per-round ratios, cdc-bridge / peer: drain rate (start to end), and CPU seconds per "
					+ "million events (own process)");
		for (String peer : peers) {
			if (!peer.equals("cdc-bridge")) {
				this.out.printf("  cdc-bridge / %-18s %6.2fx   CPU %5.2fx%s%n", peer, this.drains.ratio(peer),
						this.drains.cpuRatio(peer),
						Targets.LABELS.containsKey(peer) ? "   (" + Targets.LABELS.get(peer) + ")" : "");
			}
		}
		this.out.println("CPU seconds per million events while draining (median over rounds):");
		this.out.printf("  %-16s %12s %10s %8s%n", "peer", "own process", "postgres", "kafka");
		for (String peer : peers) {
			this.out.printf("  %-16s %12.1f %10.1f %8.1f%n", peer, this.drains.cpu(peer, peer),
					this.drains.cpu(peer, "postgres"), this.drains.cpu(peer, "kafka"));
		}
		this.out.flush();
	}

	void rates(List<Phase> phases) {
		this.phases = phases;
		this.out.println();
		this.out.println("== cdc-bridge under load: open loop, half single-row and half 100-row transactions, "
				+ "50% insert / 30% update / 20% delete; last line: single-row inserts, closed loop, as fast as "
				+ "PostgreSQL takes them ==");
		this.out.printf("%-22s %8s %9s %9s %5s %10s %9s%n", "phase", "target", "achieved", "events", "flat",
				"lag slope", "catch-up");
		for (Phase p : phases) {
			this.out.printf("%-22s %8s %9.0f %9d %5s %8.0f/s %8.1fs%n", p.kind(),
					(p.target() > 0) ? String.format("%.0f", p.target()) : "max", p.achieved(), p.events(),
					p.flat() ? "yes" : "NO", p.lagSlope(), p.catchUp().toMillis() / 1000.0);
		}
		this.out.println();
		this.out.println("latency in ms, p50 / p99 / p99.9 / max (commit = PostgreSQL commit time, source.ts_us)");
		this.out.printf("%-9s %-27s %-27s %-27s %-27s%n", "target", "commit->consumer", "commit->bridge",
				"bridge->Kafka", "Kafka->consumer");
		for (Phase p : phases) {
			this.out.printf("%-9s %-27s %-27s %-27s %-27s%n", label(p), percentiles(p.latencies().total()),
					percentiles(p.latencies().toBridge()), percentiles(p.latencies().toKafka()),
					percentiles(p.latencies().toConsumer()));
		}
		this.out.println();
		this.out.println("CPU seconds per million events, per process; cdc-bridge memory; bytes per event");
		this.out.printf("%-9s %10s %9s %7s %10s %10s %9s %9s %11s %13s%n", "target", "cdc-bridge", "postgres", "kafka",
				"load+read", "heap MiB", "live MiB", "RSS MiB", "wire B/evt", "payload B/evt");
		for (Phase p : phases) {
			Map<String, Double> cpu = p.cpuPerMillion();
			this.out.printf("%-9s %10.1f %9.1f %7.1f %10.1f %10.0f %9.0f %9.0f %11.0f %13.0f%n", label(p),
					cpu.get("cdc-bridge"), cpu.get("postgres"), cpu.get("kafka"), cpu.get("benchmark"),
					p.maxHeap() / 1048576.0, p.liveAfterGc() / 1048576.0, p.maxRss() / 1048576.0, p.logBytesPerEvent(),
					p.payloadBytesPerEvent());
		}
		this.out.println("(heap: max of jvm.memory.used{area=heap} sampled once a second; live: jvm.gc.live.data.size "
				+ "at the phase's end; wire: growth of the topic's log on the broker / change events; payload: key + "
				+ "value bytes / change events)");
		this.out.flush();
	}

	void memory(long maxHeap, long maxLive, long maxRss, long peakRss) {
		this.maxHeap = maxHeap;
		this.out.printf(
				"%ncdc-bridge over the whole run (JVM %s): heap used max %.0f MiB, live data after GC max "
						+ "%.0f MiB (jvm.gc.live.data.size), RSS max %.0f MiB, VmHWM %.0f MiB%n",
				this.settings.appJvmOptions(), maxHeap / 1048576.0, maxLive / 1048576.0, maxRss / 1048576.0,
				peakRss / 1048576.0);
	}

	void targets() {
		new Targets(this.out, this.drains, this.phases, this.maxHeap).print();
	}

	void end() {
		this.out.printf("%nload average at end: %s; took %s%n", loadAverage(),
				Duration.ofNanos(System.nanoTime() - this.started).truncatedTo(ChronoUnit.SECONDS));
		this.out.flush();
	}

	static String label(Phase p) {
		return (p.target() > 0) ? String.format("%.0f", p.target()) : "max";
	}

	private static String percentiles(Histogram h) {
		if (h.getTotalCount() == 0) {
			return "-";
		}
		return String.format("%.1f / %.1f / %.1f / %.1f", h.getValueAtPercentile(50) / 1000.0,
				h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
	}

	private static String procLine(String file, String key) {
		try {
			return Files.readAllLines(Path.of(file))
				.stream()
				.filter((l) -> l.startsWith(key))
				.map((l) -> l.substring(l.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("?");
		}
		catch (IOException ex) {
			return "?";
		}
	}

	private static String memTotal() {
		String kb = procLine("/proc/meminfo", "MemTotal").replaceAll("[^0-9]", "");
		return kb.isEmpty() ? "?" : String.format("%.1f GiB", Long.parseLong(kb) / 1048576.0);
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "?";
		}
	}

}
