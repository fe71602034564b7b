package cdcdemo.cli.connectors;

import java.time.Duration;

/**
 * Rows done and to do, with the rate measured since the first sample that saw rows move,
 * and the time left at that rate. The bridge reports counts only; the rate is the CLI's,
 * from the samples it took.
 */
final class SnapshotProgress {

	private long firstRows = -1;

	private long firstNanos;

	private long rowsDone;

	private long rowsTotal;

	private double rowsPerSecond;

	void update(long done, long total, long nanos) {
		if (this.firstRows < 0 || done < this.firstRows) {
			this.firstRows = done;
			this.firstNanos = nanos;
			this.rowsPerSecond = 0;
		}
		else if (done > this.firstRows && nanos > this.firstNanos) {
			this.rowsPerSecond = (done - this.firstRows) / ((nanos - this.firstNanos) / 1e9);
		}
		this.rowsDone = done;
		this.rowsTotal = total;
	}

	long rowsDone() {
		return this.rowsDone;
	}

	/**
	 * @return done over total, from 0 to 1 (1 when there is nothing to read)
	 */
	double fraction() {
		return (this.rowsTotal <= 0) ? 1 : Math.min(1, (double) this.rowsDone / this.rowsTotal);
	}

	/**
	 * @return e.g. {@code 1200/3000 rows, 400 rows/s, 0:05 left}
	 */
	String describe() {
		StringBuilder text = new StringBuilder(this.rowsDone + "/" + this.rowsTotal + " rows");
		if (this.rowsPerSecond > 0) {
			text.append(String.format(", %.0f rows/s", this.rowsPerSecond));
			long left = Math.max(0, this.rowsTotal - this.rowsDone);
			text.append(", ").append(clock(Duration.ofSeconds(Math.round(left / this.rowsPerSecond)))).append(" left");
		}
		return text.toString();
	}

	/**
	 * @param width the bar's inner width
	 * @return e.g. {@code [#####---------------]  25%}
	 */
	String bar(int width) {
		int filled = (int) Math.round(fraction() * width);
		return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "] "
				+ String.format("%3d%%", Math.round(fraction() * 100));
	}

	static String clock(Duration duration) {
		long seconds = duration.toSeconds();
		return (seconds >= 3600) ? String.format("%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60)
				: String.format("%d:%02d", seconds / 60, seconds % 60);
	}

}
