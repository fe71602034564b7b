package cdcdemo.bridge.engine.json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import io.debezium.embedded.ConverterBuilder;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.format.JsonByteArray;
import io.debezium.engine.format.KeyValueHeaderChangeEventFormat;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cdcdemo.platform.postgres.PostgresServer;
import cdcdemo.testsupport.servers.RealServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CachingJsonConverter} against Kafka's {@code JsonConverter} on real Debezium
 * change events (see {@link RecordedChangeEvents}): every key and value, snapshot reads,
 * inserts, updates, deletes and tombstones, with Debezium's default mappings and again
 * with decimals as doubles, Connect's own time types, intervals as strings and
 * transaction metadata. Run with {@code -Dcdc.json.throughput=true} for the ns/event of
 * both converters on these events.
 */
@Tag("system")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RealServers(postgres = true, shared = false)
class ChangeEventBytesTests {

	private static final Logger log = LoggerFactory.getLogger(ChangeEventBytesTests.class);

	private final List<SourceRecord> records = new ArrayList<>();

	@BeforeAll
	void recordChangeEvents(PostgresServer postgres) throws IOException {
		RecordedChangeEvents events = new RecordedChangeEvents(postgres);
		this.records.addAll(events.record(Map.of()));
		this.records.addAll(events.record(
				Map.of("decimal.handling.mode", "double", "time.precision.mode", "connect", "interval.handling.mode",
						"string", "binary.handling.mode", "hex", "provide.transaction.metadata", "true")));
	}

	static Iterable<Map<String, Object>> settings() {
		return CachingJsonConverterTests.settings().toList();
	}

	@Test
	void recordsEveryKindOfChange() {
		Set<String> kinds = new TreeSet<>();
		for (SourceRecord record : this.records) {
			String table = record.topic().substring(record.topic().lastIndexOf('.') + 1);
			String op = RecordedChangeEvents.op(record);
			kinds.add(table + ":" + ((record.value() == null) ? "tombstone" : (op != null) ? op : "other"));
		}
		assertThat(kinds).contains("users:r", "users:c", "users:u", "users:d", "users:tombstone", "awkward:r",
				"awkward:c", "awkward:u", "awkward:d", "awkward:tombstone", "transaction:other");
		Set<String> names = new TreeSet<>();
		this.records.forEach((record) -> collectNames(record.valueSchema(), names));
		log.info("schema names in the recorded events: {}", names);
		assertThat(names).contains("io.debezium.time.ZonedTimestamp", "io.debezium.time.MicroTimestamp",
				"io.debezium.time.MicroTime", "io.debezium.time.ZonedTime", "io.debezium.time.Date",
				"io.debezium.time.MicroDuration", "io.debezium.time.Interval", "io.debezium.data.VariableScaleDecimal",
				"io.debezium.data.Json", "io.debezium.data.Uuid", "io.debezium.data.Enum", Decimal.LOGICAL_NAME,
				Date.LOGICAL_NAME, Time.LOGICAL_NAME, Timestamp.LOGICAL_NAME);
	}

	private static void collectNames(Schema schema, Set<String> names) {
		if (schema == null) {
			return;
		}
		if (schema.name() != null) {
			names.add(schema.name());
		}
		switch (schema.type()) {
			case STRUCT -> schema.fields().forEach((field) -> collectNames(field.schema(), names));
			case ARRAY -> collectNames(schema.valueSchema(), names);
			case MAP -> {
				collectNames(schema.keySchema(), names);
				collectNames(schema.valueSchema(), names);
			}
			default -> {
			}
		}
	}

	@ParameterizedTest
	@MethodSource("settings")
	void writesEveryKeyAndValueAsJsonConverterDoes(Map<String, Object> settings) {
		ConverterPair keys = ConverterPair.configured(settings, true);
		ConverterPair values = ConverterPair.configured(settings, false);
		for (SourceRecord record : this.records) {
			keys.assertSameBytes(record.topic(), record.keySchema(), record.key());
			values.assertSameBytes(record.topic(), record.valueSchema(), record.value());
			if (record.valueSchema() != null) {
				assertThat(values.caching().streams(record.valueSchema())).isTrue();
			}
		}
	}

	/**
	 * The engine's own record conversion for the {@code JsonByteArray} format (Debezium's
	 * {@code ConverterBuilder}), with the converter named by {@code converter.class} and
	 * with its default {@code JsonConverter}, gives the same bytes; the engine's settings
	 * leave the converter streaming.
	 */
	@Test
	void engineConvertsWithTheClassNamedByConverterClass() {
		Properties settings = new Properties();
		settings.setProperty("converter.schemas.enable", "true");
		Properties withCaching = new Properties();
		withCaching.putAll(settings);
		withCaching.setProperty("converter.class", EngineBuiltConverter.class.getName());
		EngineBuiltConverter.instances.clear();
		Function<SourceRecord, ChangeEvent<byte[], byte[]>> caching = engineConversion(withCaching);
		Function<SourceRecord, ChangeEvent<byte[], byte[]>> reference = engineConversion(settings);
		assertThat(EngineBuiltConverter.instances).hasSize(2).allMatch(CachingJsonConverter::streaming);
		for (SourceRecord record : this.records) {
			ChangeEvent<byte[], byte[]> expected = reference.apply(record);
			ChangeEvent<byte[], byte[]> actual = caching.apply(record);
			assertThat(actual.key()).isEqualTo(expected.key());
			assertThat(actual.value()).isEqualTo(expected.value());
		}
	}

	private static Function<SourceRecord, ChangeEvent<byte[], byte[]>> engineConversion(Properties settings) {
		ConverterBuilder<ChangeEvent<byte[], byte[]>> builder = new ConverterBuilder<>();
		builder.using(KeyValueHeaderChangeEventFormat.of(JsonByteArray.class, JsonByteArray.class, null));
		builder.using(settings);
		return builder.toFormat(builder.headerConverter());
	}

	/**
	 * Not a benchmark harness: alternating one-second runs of each converter over the
	 * same recorded events, after a warm-up round, reporting each round and the best one
	 * (the least disturbed by the other work on the machine).
	 */
	@Test
	@EnabledIfSystemProperty(named = "cdc.json.throughput", matches = "true")
	void measuresNanosPerEvent() throws IOException {
		ConverterPair converters = ConverterPair.configured(Map.of(), false);
		List<SourceRecord> users = this.records.stream()
			.filter((record) -> record.topic().endsWith(".users") && record.value() != null)
			.toList();
		List<SourceRecord> all = this.records.stream().filter((record) -> record.value() != null).toList();
		log.info("load average before: {}", Files.readString(Path.of("/proc/loadavg")).trim());
		measure("users", users, converters);
		measure("all", all, converters);
		log.info("load average after: {}", Files.readString(Path.of("/proc/loadavg")).trim());
	}

	private static void measure(String name, List<SourceRecord> events, ConverterPair converters) {
		long bytes = 0;
		for (SourceRecord event : events) {
			bytes += converters.reference().fromConnectData(event.topic(), event.valueSchema(), event.value()).length;
		}
		double bestReference = Double.MAX_VALUE;
		double bestCaching = Double.MAX_VALUE;
		for (int round = 0; round <= 5; round++) {
			double reference = nanosPerEvent(events, (record) -> converters.reference()
				.fromConnectData(record.topic(), record.valueSchema(), record.value()).length);
			double caching = nanosPerEvent(events, (record) -> converters.caching()
				.fromConnectData(record.topic(), record.valueSchema(), record.value()).length);
			if (round > 0) {
				bestReference = Math.min(bestReference, reference);
				bestCaching = Math.min(bestCaching, caching);
			}
			log.info("{} round {}: JsonConverter {} ns/event, CachingJsonConverter {} ns/event", name,
					(round == 0) ? "warm-up" : round, Math.round(reference), Math.round(caching));
		}
		log.info(
				"{} ({} events, {} bytes on average), best round: JsonConverter {} ns/event, "
						+ "CachingJsonConverter {} ns/event, {}x",
				name, events.size(), bytes / events.size(), Math.round(bestReference), Math.round(bestCaching),
				String.format("%.1f", bestReference / bestCaching));
	}

	private static double nanosPerEvent(List<SourceRecord> events, ToIntFunction<SourceRecord> convert) {
		long sink = 0;
		long count = 0;
		long start = System.nanoTime();
		long end = start + 1_000_000_000L;
		long now;
		do {
			for (SourceRecord record : events) {
				sink += convert.applyAsInt(record);
			}
			count += events.size();
			now = System.nanoTime();
		}
		while (now < end);
		assertThat(sink).isPositive();
		return (double) (now - start) / count;
	}

}
