package cdcdemo.bridge.charts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import cdcdemo.bridge.connector.ConnectorSample;

/**
 * Each connector's last {@code cdc.charts.window} (an hour by default) of samples, in
 * memory: a {@link SampleRing} a connector, filled from the connector package's sampler
 * (the same figures as its gauges, read once for the WAL trend and for these) and
 * forgotten at the first sample after the connector is destroyed, so that the memory held
 * is bounded by the connectors there are. A bridge that restarts starts with none. Reads
 * go up to the time of its clock.
 */
class ConnectorHistories implements ConnectorSample.Listener {

	private final Map<String, SampleRing> rings = new ConcurrentHashMap<>();

	private final ChartsProperties properties;

	private final Clock clock;

	ConnectorHistories(ChartsProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void sampled(Instant at, List<ConnectorSample> samples) {
		this.rings.keySet().retainAll(samples.stream().map(ConnectorSample::connector).toList());
		for (ConnectorSample sample : samples) {
			this.rings.computeIfAbsent(sample.connector(), (name) -> new SampleRing(this.properties.capacity()))
				.record(at, sample);
		}
	}

	/**
	 * @param connector a connector
	 * @return its samples of the last window, up to now; {@code null} if it has none: the
	 * bridge has no such connector, or has not sampled it yet
	 */
	ConnectorHistory history(String connector) {
		SampleRing ring = this.rings.get(connector);
		if (ring == null) {
			return null;
		}
		Instant to = Instant.ofEpochMilli(this.clock.millis());
		return ring.read(connector, to.minus(this.properties.window()), to, this.properties.interval());
	}

	/**
	 * @param connector a connector that the bridge has, but has not sampled yet
	 * @return its history: no samples in the window up to now
	 */
	ConnectorHistory none(String connector) {
		Instant to = Instant.ofEpochMilli(this.clock.millis());
		return new ConnectorHistory(connector, to.minus(this.properties.window()), to,
				this.properties.interval().toSeconds(), List.of(), List.of(), List.of(), List.of());
	}

}
