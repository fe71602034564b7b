package cdcdemo.bridge.connector;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.springframework.stereotype.Component;

import cdcdemo.bridge.connector.engine.DebeziumMetrics;

/**
 * Actuator gauges per connector: lag behind the source, events per second, retained WAL,
 * snapshot rows. Each looks the connector up when read, so it follows pause and resume
 * and reads NaN once the connector is gone; registered once per name, as a connector's
 * runs come and go.
 */
@Component
class ConnectorGauges {

	private final MeterRegistry meters;

	private final DebeziumMetrics debezium;

	private final Set<String> gauged = ConcurrentHashMap.newKeySet();

	ConnectorGauges(MeterRegistry meters, DebeziumMetrics debezium) {
		this.meters = meters;
		this.debezium = debezium;
	}

	/**
	 * Register a connector's gauges, unless they are already.
	 * @param name the connector
	 * @param eventsPerSecond its current rate, NaN when it is gone
	 * @param retainedWalBytes the WAL its slot holds back, {@code null} when unknown
	 */
	void register(String name, DoubleSupplier eventsPerSecond, Supplier<Long> retainedWalBytes) {
		if (!this.gauged.add(name)) {
			return;
		}
		Tags tags = Tags.of("connector", name);
		Gauge
			.builder("cdc.connector.lag",
					() -> this.debezium.streaming(name)
						.map(DebeziumMetrics.Streaming::millisBehindSource)
						.map(Long::doubleValue)
						.orElse(Double.NaN))
			.baseUnit("milliseconds")
			.description("Time behind the source database's commits")
			.tags(tags)
			.register(this.meters);
		Gauge.builder("cdc.connector.events.rate", eventsPerSecond::getAsDouble)
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
		Gauge.builder("cdc.connector.wal.retained", () -> {
			Long bytes = retainedWalBytes.get();
			return (bytes != null) ? bytes.doubleValue() : Double.NaN;
		})
			.baseUnit("bytes")
			.description("WAL the connector's replication slot holds back")
			.tags(tags)
			.register(this.meters);
	}

}
