package cdcdemo.cli.connectors;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The progress {@code connectors:wait} shows, from a sequence of connector states: the
 * rate and time left come from the samples, the bar is redrawn in place, the lines appear
 * only when something changed.
 */
class WaitProgressTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void measuresTheRateAndTimeLeftFromTheSamples() {
		SnapshotProgress progress = new SnapshotProgress();
		progress.update(1000, 10_000, 0);
		assertThat(progress.describe()).isEqualTo("1000/10000 rows");
		progress.update(3000, 10_000, 2 * SECOND);
		assertThat(progress.describe()).isEqualTo("3000/10000 rows, 1000 rows/s, 0:07 left");
		assertThat(progress.bar(10)).isEqualTo("[###-------]  30%");
		assertThat(SnapshotProgress.clock(Duration.ofSeconds(3725))).isEqualTo("1:02:05");
	}

	@Test
	void redrawsOneLineOnATerminal() {
		StringWriter out = new StringWriter();
		WaitProgress bar = WaitProgress.bar(new PrintWriter(out));
		bar.show(connector("creating", "running", 0, 200), 0);
		bar.show(connector("creating", "running", 100, 200), SECOND);
		bar.show(connector("available", "completed", 200, 200), 2 * SECOND);
		bar.end();
		assertThat(out.toString()).doesNotContain("\n" + "[").endsWith("\n");
		assertThat(out.toString().split("\r")).hasSize(4);
		assertThat(out.toString())
			.contains("\r[###############---------------]  50%  audit: creating, snapshot running "
					+ "100/200 rows, 100 rows/s, 0:01 left");
	}

	@Test
	void printsALineOnlyWhenSomethingChangesWhenPiped() {
		StringWriter out = new StringWriter();
		WaitProgress lines = WaitProgress.lines(new PrintWriter(out));
		lines.show(connector("creating", "not-started", 0, 0), 0);
		lines.show(connector("creating", "not-started", 0, 0), SECOND / 2);
		lines.show(connector("creating", "running", 10, 200), SECOND);
		lines.show(connector("creating", "running", 20, 200), 2 * SECOND);
		lines.show(connector("creating", "running", 100, 200), 3 * SECOND);
		lines.show(connector("available", "completed", 200, 200), 4 * SECOND);
		assertThat(out.toString().lines().toList()).containsExactly("audit: creating (connecting)",
				"audit: creating, snapshot running 10/200 rows",
				"audit: creating, snapshot running 100/200 rows, 45 rows/s, 0:02 left",
				"audit: available, snapshot completed 200/200 rows, 63 rows/s, 0:00 left");
	}

	private static Connector connector(String status, String snapshot, long done, long total) {
		return new Connector("audit", status, "creating".equals(status) ? "connecting" : null, "source", "store",
				List.of(), List.of(), "publication", "publication", "heartbeat.audit", Map.of(), 0, 0, null, null, null,
				new Connector.Snapshot(snapshot, done, total, null), null, List.of(), "embedded", null);
	}

}
