package cdcdemo.benchmark;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cdcdemo.benchmark.run.Benchmark;
import cdcdemo.benchmark.run.Settings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark in its tiny size, end to end (PostgreSQL, a Kafka broker, cdc-bridge's
 * executable jar, a Kafka Connect worker, pg_recvlogical when installed, and in CI
 * always): it must finish and print every figure, and every figure must have been
 * measured. At this size the values mean nothing, so they are not compared with targets;
 * but a figure that is missing ({@code -}, a short row), not a number ({@code NaN},
 * {@code Infinity}) or zero where something must have happened (a rate, an event count, a
 * size, a latency maximum) means a measurement broke, and fails the test. Zero stays
 * allowed where a tiny run may measure nothing: CPU of the servers while draining 2,000
 * rows, pg_recvlogical's own CPU, the catch-up time, live data after GC (no
 * old-generation collection yet).
 */
@Tag("system")
class BenchmarkSmokeTests {

	private static final Pattern NOT_A_NUMBER = Pattern.compile("NaN|Infinity");

	private static final Pattern PERCENTILES = Pattern.compile("(\\S+) / (\\S+) / (\\S+) / (\\S+)");

	@Test
	void printsEveryFigure() {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		int exit = new Benchmark(Settings.parse("--tiny"), new PrintStream(buffer, true, StandardCharsets.UTF_8)).run();
		String report = buffer.toString(StandardCharsets.UTF_8);

		assertThat(exit).as(report).isZero();
		assertThat(report).contains("machine: ", "load average at start", "== Backlog drain",
				"cdc-bridge / connect-default", "cdc-bridge / connect-tuned",
				"CPU seconds per million events while draining", "commit->consumer", "commit->bridge", "bridge->Kafka",
				"Kafka->consumer", "step-up", "max single-row inserts", "cdc-bridge  postgres   kafka  load+read",
				"heap MiB", "RSS MiB", "wire B/evt", "payload B/evt", "live data after GC", "VmHWM", "== Targets",
				"sustained with lag flat");
		assertThat(report).containsAnyOf("cdc-bridge / pg_recvlogical", "apt-get install -y postgresql-client-15");
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			assertThat(report).as("CI=true: the pg_recvlogical peer must run (.ci/run installs postgresql-client-15)")
				.contains("cdc-bridge / pg_recvlogical");
		}
		assertThat(report).doesNotContain("FAILED");
		assertEveryFigureMeasured(report);
	}

	/**
	 * Reads the figures back from the report, section by section, in the formats
	 * {@code Report} prints them.
	 * @param report the whole report
	 */
	static void assertEveryFigureMeasured(String report) {
		assertThat(NOT_A_NUMBER.matcher(report).find()).as("a figure that is not a number in:%n%s", report).isFalse();
		List<String> lines = report.lines().toList();

		List<String> drain = section(lines, "round ", "median of per-round ratios");
		List<String> peers = List.of(drain.get(0).substring("round".length()).trim().split("\\s+"));
		assertThat(peers).as("the drain's peers").contains("cdc-bridge", "connect-default", "connect-tuned");
		assertThat(drain).as("drain rounds").hasSizeGreaterThan(1);
		for (String row : drain.subList(1, drain.size())) {
			Matcher rates = Pattern.compile("(\\S+) \\(\\s*(\\S+)\\)").matcher(row.replaceFirst("\\s+order:.*$", ""));
			int found = 0;
			while (rates.find()) {
				positive(rates.group(1), "drain rate", row);
				positive(rates.group(2), "drain streaming rate", row);
				found++;
			}
			assertThat(found).as("a rate per peer in `%s`", row).isEqualTo(peers.size());
		}
		List<String> ratios = lines.stream().filter((l) -> l.startsWith("  cdc-bridge / ")).toList();
		assertThat(ratios).as("a ratio per peer").hasSize(peers.size() - 1);
		for (String line : ratios) {
			// ` cdc-bridge / connect-tuned 0.79x CPU 1.18x (Connect tuned)`: the drain
			// ratio, then the CPU's
			Matcher ratio = Pattern.compile("\\s(\\S+)x\\s+CPU\\s+(\\S+)x").matcher(line);
			assertThat(ratio.find()).as("a drain and a CPU ratio in `%s`", line).isTrue();
			positive(ratio.group(1), "drain ratio", line);
			positive(ratio.group(2), "CPU ratio", line);
		}
		List<String> drainCpu = section(lines, "  peer ", "");
		assertThat(drainCpu).as("drain CPU per peer").hasSize(peers.size() + 1);
		for (String line : drainCpu.subList(1, drainCpu.size())) {
			String[] cells = line.trim().split("\\s+");
			assertThat(cells).as("`%s`", line).hasSize(4);
			if (cells[0].equals("pg_recvlogical")) {
				notNegative(cells[1], "own CPU", line);
			}
			else {
				positive(cells[1], "own CPU", line);
			}
			notNegative(cells[2], "postgres CPU", line);
			notNegative(cells[3], "kafka CPU", line);
		}

		List<String> phases = section(lines, "phase ", "");
		Pattern phase = Pattern.compile("^(.+?)\\s+(\\d+|max)\\s+(\\S+)\\s+(\\S+)\\s+(yes|NO)\\s+(\\S+)/s\\s+(\\S+)s$");
		assertThat(phases).as("load phases").hasSizeGreaterThan(3);
		for (String line : phases.subList(1, phases.size())) {
			Matcher m = phase.matcher(line);
			assertThat(m.matches()).as("a whole phase row: `%s`", line).isTrue();
			positive(m.group(3), "achieved rate", line);
			positive(m.group(4), "events", line);
			number(m.group(6), "lag slope", line);
			notNegative(m.group(7), "catch-up", line);
		}
		int phaseCount = phases.size() - 1;

		List<String> latencies = section(lines, "target    commit->consumer", "");
		assertThat(latencies).as("a latency row per phase").hasSize(phaseCount + 1);
		for (String line : latencies.subList(1, latencies.size())) {
			Matcher m = PERCENTILES.matcher(line.replaceFirst("^\\S+", ""));
			int found = 0;
			while (m.find()) {
				double previous = 0;
				for (int i = 1; i <= 4; i++) {
					double value = notNegative(m.group(i), "latency", line);
					assertThat(value).as("percentiles in order in `%s`", line).isGreaterThanOrEqualTo(previous);
					previous = value;
				}
				positive(m.group(4), "latency maximum", line);
				found++;
			}
			assertThat(found).as("p50/p99/p99.9/max for each of the four latencies in `%s`", line).isEqualTo(4);
		}

		List<String> costs = section(lines, "target    cdc-bridge", "(heap:");
		assertThat(costs).as("a CPU, memory and bytes row per phase").hasSize(phaseCount + 1);
		// target, cdc-bridge, postgres, kafka, load+read, heap MiB, live MiB, RSS MiB,
		// wire B/evt, payload B/evt
		assertThat(costs.get(0)).contains("heap MiB  live MiB   RSS MiB");
		int live = 6;
		for (String line : costs.subList(1, costs.size())) {
			String[] cells = line.trim().split("\\s+");
			assertThat(cells).as("`%s`", line).hasSize(10);
			for (int i = 1; i < cells.length; i++) {
				if (i == live) {
					// no old-generation collection yet in a tiny phase
					notNegative(cells[i], "live data after GC", line);
				}
				else {
					positive(cells[i], "CPU, memory or bytes per event", line);
				}
			}
		}

		String memory = lines.stream()
			.filter((l) -> l.startsWith("cdc-bridge over the whole run"))
			.findFirst()
			.orElse("");
		Matcher m = Pattern
			.compile("heap used max (\\S+) MiB, live data after GC max (\\S+) MiB .*RSS max (\\S+) MiB, "
					+ "VmHWM (\\S+) MiB")
			.matcher(memory);
		assertThat(m.find()).as("the memory line: `%s`", memory).isTrue();
		positive(m.group(1), "heap used max", memory);
		notNegative(m.group(2), "live data after GC", memory);
		positive(m.group(3), "RSS max", memory);
		positive(m.group(4), "VmHWM", memory);

		List<String> verdicts = lines.stream().filter((l) -> l.matches("^  \\S.* (MET|MISSED) +\\S.*$")).toList();
		assertThat(verdicts).as("the targets' verdicts").hasSizeGreaterThanOrEqualTo(3);
		for (String line : verdicts) {
			String figure = line.replaceFirst("^.* (MET|MISSED) +", "");
			Matcher first = Pattern.compile("-?\\d+(\\.\\d+)?").matcher(figure);
			assertThat(first.find()).as("a figure in `%s`", line).isTrue();
			if (figure.endsWith("x") || figure.startsWith("max ") || figure.contains("inserts/s")) {
				positive(first.group(), "target figure", line);
			}
		}
		String sustained = lines.stream().filter((l) -> l.contains("sustained with lag flat:")).findFirst().orElse("");
		notNegative(sustained.replaceFirst("^.*: (\\S+) events/s$", "$1"), "sustained rate", sustained);
	}

	/**
	 * The lines from the first starting with {@code header} to the first starting with
	 * {@code end}, exclusive.
	 */
	private static List<String> section(List<String> lines, String header, String end) {
		List<String> section = new ArrayList<>();
		for (String line : lines) {
			if (section.isEmpty() && line.startsWith(header)) {
				section.add(line);
			}
			else if (!section.isEmpty()) {
				if (end.isEmpty() ? line.isBlank() : line.startsWith(end)) {
					return section;
				}
				section.add(line);
			}
		}
		assertThat(section).as("a section starting with `%s` ending at `%s`", header, end).isNotEmpty();
		return section;
	}

	private static double number(String text, String what, String line) {
		double value;
		try {
			value = Double.parseDouble(text.replace(",", ""));
		}
		catch (NumberFormatException ex) {
			throw new AssertionError(what + " is not a number, `" + text + "`, in `" + line + "`");
		}
		assertThat(Double.isFinite(value)).as("%s finite in `%s`", what, line).isTrue();
		return value;
	}

	private static double notNegative(String text, String what, String line) {
		double value = number(text, what, line);
		assertThat(value).as("%s in `%s`", what, line).isGreaterThanOrEqualTo(0);
		return value;
	}

	private static void positive(String text, String what, String line) {
		assertThat(number(text, what, line)).as("%s in `%s`", what, line).isPositive();
	}

}
