package cdcdemo.bridge.engine.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.debezium.data.Json;
import io.debezium.data.VariableScaleDecimal;
import io.debezium.time.MicroTimestamp;
import io.debezium.time.ZonedTimestamp;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link CachingJsonConverter} against Kafka's {@code JsonConverter} on hand-built
 * schemas that cover every Connect type, the logical types and Debezium's semantic types,
 * with the edge values where a streaming writer could drift: nulls, defaults, empty
 * containers, escapes, non-finite floats, big and negative decimals. Each case runs with
 * every combination of the settings that change the payload.
 */
class CachingJsonConverterTests {

	static Stream<Map<String, Object>> settings() {
		List<Map<String, Object>> all = new ArrayList<>();
		for (boolean schemas : new boolean[] { true, false }) {
			for (String decimals : new String[] { "BASE64", "numeric" }) {
				for (boolean replace : new boolean[] { true, false }) {
					all.add(Map.of("schemas.enable", schemas, "decimal.format", decimals, "replace.null.with.default",
							String.valueOf(replace)));
				}
			}
		}
		return all.stream();
	}

	private static final Schema ADDRESS = SchemaBuilder.struct()
		.name("test.Address")
		.optional()
		.field("street", Schema.OPTIONAL_STRING_SCHEMA)
		.field("zip", SchemaBuilder.int32().optional().defaultValue(1000).build())
		.build();

	private static final Schema DECIMAL_2 = Decimal.builder(2).optional().build();

	private static final Schema EVERYTHING = SchemaBuilder.struct()
		.name("test.Everything")
		.version(3)
		.doc("every type \"quoted\" \u00e9")
		.parameter("p", "v\n1")
		.field("i8", Schema.INT8_SCHEMA)
		.field("i16", Schema.INT16_SCHEMA)
		.field("i32", Schema.INT32_SCHEMA)
		.field("i64", Schema.INT64_SCHEMA)
		.field("f32", Schema.FLOAT32_SCHEMA)
		.field("f64", Schema.FLOAT64_SCHEMA)
		.field("bool", Schema.BOOLEAN_SCHEMA)
		.field("text", Schema.STRING_SCHEMA)
		.field("bytes", Schema.OPTIONAL_BYTES_SCHEMA)
		.field("optional_text", Schema.OPTIONAL_STRING_SCHEMA)
		.field("defaulted_text", SchemaBuilder.string().optional().defaultValue("fallback").build())
		.field("required_defaulted", SchemaBuilder.int64().defaultValue(42L).build())
		.field("defaulted_bytes", SchemaBuilder.bytes().optional().defaultValue(new byte[] { 1, 2, 3 }).build())
		.field("ints", SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).optional().build())
		.field("nested", SchemaBuilder.array(SchemaBuilder.array(Schema.STRING_SCHEMA).build()).optional().build())
		.field("by_name", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_FLOAT64_SCHEMA).optional().build())
		.field("by_number", SchemaBuilder.map(Schema.INT32_SCHEMA, ADDRESS).optional().build())
		.field("address", ADDRESS)
		.field("price", DECIMAL_2)
		.field("whole", Decimal.builder(0).build())
		.field("hundreds", Decimal.builder(-2).optional().build())
		.field("defaulted_price", Decimal.builder(2).optional().defaultValue(new BigDecimal("9.99")).build())
		.field("day", Date.builder().optional().build())
		.field("time", Time.builder().optional().build())
		.field("at", Timestamp.builder().optional().defaultValue(new java.util.Date(0)).build())
		.field("zoned", ZonedTimestamp.builder().optional().build())
		.field("micros", MicroTimestamp.builder().optional().build())
		.field("variable", VariableScaleDecimal.builder().optional().build())
		.field("json", Json.builder().optional().build())
		.build();

	private static Struct everything() {
		Map<String, Double> byName = new LinkedHashMap<>();
		byName.put("one", 1.0);
		byName.put("nan", Double.NaN);
		byName.put("none", null);
		byName.put("k\u00e9y \"q\" \\ \u0001", -0.0);
		Map<Integer, Struct> byNumber = new TreeMap<>();
		byNumber.put(-1, new Struct(ADDRESS).put("street", "Main"));
		byNumber.put(2, null);
		return new Struct(EVERYTHING).put("i8", Byte.MIN_VALUE)
			.put("i16", Short.MAX_VALUE)
			.put("i32", Integer.MIN_VALUE)
			.put("i64", Long.MAX_VALUE)
			.put("f32", Float.NaN)
			.put("f64", Double.NEGATIVE_INFINITY)
			.put("bool", true)
			.put("required_defaulted", 7L)
			.put("text",
					"caf\u00e9 \u6f22\u5b57 \ud83d\ude00 \"q\" \\ / \u0000\u0001\u001f\u007f\t\n\r\b\f \u2028\u2029 \ud800")
			.put("bytes", new byte[] { 0, -1, 127, -128, 42 })
			.put("ints", Arrays.asList(1, null, -3))
			.put("nested", List.of(List.of(), List.of("a", "")))
			.put("by_name", byName)
			.put("by_number", byNumber)
			.put("address", new Struct(ADDRESS))
			.put("price", new BigDecimal("-12345678901234567890123456789.01"))
			.put("whole", new BigDecimal("0"))
			.put("hundreds", new BigDecimal(BigInteger.valueOf(-7), -2))
			.put("day", new java.util.Date(-86_400_000L * 365))
			.put("time", new java.util.Date(86_399_999L))
			.put("zoned", "2026-12-01T06:39:39.123456Z")
			.put("micros", -1L)
			.put("variable",
					VariableScaleDecimal.fromLogical(VariableScaleDecimal.optionalSchema(), new BigDecimal("-1.5E-30")))
			.put("json", "{\"a\": [1, \"\u00e9\"]}");
	}

	@ParameterizedTest
	@MethodSource("settings")
	void writesEveryTypeAsJsonConverterDoes(Map<String, Object> settings) {
		ConverterPair converters = ConverterPair.configured(settings, false);
		converters.assertSameBytes("t", EVERYTHING, everything());
		assertThat(converters.caching().streams(EVERYTHING)).isTrue();
	}

	@ParameterizedTest
	@MethodSource("settings")
	void writesNullsAndEmptyContainersAsJsonConverterDoes(Map<String, Object> settings) {
		ConverterPair converters = ConverterPair.configured(settings, false);
		Struct sparse = new Struct(EVERYTHING).put("i8", (byte) 0)
			.put("i16", (short) -1)
			.put("i32", 0)
			.put("i64", 0L)
			.put("f32", Float.POSITIVE_INFINITY)
			.put("f64", 4.9E-324)
			.put("bool", false)
			.put("text", "")
			.put("bytes", ByteBuffer.wrap(new byte[0]))
			.put("ints", List.of())
			.put("by_name", Map.of())
			.put("by_number", Map.of())
			.put("whole", new BigDecimal("1E+2").setScale(0));
		if (Boolean.parseBoolean((String) settings.get("replace.null.with.default"))) {
			converters.assertSameBytes("t", EVERYTHING, sparse);
		}
		else {
			// required_defaulted is null and may not be replaced: both refuse
			assertThatExceptionOfType(DataException.class)
				.isThrownBy(() -> converters.reference().fromConnectData("t", EVERYTHING, sparse));
			assertThatExceptionOfType(DataException.class)
				.isThrownBy(() -> converters.caching().fromConnectData("t", EVERYTHING, sparse));
			converters.assertSameBytes("t", EVERYTHING, sparse.put("required_defaulted", 7L));
		}
	}

	@ParameterizedTest
	@MethodSource("settings")
	void writesTopLevelValuesAsJsonConverterDoes(Map<String, Object> settings) {
		ConverterPair converters = ConverterPair.configured(settings, false);
		converters.assertSameBytes("t", Schema.INT32_SCHEMA, 5);
		converters.assertSameBytes("t", Schema.OPTIONAL_STRING_SCHEMA, null);
		converters.assertSameBytes("t", SchemaBuilder.string().optional().defaultValue("d").build(), null);
		converters.assertSameBytes("t", Schema.FLOAT32_SCHEMA, -0.0f);
		converters.assertSameBytes("t", Schema.FLOAT32_SCHEMA, 3.4028235E38f);
		converters.assertSameBytes("t", Schema.FLOAT64_SCHEMA, 0.1 + 0.2);
		converters.assertSameBytes("t", Schema.FLOAT64_SCHEMA, Double.NaN);
		converters.assertSameBytes("t", Schema.STRING_SCHEMA, "x".repeat(20_000) + "\u00e9\ud83d\ude00".repeat(5000));
		converters.assertSameBytes("t", Decimal.schema(3), new BigDecimal("-0.001"));
		converters.assertSameBytes("t", Decimal.schema(-30), new BigDecimal("1E+30"));
		converters.assertSameBytes("t", Decimal.schema(40),
				new BigDecimal("-123456789012345678901234567890.1234567890123456789012345678901234567890"));
		converters.assertSameBytes("t", Timestamp.SCHEMA, new java.util.Date(Long.MIN_VALUE));
		converters.assertSameBytes("t", SchemaBuilder.array(Schema.BYTES_SCHEMA).build(),
				List.of(ByteBuffer.wrap(new byte[] { 9, 8, 7 }, 1, 1)));
		converters.assertSameBytes("t", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build(),
				new HashMap<>(Map.of("b", "2", "a", "1", "c", "3")));
		converters.assertSameBytes("t", SchemaBuilder.map(EVERYTHING, Schema.BOOLEAN_SCHEMA).build(),
				Map.of(everything(), true));
	}

	@Test
	void givesNullForATombstone() {
		ConverterPair converters = ConverterPair.configured(Map.of(), true);
		assertThat(converters.assertSameBytes("t", null, null)).isNull();
	}

	@Test
	void handsSchemalessValuesToJsonConverter() {
		ConverterPair converters = ConverterPair.configured(Map.of(), false);
		converters.assertSameBytes("t", null, Map.of("a", List.of(1, 2L, "x")));
		converters.assertSameBytes("t", null, "text");
	}

	@Test
	void handsMapsWithNullKeysToJsonConverter() {
		ConverterPair converters = ConverterPair.configured(Map.of(), false);
		Map<String, Integer> map = new LinkedHashMap<>();
		map.put("null", 1);
		map.put(null, 2);
		converters.assertSameBytes("t",
				SchemaBuilder.map(Schema.OPTIONAL_STRING_SCHEMA, Schema.OPTIONAL_INT32_SCHEMA).build(), map);
	}

	@Test
	void handsSchemasWithABuilderInsideToJsonConverter() {
		ConverterPair converters = ConverterPair.configured(Map.of(), false);
		SchemaBuilder mutable = SchemaBuilder.struct().field("n", SchemaBuilder.int32().optional());
		converters.assertSameBytes("t", mutable, new Struct(mutable).put("n", 1));
		assertThat(converters.caching().streams(mutable)).isFalse();
	}

	@Test
	void writesStructsOfAnEqualSchemaObject() {
		ConverterPair converters = ConverterPair.configured(Map.of(), false);
		Schema twin = SchemaBuilder.struct()
			.name("test.Address")
			.optional()
			.field("street", Schema.OPTIONAL_STRING_SCHEMA)
			.field("zip", SchemaBuilder.int32().optional().defaultValue(1000).build())
			.build();
		converters.assertSameBytes("t", ADDRESS, new Struct(twin).put("street", "Elm"));
	}

	@Test
	void refusesWhatJsonConverterRefuses() {
		ConverterPair converters = ConverterPair.configured(Map.of(), false);
		Schema other = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build();
		Object[][] cases = { { ADDRESS, new Struct(other).put("x", 1) }, { Schema.INT64_SCHEMA, 1 },
				{ Schema.STRING_SCHEMA, null }, { DECIMAL_2, new BigDecimal("1.5") }, { DECIMAL_2, 1.5 },
				{ Date.SCHEMA, 1 } };
		for (Object[] refused : cases) {
			Schema schema = (Schema) refused[0];
			assertThatExceptionOfType(DataException.class)
				.isThrownBy(() -> converters.reference().fromConnectData("t", schema, refused[1]));
			assertThatExceptionOfType(DataException.class)
				.isThrownBy(() -> converters.caching().fromConnectData("t", schema, refused[1]));
		}
	}

	@Test
	void keepsAtMostTheConfiguredNumberOfSchemas() {
		ConverterPair converters = ConverterPair.configured(Map.of("schemas.cache.size", 2), false);
		for (int i = 0; i < 5; i++) {
			Schema schema = SchemaBuilder.struct().name("s" + i).field("n", Schema.INT32_SCHEMA).build();
			converters.assertSameBytes("t", schema, new Struct(schema).put("n", i));
		}
		assertThat(converters.caching().cachedSchemas()).isEqualTo(2);
	}

	@Test
	void handsEverythingToJsonConverterUnderAnUnknownSetting() {
		ConverterPair converters = ConverterPair.configured(Map.of("class", "ignored", "some.new.setting", "x"), false);
		assertThat(converters.caching().streaming()).isFalse();
		converters.assertSameBytes("t", EVERYTHING, everything());
		assertThat(
				ConverterPair.configured(Map.of("class", "x", "schemas.enable", "false"), true).caching().streaming())
			.isTrue();
	}

	@Test
	void rejectsSettingsJsonConverterRejects() {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> new CachingJsonConverter().configure(Map.of("decimal.format", "HEX"), false));
	}

	@Test
	void readsAsJsonConverterDoes() {
		ConverterPair converters = ConverterPair.configured(Map.of(), false);
		byte[] bytes = converters.assertSameBytes("t", ADDRESS, new Struct(ADDRESS).put("street", "\u00e9"));
		assertThat(converters.caching().toConnectData("t", bytes))
			.isEqualTo(converters.reference().toConnectData("t", bytes));
	}

}
