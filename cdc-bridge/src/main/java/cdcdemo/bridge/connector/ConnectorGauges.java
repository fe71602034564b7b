package cdcdemo.bridge.connector;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.springframework.stereotype.Component;

import cdcdemo.bridge.connector.engine.ConnectorEngine;
import cdcdemo.bridge.connector.engine.ConnectorRuntime;
import cdcdemo.bridge.connector.engine.DebeziumMetrics;

/**
 * Actuator gauges per connector: lag behind the source, events per second, retained WAL,
 * snapshot rows, whether it is up, its state and its restarts. Each looks the connector
 * up when read, so it follows pause and resume and reads NaN once the connector is gone;
 * registered once per name, as a connector's runs come and go.
 * <p>
 * {@code cdc.connector.up} is 1 while the connector streams and 0 otherwise; the alert on
 * it tells a paused connector (stopped on purpose) from a failed one by
 * {@code cdc.connector.state}, which is 1 for the current state and 0 for the others, so
 * that a dashboard or a rule can ask {@code state="failed"} without string values.
 * <p>
 * {@link #sample} reads the lag, events/s and retained-WAL gauges' figures once, for
 * {@link ConnectorSampler}: the charts and the WAL trend keep what Prometheus scrapes,
 * measured the same way.
 */
@Component
class ConnectorGauges {

	private final MeterRegistry meters;

	private final DebeziumMetrics debezium;

	private final Map<String, Sources> sources = new ConcurrentHashMap<>();

	ConnectorGauges(MeterRegistry meters, DebeziumMetrics debezium) {
		this.meters = meters;
		this.debezium = debezium;
	}

	/**
	 * Register a connector's gauges, unless they are already.
	 * @param name the connector
	 * @param runtime its current run, {@code null} when it is gone
	 * @param retainedWalBytes the WAL its slot holds back, {@code null} when unknown
	 */
	void register(String name, Supplier<ConnectorEngine> runtime, Supplier<Long> retainedWalBytes) {
		if (this.sources.putIfAbsent(name, new Sources(runtime, retainedWalBytes)) != null) {
			return;
		}
		Tags tags = Tags.of("connector", name);
		Gauge.builder("cdc.connector.lag", () -> orNaN(lag(name)))
			.baseUnit("milliseconds")
			.description("Time behind the source database's commits")
			.tags(tags)
			.register(this.meters);
		Gauge.builder("cdc.connector.events.rate", () -> read(runtime, (r) -> r.metrics().eventsPerSecond()))
			.baseUnit("events/s")
			.description("Events acknowledged per second, last 10 s")
			.tags(tags)
			.register(this.meters);
		Gauge
			.builder("cdc.connector.snapshot.rows",
					() -> this.debezium.snapshot(name)
						.map((s) -> (double) s.rowsScanned().values().stream().mapToLong(Long::longValue).sum())
						.orElse(Double.NaN))
			.description("Rows read by the snapshot")
			.tags(tags)
			.register(this.meters);
		Gauge.builder("cdc.connector.wal.retained", () -> orNaN(retainedWalBytes.get()))
			.baseUnit("bytes")
			.description("WAL the connector's replication slot holds back")
			.tags(tags)
			.register(this.meters);
		Gauge
			.builder("cdc.connector.up",
					() -> read(runtime, (r) -> (r.status().state() == ConnectorRuntime.State.AVAILABLE) ? 1 : 0))
			.description("1 while the connector streams (available), 0 while it is creating, paused or failed")
			.tags(tags)
			.register(this.meters);
		for (ConnectorRuntime.State state : ConnectorRuntime.State.values()) {
			Gauge.builder("cdc.connector.state", () -> read(runtime, (r) -> (r.status().state() == state) ? 1 : 0))
				.description("1 for the connector's current state, 0 for the others")
				.tags(tags.and("state", state.name().toLowerCase(Locale.ROOT)))
				.register(this.meters);
		}
		// a counter: a new run (an update, a skip) starts again at 0, which Prometheus's
		// rate() and increase() take for a counter reset; the counter holds this bean,
		// not the
		// supplier, as it keeps only a weak reference to the object it reads
		FunctionCounter.builder("cdc.connector.restarts", this, (gauges) -> read(runtime, (r) -> r.health().restarts()))
			.description("Times the engine was started again after a failure, in the connector's current run")
			.tags(tags)
			.register(this.meters);
	}

	/**
	 * The figures of a connector's lag, events/s and retained-WAL gauges, read once.
	 * @param name a connector whose gauges are registered
	 * @return its figures; events/s is {@code null} while its engine does not run (the
	 * gauge reads 0 then, for Prometheus's sake), as is any figure its gauge reads as NaN
	 */
	ConnectorSample sample(String name) {
		Sources source = this.sources.get(name);
		if (source == null) {
			return new ConnectorSample(name, null, null, null);
		}
		ConnectorEngine runtime = source.runtime().get();
		ConnectorRuntime.State state = (runtime != null) ? runtime.status().state() : null;
		Double rate = (state == ConnectorRuntime.State.AVAILABLE || state == ConnectorRuntime.State.CREATING)
				? runtime.metrics().eventsPerSecond() : null;
		return new ConnectorSample(name, rate, source.retainedWalBytes().get(), lag(name));
	}

	private Long lag(String name) {
		return this.debezium.streaming(name).map(DebeziumMetrics.Streaming::millisBehindSource).orElse(null);
	}

	private static double orNaN(Long value) {
		return (value != null) ? value.doubleValue() : Double.NaN;
	}

	private static double read(Supplier<ConnectorEngine> runtime, ToDoubleFunction<ConnectorEngine> value) {
		ConnectorEngine current = runtime.get();
		return (current != null) ? value.applyAsDouble(current) : Double.NaN;
	}

	/** What a connector's gauges read, given once as its first run registers them. */
	private record Sources(Supplier<ConnectorEngine> runtime, Supplier<Long> retainedWalBytes) {
	}

}
