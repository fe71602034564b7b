package cdcdemo.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * Programs a test needs from the machine (Debian packages the build cannot bring). Where
 * one is missing the test is skipped, so that a newcomer without Chromium can still run
 * the rest; in CI ({@code CI=true}, which GitHub Actions and most CI systems set) it
 * fails instead, because a CI run that skipped the browser or README tests would be green
 * without having run them.
 */
public final class RequiredTools {

	private RequiredTools() {
	}

	/**
	 * Skip the test, or fail it in CI, unless every program is installed.
	 * @param what what the programs are for and how to install them
	 * @param programs the executables
	 */
	public static void require(String what, Path... programs) {
		List<Path> missing = Stream.of(programs).filter((program) -> !Files.isExecutable(program)).toList();
		if (missing.isEmpty()) {
			return;
		}
		String message = what + "; missing: " + missing;
		if (inCi()) {
			throw new AssertionError(message + " (CI=true, so a missing program fails the run instead of skipping)");
		}
		Assumptions.abort(message);
	}

	/**
	 * @return whether this runs in CI ({@code CI=true})
	 */
	public static boolean inCi() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

}
