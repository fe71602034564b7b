package cdcdemo.cli.connectors;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

import cdcdemo.cli.bridge.CommandFailure;
import cdcdemo.cli.bridge.ExitCode;

/**
 * Polls {@code GET /api/connectors/NAME} rather than calling the API's blocking
 * {@code wait}: the blocking call answers only at the end, and this command shows the
 * snapshot's progress on the way.
 */
@Command(name = "connectors:wait",
		description = { "Wait until a connector streams, showing its snapshot's progress.",
				"Shows rows done/total, rate and time left: a bar on a terminal, a line per change when piped.",
				"Exits 0 once it is available, 1 if it failed, is paused or is not available in time." })
class WaitCommand extends ConnectorCommand {

	enum Style {

		AUTO, BAR, LINES

	}

	private static final long POLL_MILLIS = 500;

	@Parameters(index = "0", paramLabel = "NAME", description = "The connector.")
	String name;

	@Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
			description = "How long to wait, e.g. 90s, 5m (default ${DEFAULT-VALUE}).")
	Duration timeout;

	@Option(names = "--progress", paramLabel = "STYLE", defaultValue = "auto",
			description = "bar (redrawn in place), lines (one per change), or auto: bar on a terminal, else lines.")
	Style style;

	@Override
	public void run() {
		long start = System.nanoTime();
		WaitProgress progress = progress();
		for (boolean first = true;; first = false) {
			JsonNode answer = bridge().get(path(this.name));
			Connector connector = connector(answer);
			long now = System.nanoTime();
			if (!(first && connector.is("available"))) {
				progress.show(connector, now);
			}
			String problem = problem(connector, now - start);
			if (problem != null || connector.is("available")) {
				progress.end();
				if (this.output.json()) {
					this.output.printJson(answer);
				}
				else if (problem == null) {
					this.output.out()
						.println(this.name + " is available: streaming "
								+ String.join(", ", connector.tables().stream().map(Connector.Table::topic).toList()));
					this.output.out().flush();
				}
				if (problem != null) {
					throw new CommandFailure(ExitCode.OTHER, problem);
				}
				return;
			}
			pause();
		}
	}

	private String problem(Connector connector, long elapsedNanos) {
		if (connector.is("failed")) {
			return this.name + " failed: " + connector.reason();
		}
		if (connector.is("paused")) {
			return this.name + " is paused; resume it with: cdc connectors:resume " + this.name;
		}
		if (connector.is("standby")) {
			return this.name + " is on standby: another bridge process streams it (" + connector.reason()
					+ "); ask that bridge, or wait for it to stop";
		}
		if (elapsedNanos >= this.timeout.toNanos()) {
			return this.name + " is not available after " + SnapshotProgress.clock(this.timeout) + ": "
					+ ConnectorView.statusLine(connector);
		}
		return null;
	}

	private WaitProgress progress() {
		if (this.output.json()) {
			return WaitProgress.NONE;
		}
		boolean terminal = (this.style == Style.AUTO) ? System.console() != null : this.style == Style.BAR;
		return terminal ? WaitProgress.bar(this.output.out()) : WaitProgress.lines(this.output.out());
	}

	private static void pause() {
		try {
			TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CommandFailure(ExitCode.OTHER, "interrupted");
		}
	}

}
