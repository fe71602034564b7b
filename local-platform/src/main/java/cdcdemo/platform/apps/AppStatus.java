package cdcdemo.platform.apps;

import java.time.Instant;

/**
 * Where one app of the platform stands, as {@code GET /platform/apps} shows it.
 *
 * @param name the app's module
 * @param state {@code starting}, {@code running}, {@code restarting}, {@code gave-up} or
 * {@code stopped}
 * @param pid its process, while one runs
 * @param url where it serves
 * @param healthySince since when it has been healthy, while it is
 * @param restarts how often it was started again since the platform started
 * @param lastExitCode the exit code of its last unexpected exit, if any
 * @param lastExitAt when that was
 * @param log its log file
 */
public record AppStatus(String name, String state, Long pid, String url, Instant healthySince, int restarts,
		Integer lastExitCode, Instant lastExitAt, String log) {
}
