package cdcdemo.cli.connectors;

import java.io.PrintWriter;
import java.util.Objects;

/**
 * How {@code connectors:wait} shows where a connector is: on a terminal, one line redrawn
 * in place with a bar; piped to a file or another program, a plain line each time
 * something changes, so that a log stays readable.
 */
abstract class WaitProgress {

	static final WaitProgress NONE = new WaitProgress() {

		@Override
		void show(Connector connector, long nanos) {
		}

		@Override
		void end() {
		}

	};

	final SnapshotProgress snapshot = new SnapshotProgress();

	abstract void show(Connector connector, long nanos);

	abstract void end();

	static WaitProgress bar(PrintWriter out) {
		return new Bar(out);
	}

	static WaitProgress lines(PrintWriter out) {
		return new Lines(out);
	}

	String describe(Connector connector, long nanos) {
		Connector.Snapshot s = connector.snapshot();
		if (s == null || "not-started".equals(s.state()) && s.rowsDone() == 0) {
			return ConnectorView.statusLine(connector);
		}
		this.snapshot.update(s.rowsDone(), s.rowsTotal(), nanos);
		return connector.name() + ": " + connector.status() + ", snapshot " + s.state() + " "
				+ this.snapshot.describe();
	}

	private static final class Bar extends WaitProgress {

		private final PrintWriter out;

		private int lastLength;

		Bar(PrintWriter out) {
			this.out = out;
		}

		@Override
		void show(Connector connector, long nanos) {
			String line = describe(connector, nanos);
			if (connector.snapshot() != null && !"not-started".equals(connector.snapshot().state())) {
				line = this.snapshot.bar(30) + "  " + line;
			}
			this.out.print("\r" + line + " ".repeat(Math.max(0, this.lastLength - line.length())));
			this.out.flush();
			this.lastLength = line.length();
		}

		@Override
		void end() {
			if (this.lastLength > 0) {
				this.out.println();
				this.out.flush();
			}
		}

	}

	private static final class Lines extends WaitProgress {

		private static final long ROWS_EVERY_NANOS = 2_000_000_000L;

		private final PrintWriter out;

		private String lastState;

		private long lastRowsNanos;

		private long lastRows = -1;

		Lines(PrintWriter out) {
			this.out = out;
		}

		@Override
		void show(Connector connector, long nanos) {
			String line = describe(connector, nanos);
			Connector.Snapshot s = connector.snapshot();
			String state = connector.status() + "|" + connector.reason() + "|" + ((s != null) ? s.state() : "");
			long rows = (s != null) ? s.rowsDone() : 0;
			boolean rowsMoved = rows != this.lastRows && nanos - this.lastRowsNanos >= ROWS_EVERY_NANOS;
			if (!Objects.equals(state, this.lastState) || rowsMoved) {
				this.out.println(line);
				this.out.flush();
				this.lastState = state;
				this.lastRows = rows;
				this.lastRowsNanos = nanos;
			}
		}

		@Override
		void end() {
		}

	}

}
