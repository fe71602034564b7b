package cdcdemo.benchmark.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What to run, from the command line ({@code --name=value}). Three sizes: the default (the full run, about 8 minutes
 * on 2 cores, with a backlog of 100,000 rows: 1,000,000 would take about 40 minutes, mostly waiting for Debezium on
 * Kafka Connect with its defaults; ask for it with {@code --backlog=1000000}), {@code --quick} (a few minutes, for
 * development) and {@code --tiny} (the smoke test's). Any value can be given on top of a size.
 *
 * @param mode default, quick or tiny
 * @param rates the fixed rates, row changes per second, before the step-up
 * @param stepUp whether to raise the rate by {@code stepFactor} after the fixed rates until the lag grows: from the
 * highest fixed rate that held, below the next one that did not
 * @param stepFactor the step-up factor
 * @param maxRate where the step-up stops anyway
 * @param phaseSeconds how long each rate runs
 * @param warmupSeconds an unreported run at 1,000 row changes per second first (JIT, connection pools)
 * @param backlogRows rows in each backlog round
 * @param rounds backlog rounds; the peers drain each round in turn, in a rotating order
 * @param peers whether to run the Kafka Connect and pg_recvlogical peers
 * @param appJvmOptions JVM options of cdc-bridge and of the Kafka Connect worker (the same heap for both)
 * @param kafkaJvmOptions JVM options of the Kafka broker
 * @param loadWorkers the load generator's connections
 * @param home the checkout (where {@code cdc-bridge/target/*-exec.jar} and users-app's migrations are)
 * @param workDir where the servers keep their data, deleted at the end unless {@code keep}
 * @param keep keep the work directory (logs)
 * @param pgRecvLogical the pg_recvlogical binary
 */
public record Settings(String mode, List<Integer> rates, boolean stepUp, double stepFactor, int maxRate,
		int phaseSeconds, int warmupSeconds, long backlogRows, int rounds, boolean peers, String appJvmOptions,
		String kafkaJvmOptions, int loadWorkers, Path home, Path workDir, boolean keep, Path pgRecvLogical) {

	public static Settings parse(String... args) {
		List<String> list = Arrays.asList(args);
		String mode = list.contains("--tiny") ? "tiny" : list.contains("--quick") ? "quick" : "full";
		Settings s = switch (mode) {
			case "tiny" -> new Settings(mode, List.of(100, 1000), true, 1.5, 1500, 2, 0, 2_000, 1, true,
					"-Xmx256m -XX:+UseSerialGC", "-Xmx768m", 4, defaultHome(), defaultWorkDir(), false, defaultPgRecvLogical());
			case "quick" -> new Settings(mode, List.of(100, 1000, 5000, 10_000), true, 1.5, 100_000, 8, 5, 20_000, 5, true,
					"-Xmx256m -XX:+UseSerialGC", "-Xmx768m", 8, defaultHome(), defaultWorkDir(), false, defaultPgRecvLogical());
			default -> new Settings(mode, List.of(100, 1000, 5000, 10_000), true, 1.5, 100_000, 20, 10, 100_000, 5, true,
					"-Xmx256m -XX:+UseSerialGC", "-Xmx768m", 8, defaultHome(), defaultWorkDir(), false, defaultPgRecvLogical());
		};
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				continue;
			}
			String name = arg.substring(2, arg.indexOf('='));
			String value = arg.substring(arg.indexOf('=') + 1);
			s = s.with(name, value);
		}
		if (list.contains("--keep")) {
			s = s.with("keep", "true");
		}
		if (list.contains("--no-peers")) {
			s = s.with("peers", "false");
		}
		return s;
	}

	private Settings with(String name, String v) {
		return switch (name) {
			case "rates" -> new Settings(this.mode, Arrays.stream(v.split(",")).map(Integer::valueOf).toList(),
					this.stepUp, this.stepFactor, this.maxRate, this.phaseSeconds, this.warmupSeconds,
					this.backlogRows, this.rounds, this.peers, this.appJvmOptions, this.kafkaJvmOptions,
					this.loadWorkers, this.home, this.workDir, this.keep, this.pgRecvLogical);
			case "step-up" -> new Settings(this.mode, this.rates, Boolean.parseBoolean(v), this.stepFactor,
					this.maxRate, this.phaseSeconds, this.warmupSeconds, this.backlogRows, this.rounds, this.peers,
					this.appJvmOptions, this.kafkaJvmOptions, this.loadWorkers, this.home, this.workDir, this.keep,
					this.pgRecvLogical);
			case "max-rate" -> new Settings(this.mode, this.rates, this.stepUp, this.stepFactor, Integer.parseInt(v),
					this.phaseSeconds, this.warmupSeconds, this.backlogRows, this.rounds, this.peers,
					this.appJvmOptions, this.kafkaJvmOptions, this.loadWorkers, this.home, this.workDir, this.keep,
					this.pgRecvLogical);
			case "phase-seconds" -> new Settings(this.mode, this.rates, this.stepUp, this.stepFactor, this.maxRate,
					Integer.parseInt(v), this.warmupSeconds, this.backlogRows, this.rounds, this.peers,
					this.appJvmOptions, this.kafkaJvmOptions, this.loadWorkers, this.home, this.workDir, this.keep,
					this.pgRecvLogical);
			case "backlog" -> new Settings(this.mode, this.rates, this.stepUp, this.stepFactor, this.maxRate,
					this.phaseSeconds, this.warmupSeconds, Long.parseLong(v), this.rounds, this.peers,
					this.appJvmOptions, this.kafkaJvmOptions, this.loadWorkers, this.home, this.workDir, this.keep,
					this.pgRecvLogical);
			case "rounds" -> new Settings(this.mode, this.rates, this.stepUp, this.stepFactor, this.maxRate,
					this.phaseSeconds, this.warmupSeconds, this.backlogRows, Integer.parseInt(v), this.peers,
					this.appJvmOptions, this.kafkaJvmOptions, this.loadWorkers, this.home, this.workDir, this.keep,
					this.pgRecvLogical);
			case "peers" -> new Settings(this.mode, this.rates, this.stepUp, this.stepFactor, this.maxRate,
					this.phaseSeconds, this.warmupSeconds, this.backlogRows, this.rounds, Boolean.parseBoolean(v),
					this.appJvmOptions, this.kafkaJvmOptions, this.loadWorkers, this.home, this.workDir, this.keep,
					this.pgRecvLogical);
			case "app-jvm" -> new Settings(this.mode, this.rates, this.stepUp, this.stepFactor, this.maxRate,
					this.phaseSeconds, this.warmupSeconds, this.backlogRows, this.rounds, this.peers, v,
					this.kafkaJvmOptions, this.loadWorkers, this.home, this.workDir, this.keep, this.pgRecvLogical);
			case "load-workers" -> new Settings(this.mode, this.rates, this.stepUp, this.stepFactor, this.maxRate,
					this.phaseSeconds, this.warmupSeconds, this.backlogRows, this.rounds, this.peers,
					this.appJvmOptions, this.kafkaJvmOptions, Integer.parseInt(v), this.home, this.workDir, this.keep,
					this.pgRecvLogical);
			case "home" -> new Settings(this.mode, this.rates, this.stepUp, this.stepFactor, this.maxRate,
					this.phaseSeconds, this.warmupSeconds, this.backlogRows, this.rounds, this.peers,
					this.appJvmOptions, this.kafkaJvmOptions, this.loadWorkers, Path.of(v), this.workDir, this.keep,
					this.pgRecvLogical);
			case "work-dir" -> new Settings(this.mode, this.rates, this.stepUp, this.stepFactor, this.maxRate,
					this.phaseSeconds, this.warmupSeconds, this.backlogRows, this.rounds, this.peers,
					this.appJvmOptions, this.kafkaJvmOptions, this.loadWorkers, this.home, Path.of(v), this.keep,
					this.pgRecvLogical);
			case "keep" -> new Settings(this.mode, this.rates, this.stepUp, this.stepFactor, this.maxRate,
					this.phaseSeconds, this.warmupSeconds, this.backlogRows, this.rounds, this.peers,
					this.appJvmOptions, this.kafkaJvmOptions, this.loadWorkers, this.home, this.workDir,
					Boolean.parseBoolean(v), this.pgRecvLogical);
			case "pg-recvlogical" -> new Settings(this.mode, this.rates, this.stepUp, this.stepFactor, this.maxRate,
					this.phaseSeconds, this.warmupSeconds, this.backlogRows, this.rounds, this.peers,
					this.appJvmOptions, this.kafkaJvmOptions, this.loadWorkers, this.home, this.workDir, this.keep,
					Path.of(v));
			default -> throw new IllegalArgumentException("unknown option --" + name);
		};
	}

	/** The checkout: the working directory, or its parent when run from a module (the smoke test). */
	private static Path defaultHome() {
		Path here = Path.of("").toAbsolutePath();
		return Files.isDirectory(here.resolve("cdc-bridge")) ? here : here.getParent();
	}

	private static Path defaultWorkDir() {
		return Path.of(System.getProperty("java.io.tmpdir"), "cdc-benchmark-" + ProcessHandle.current().pid());
	}

	/** Debian's {@code postgresql-client-*} ships it; the embedded PostgreSQL binaries do not. */
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
