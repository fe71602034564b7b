package cdcdemo.bridge.charts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import cdcdemo.bridge.connector.ConnectorSample;

/**
 * One connector's latest samples in a ring of fixed size, the oldest overwritten first,
 * so that its memory stays the same however long the bridge runs. A figure that was not
 * measured, or is not a finite number of zero or more (Debezium's lag is {@code -1}
 * before the first change), is kept as missing and read as {@code null}: never drawn,
 * never answered as a number. Samples are kept with the time they were taken rather than
 * in slots of the interval, so that a sampler running a little late never looks like a
 * missing sample; a sample is missing where two are more than one and a half intervals
 * apart.
 */
final class SampleRing {

	private final long[] at;

	private final double[] eventsPerSecond;

	private final double[] retainedWalBytes;

	private final double[] millisBehindSource;

	private int next;

	private int size;

	SampleRing(int capacity) {
		this.at = new long[capacity];
		this.eventsPerSecond = new double[capacity];
		this.retainedWalBytes = new double[capacity];
		this.millisBehindSource = new double[capacity];
	}

	synchronized void record(Instant at, ConnectorSample sample) {
		this.at[this.next] = at.toEpochMilli();
		this.eventsPerSecond[this.next] = kept(sample.eventsPerSecond());
		this.retainedWalBytes[this.next] = kept(sample.retainedWalBytes());
		this.millisBehindSource[this.next] = kept(sample.millisBehindSource());
		this.next = (this.next + 1) % this.at.length;
		this.size = Math.min(this.size + 1, this.at.length);
	}

	/**
	 * @param connector the connector, for the answer
	 * @param from the oldest sample to read
	 * @param to the newest
	 * @param interval how often samples are taken
	 * @return the samples between {@code from} and {@code to}, each gap marked
	 */
	synchronized ConnectorHistory read(String connector, Instant from, Instant to, Duration interval) {
		List<Instant> timestamps = new ArrayList<>();
		List<Double> events = new ArrayList<>();
		List<Long> retained = new ArrayList<>();
		List<Long> behind = new ArrayList<>();
		long gap = interval.toMillis() * 3 / 2;
		Long previous = null;
		for (int i = 0; i < this.size; i++) {
			int slot = Math.floorMod(this.next - this.size + i, this.at.length);
			long millis = this.at[slot];
			if (millis < from.toEpochMilli() || millis > to.toEpochMilli()) {
				continue;
			}
			if (previous != null && millis - previous > gap) {
				timestamps.add(Instant.ofEpochMilli(previous + interval.toMillis()));
				events.add(null);
				retained.add(null);
				behind.add(null);
			}
			timestamps.add(Instant.ofEpochMilli(millis));
			events.add(Double.isNaN(this.eventsPerSecond[slot]) ? null : this.eventsPerSecond[slot]);
			retained.add(whole(this.retainedWalBytes[slot]));
			behind.add(whole(this.millisBehindSource[slot]));
			previous = millis;
		}
		return new ConnectorHistory(connector, from, to, interval.toSeconds(), timestamps, events, retained, behind);
	}

	private static double kept(Number value) {
		if (value == null) {
			return Double.NaN;
		}
		double figure = value.doubleValue();
		return (Double.isFinite(figure) && figure >= 0) ? figure : Double.NaN;
	}

	private static Long whole(double figure) {
		return Double.isNaN(figure) ? null : (long) figure;
	}

}
