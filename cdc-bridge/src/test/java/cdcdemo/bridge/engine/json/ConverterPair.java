package cdcdemo.bridge.engine.json;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.json.JsonConverter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka's {@link JsonConverter} and a {@link CachingJsonConverter}, configured alike, to
 * compare their bytes.
 *
 * @param reference the converter whose bytes are right by definition
 * @param caching the converter under test
 */
record ConverterPair(JsonConverter reference, CachingJsonConverter caching) {

	static ConverterPair configured(Map<String, ?> settings, boolean isKey) {
		JsonConverter reference = new JsonConverter();
		reference.configure(new HashMap<>(settings), isKey);
		CachingJsonConverter caching = new CachingJsonConverter();
		caching.configure(new HashMap<>(settings), isKey);
		return new ConverterPair(reference, caching);
	}

	/**
	 * Assert both converters give the same bytes, twice (the second time from the schema
	 * cache).
	 * @return the bytes
	 */
	byte[] assertSameBytes(String topic, Schema schema, Object value) {
		byte[] expected = this.reference.fromConnectData(topic, schema, value);
		for (int i = 0; i < 2; i++) {
			byte[] actual = this.caching.fromConnectData(topic, schema, value);
			if (expected == null) {
				assertThat(actual).isNull();
			}
			else {
				assertThat(actual).isNotNull();
				assertThat(new String(actual, StandardCharsets.UTF_8))
					.isEqualTo(new String(expected, StandardCharsets.UTF_8));
				assertThat(actual).isEqualTo(expected);
			}
		}
		return expected;
	}

}
