package cdcdemo.bridge.connector;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads each connector's gauges every {@code cdc.charts.interval} (10 s by default) and
 * hands the figures ({@link ConnectorSample}) to every {@link ConnectorSample.Listener}:
 * the slot is asked for its retained WAL once per sample, whoever keeps it. The
 * retained-WAL trend ({@link WalTrends}) keeps one of these every
 * {@code cdc.connector.wal-sample-interval}, so that a slot that keeps growing warns
 * early instead of at the threshold; the charts' history ({@code cdcdemo.bridge.charts})
 * keeps them all for the last hour. A listener that fails is logged and does not stop the
 * others.
 */
@Component
class ConnectorSampler {

	private static final Logger log = LoggerFactory.getLogger(ConnectorSampler.class);

	private final ConnectorRegistry registry;

	private final ConnectorGauges gauges;

	private final List<ConnectorSample.Listener> listeners;

	ConnectorSampler(ConnectorRegistry registry, ConnectorGauges gauges, List<ConnectorSample.Listener> listeners) {
		this.registry = registry;
		this.gauges = gauges;
		this.listeners = listeners;
	}

	@Scheduled(fixedDelayString = "${cdc.charts.interval:10s}")
	void sample() {
		Instant at = Instant.now();
		List<ConnectorSample> samples = this.registry.names().stream().sorted().map(this.gauges::sample).toList();
		for (ConnectorSample.Listener listener : this.listeners) {
			try {
				listener.sampled(at, samples);
			}
			catch (RuntimeException ex) {
				log.warn("{} could not keep the connectors' sample of {}", listener.getClass().getSimpleName(), at, ex);
			}
		}
	}

}
