package cdcdemo.benchmark.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What to run, from the command line ({@code --name=value}). Three sizes: the default
 * (the full run, about 8 minutes on 2 cores, with a backlog of 100,000 rows: 1,000,000
 * would take about 40 minutes, mostly waiting for Debezium on Kafka Connect with its
 * defaults; ask for it with {@code --backlog=1000000}), {@code --quick} (a few minutes,
 * for development) and {@code --tiny} (the smoke test's). Any value can be given on top
 * of a size.
 *
 * @param mode default, quick or tiny
 * @param rates the fixed rates, row changes per second, before the step-up
 * @param stepUp whether to raise the rate by {@code stepFactor} after the fixed rates
 * until the lag grows: from the highest fixed rate that held, below the next one that did
 * not
 * @param stepFactor the step-up factor
 * @param maxRate where the step-up stops anyway
 * @param phaseSeconds how long each rate runs
 * @param warmupSeconds an unreported run at 1,000 row changes per second first (JIT,
 * connection pools)
 * @param backlogRows rows in each backlog round
 * @param rounds backlog rounds; the peers drain each round in turn, in a rotating order
 * @param peers the peers that drain the backlogs beside cdc-bridge, some of
 * {@link #PEERS}; none: no backlog rounds
 * @param appJvmOptions JVM options of cdc-bridge and of the Kafka Connect workers (the
 * same heap for all)
 * @param kafkaJvmOptions JVM options of the Kafka broker
 * @param loadWorkers the load generator's connections
 * @param home the checkout (where {@code cdc-bridge/target/*-exec.jar} and users-app's
 * migrations are)
 * @param workDir where the servers keep their data, deleted at the end unless
 * {@code keep}
 * @param keep keep the work directory (logs)
 * @param pgRecvLogical the pg_recvlogical binary
 * @param profile where cdc-bridge writes a JFR recording ({@code settings=profile}) when
 * it stops, null for none
 */
public record Settings(String mode, List<Integer> rates, boolean stepUp, double stepFactor, int maxRate,
		int phaseSeconds, int warmupSeconds, long backlogRows, int rounds, List<String> peers, String appJvmOptions,
		String kafkaJvmOptions, int loadWorkers, Path home, Path workDir, boolean keep, Path pgRecvLogical,
		Path profile) {

	/** Every peer beside cdc-bridge, in the order they are set up. */
	public static final List<String> PEERS = List.of("connect-default", "connect-tuned", "connect-tuned-eos",
			"pg_recvlogical");

	public static Settings parse(String... args) {
		List<String> list = Arrays.asList(args);
		String mode = list.contains("--tiny") ? "tiny" : list.contains("--quick") ? "quick" : "full";
		Builder b = new Builder(mode);
		switch (mode) {
			case "tiny" -> b.size(List.of(100, 1000), 1500, 2, 0, 2_000, 1, 4);
			case "quick" -> b.size(List.of(100, 1000, 5000, 10_000), 100_000, 8, 5, 20_000, 5, 8);
			default -> b.size(List.of(100, 1000, 5000, 10_000), 100_000, 20, 10, 100_000, 5, 8);
		}
		for (String arg : args) {
			if (arg.startsWith("--") && arg.contains("=")) {
				b.set(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
			}
		}
		if (list.contains("--keep")) {
			b.set("keep", "true");
		}
		if (list.contains("--no-peers")) {
			b.set("peers", "none");
		}
		if (list.contains("--profile")) {
			b.set("profile", "cdc-bridge.jfr");
		}
		return b.build();
	}

	/**
	 * The peers to run: {@code all}, {@code none}, or names of {@link #PEERS}
	 * ({@code cdc-bridge} always runs).
	 */
	static List<String> parsePeers(String value) {
		if (value.equals("all") || value.equals("true")) {
			return PEERS;
		}
		if (value.equals("none") || value.equals("false")) {
			return List.of();
		}
		List<String> names = Arrays.stream(value.split(",")).map(String::trim).filter((p) -> !p.isEmpty()).toList();
		for (String name : names) {
			if (!name.equals("cdc-bridge") && !PEERS.contains(name)) {
				throw new IllegalArgumentException("unknown peer " + name + " in --peers; known: cdc-bridge, "
						+ String.join(", ", PEERS) + ", all, none");
			}
		}
		return PEERS.stream().filter(names::contains).toList();
	}

	/** The command line's values, on top of a size's. */
	private static final class Builder {

		private final String mode;

		private List<Integer> rates;

		private boolean stepUp = true;

		private double stepFactor = 1.5;

		private int maxRate;

		private int phaseSeconds;

		private int warmupSeconds;

		private long backlogRows;

		private int rounds;

		private List<String> peers = PEERS;

		private String appJvmOptions = "-Xmx256m -XX:+UseSerialGC";

		private String kafkaJvmOptions = "-Xmx768m";

		private int loadWorkers;

		private Path home = defaultHome();

		private Path workDir = defaultWorkDir();

		private boolean keep;

		private Path pgRecvLogical = defaultPgRecvLogical();

		private Path profile;

		Builder(String mode) {
			this.mode = mode;
		}

		void size(List<Integer> rates, int maxRate, int phaseSeconds, int warmupSeconds, long backlogRows, int rounds,
				int loadWorkers) {
			this.rates = rates;
			this.maxRate = maxRate;
			this.phaseSeconds = phaseSeconds;
			this.warmupSeconds = warmupSeconds;
			this.backlogRows = backlogRows;
			this.rounds = rounds;
			this.loadWorkers = loadWorkers;
		}

		void set(String name, String v) {
			switch (name) {
				case "rates" -> this.rates = Arrays.stream(v.split(",")).map(Integer::valueOf).toList();
				case "step-up" -> this.stepUp = Boolean.parseBoolean(v);
				case "max-rate" -> this.maxRate = Integer.parseInt(v);
				case "phase-seconds" -> this.phaseSeconds = Integer.parseInt(v);
				case "backlog" -> this.backlogRows = Long.parseLong(v);
				case "rounds" -> this.rounds = Integer.parseInt(v);
				case "peers" -> this.peers = parsePeers(v);
				case "app-jvm" -> this.appJvmOptions = v;
				case "load-workers" -> this.loadWorkers = Integer.parseInt(v);
				case "home" -> this.home = Path.of(v);
				case "work-dir" -> this.workDir = Path.of(v);
				case "keep" -> this.keep = Boolean.parseBoolean(v);
				case "pg-recvlogical" -> this.pgRecvLogical = Path.of(v);
				case "profile" -> this.profile = Path.of(v).toAbsolutePath();
				default -> throw new IllegalArgumentException("unknown option --" + name);
			}
		}

		Settings build() {
			return new Settings(this.mode, this.rates, this.stepUp, this.stepFactor, this.maxRate, this.phaseSeconds,
					this.warmupSeconds, this.backlogRows, this.rounds, this.peers, this.appJvmOptions,
					this.kafkaJvmOptions, this.loadWorkers, this.home, this.workDir, this.keep, this.pgRecvLogical,
					this.profile);
		}

	}

	/**
	 * The checkout: the working directory, or its parent when run from a module (the
	 * smoke test).
	 */
	private static Path defaultHome() {
		Path here = Path.of("").toAbsolutePath();
		return Files.isDirectory(here.resolve("cdc-bridge")) ? here : here.getParent();
	}

	private static Path defaultWorkDir() {
		return Path.of(System.getProperty("java.io.tmpdir"), "cdc-benchmark-" + ProcessHandle.current().pid());
	}

	/**
	 * Debian's {@code postgresql-client-*} ships it; the embedded PostgreSQL binaries do
	 * not.
	 */
	private static Path defaultPgRecvLogical() {
		List<Path> found = new ArrayList<>();
		try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
			versions.map((v) -> v.resolve("bin/pg_recvlogical")).filter(Files::isExecutable).forEach(found::add);
		}
		catch (Exception ex) {
			// none installed
		}
		return found.isEmpty() ? Path.of("/usr/lib/postgresql/15/bin/pg_recvlogical") : found.get(found.size() - 1);
	}

}
