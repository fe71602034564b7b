package cdcdemo.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one line each scenario reports, in a fixed format, on the console and in
 * {@code target/fault-results.txt} (started afresh by each test JVM):
 * {@code FAULT <scenario> committed=<n> delivered=<n> lost=<n> duplicates=<n> recovery=<s>s [<name>=<value> ...]}.
 */
final class FaultResults {

	static final Path FILE = Path.of("target", "fault-results.txt");

	private static boolean started;

	private FaultResults() {
	}

	static synchronized String report(String scenario, Delivery delivery, Duration recovery, Map<String, ?> more) {
		String line = String.format(Locale.ROOT,
				"FAULT %s committed=%d delivered=%d lost=%d duplicates=%d recovery=%.1fs", scenario,
				delivery.committed(), delivery.delivered(), delivery.lost(), delivery.duplicates(),
				recovery.toMillis() / 1000.0)
				+ more.entrySet()
					.stream()
					.map((e) -> " " + e.getKey() + "=" + e.getValue())
					.collect(Collectors.joining());
		return write(line);
	}

	/**
	 * Report a scenario that is not about the users topic's changes, with figures of its
	 * own.
	 * @param scenario the scenario
	 * @param figures {@code name=value} each
	 * @return the line
	 */
	static synchronized String line(String scenario, java.util.List<String> figures) {
		return write("FAULT " + scenario + " " + String.join(" ", figures));
	}

	private static String write(String line) {
		System.out.println(line);
		try {
			Files.createDirectories(FILE.getParent());
			if (!started) {
				Files.deleteIfExists(FILE);
				started = true;
			}
			Files.writeString(FILE, line + System.lineSeparator(), StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return line;
	}

}
