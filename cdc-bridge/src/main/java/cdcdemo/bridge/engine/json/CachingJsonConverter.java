package cdcdemo.bridge.engine.json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.DecimalFormat;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Connect's {@link JsonConverter}, byte for byte, at a fraction of its cost per
 * event.
 * <p>
 * {@code JsonConverter} builds a {@code JsonNode} tree of the whole envelope for every
 * record and serializes its schema part again each time, although the schema is most of a
 * change event's bytes and the connector passes the same {@link Schema} object for every
 * event of a table. This converter serializes the schema once per schema object (a
 * bounded cache of {@code schemas.cache.size} entries keyed by identity) and streams the
 * payload with a Jackson {@link JsonGenerator}, from a writer compiled once per schema
 * ({@link PayloadWriter}).
 * <p>
 * It takes {@code JsonConverter}'s settings ({@code schemas.enable},
 * {@code decimal.format}, {@code replace.null.with.default}, {@code schemas.cache.size})
 * and validates them the same way. Whatever it cannot promise the same bytes for goes to
 * a {@code JsonConverter} configured alike: any other setting (then for every record,
 * with a warning), schemaless values, schemas that hold a mutable {@code SchemaBuilder},
 * and the rare maps described in {@link PayloadWriter}. Reading ({@link #toConnectData})
 * is {@code JsonConverter}'s.
 * <p>
 * Thread safe, like {@code JsonConverter}.
 */
public class CachingJsonConverter implements Converter {

	private static final Logger log = LoggerFactory.getLogger(CachingJsonConverter.class);

	/**
	 * The settings this converter implements; {@code schema.content} only affects
	 * reading, and {@code class} is the Debezium engine's own key, handed to every
	 * converter it creates.
	 */
	private static final Set<String> SUPPORTED = Set.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG,
			JsonConverterConfig.SCHEMAS_CACHE_SIZE_CONFIG, JsonConverterConfig.DECIMAL_FORMAT_CONFIG,
			JsonConverterConfig.REPLACE_NULL_WITH_DEFAULT_CONFIG, JsonConverterConfig.SCHEMA_CONTENT_CONFIG,
			ConverterConfig.TYPE_CONFIG, "class");

	private static final byte[] NO_ENVELOPE = new byte[0];

	private static final byte[] ENVELOPE_START = "{\"schema\":".getBytes(StandardCharsets.UTF_8);

	private static final byte[] PAYLOAD_START = ",\"payload\":".getBytes(StandardCharsets.UTF_8);

	private final JsonFactory jsonFactory = new JsonFactory();

	private final JsonConverter delegate = new JsonConverter();

	/**
	 * Serializes the schema part on a cache miss, as {@code JsonConverter}'s own
	 * serializer does.
	 */
	private final ObjectMapper schemaMapper = new ObjectMapper();

	private boolean schemasEnabled;

	private boolean replaceNullWithDefault;

	private boolean numericDecimals;

	private boolean streaming;

	private SchemaPlans<Plan> plans;

	@Override
	public ConfigDef config() {
		return JsonConverterConfig.configDef();
	}

	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
		Map<String, Object> withType = new HashMap<>(configs);
		withType.put(ConverterConfig.TYPE_CONFIG, (isKey ? ConverterType.KEY : ConverterType.VALUE).getName());
		configureWith(withType);
	}

	private void configureWith(Map<String, ?> configs) {
		JsonConverterConfig config = new JsonConverterConfig(configs);
		this.delegate.configure(configs);
		this.schemasEnabled = config.schemasEnabled();
		this.replaceNullWithDefault = config.replaceNullWithDefault();
		this.numericDecimals = config.decimalFormat() == DecimalFormat.NUMERIC;
		this.plans = new SchemaPlans<>(config.schemaCacheSize());
		Set<String> unsupported = new TreeSet<>(configs.keySet());
		unsupported.removeAll(SUPPORTED);
		this.streaming = unsupported.isEmpty();
		if (!this.streaming) {
			log.warn("Settings {} are not implemented by {}: every record goes through JsonConverter", unsupported,
					getClass().getSimpleName());
		}
	}

	/**
	 * Whether records are streamed here, rather than all handed to {@code JsonConverter};
	 * for tests.
	 */
	boolean streaming() {
		return this.streaming;
	}

	/**
	 * Whether the records of a schema are streamed here rather than handed to
	 * {@code JsonConverter}; for tests.
	 */
	boolean streams(Schema schema) {
		return this.streaming && this.plans.get(schema, this::plan).payload != null;
	}

	/** How many schemas are cached; for tests. */
	int cachedSchemas() {
		return this.plans.size();
	}

	@Override
	public byte[] fromConnectData(String topic, Schema schema, Object value) {
		if (schema == null && value == null) {
			return null;
		}
		if (!this.streaming || schema == null) {
			return this.delegate.fromConnectData(topic, schema, value);
		}
		Plan plan = this.plans.get(schema, this::plan);
		if (plan.payload == null) {
			return this.delegate.fromConnectData(topic, schema, value);
		}
		Output out = new Output(plan.sizeHint);
		try {
			out.write(plan.prefix);
			try (JsonGenerator generator = this.jsonFactory.createGenerator(out)) {
				plan.payload.write(generator, value);
			}
			if (this.schemasEnabled) {
				out.write('}');
			}
		}
		catch (PayloadWriter.Unsupported ex) {
			return this.delegate.fromConnectData(topic, schema, value);
		}
		catch (IOException ex) {
			throw new DataException("Converting Kafka Connect data to byte[] failed due to serialization error: ", ex);
		}
		plan.sizeHint = out.size() + 64;
		return out.toByteArray();
	}

	@Override
	public SchemaAndValue toConnectData(String topic, byte[] value) {
		return this.delegate.toConnectData(topic, value);
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	private Plan plan(Schema schema) {
		PayloadWriter payload = PayloadWriter.compile(schema, this.replaceNullWithDefault, this.numericDecimals);
		if (!this.schemasEnabled || payload == null) {
			return new Plan(NO_ENVELOPE, payload);
		}
		byte[] schemaJson;
		try {
			schemaJson = this.schemaMapper.writeValueAsBytes(this.delegate.asJsonSchema(schema));
		}
		catch (IOException ex) {
			throw new DataException("Converting the schema " + schema + " to JSON failed", ex);
		}
		Output prefix = new Output(ENVELOPE_START.length + schemaJson.length + PAYLOAD_START.length);
		prefix.write(ENVELOPE_START);
		prefix.write(schemaJson);
		prefix.write(PAYLOAD_START);
		return new Plan(prefix.toByteArray(), payload);
	}

	/**
	 * What a schema's records start with (the envelope up to the payload, or nothing) and
	 * how their payload is written ({@code null}: by {@code JsonConverter}); the size of
	 * the last record sizes the next one's buffer.
	 */
	private static final class Plan {

		final byte[] prefix;

		final PayloadWriter payload;

		volatile int sizeHint;

		Plan(byte[] prefix, PayloadWriter payload) {
			this.prefix = prefix;
			this.payload = payload;
			this.sizeHint = prefix.length + 512;
		}

	}

	/**
	 * A growable buffer that the generator writes into directly; no copy but the final
	 * one.
	 */
	private static final class Output extends OutputStream {

		private byte[] buffer;

		private int size;

		Output(int capacity) {
			this.buffer = new byte[Math.max(capacity, 64)];
		}

		@Override
		public void write(int b) {
			ensure(1);
			this.buffer[this.size++] = (byte) b;
		}

		@Override
		public void write(byte[] bytes) {
			write(bytes, 0, bytes.length);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			ensure(length);
			System.arraycopy(bytes, offset, this.buffer, this.size, length);
			this.size += length;
		}

		int size() {
			return this.size;
		}

		byte[] toByteArray() {
			return (this.size == this.buffer.length) ? this.buffer : Arrays.copyOf(this.buffer, this.size);
		}

		private void ensure(int more) {
			if (this.size + more > this.buffer.length) {
				this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.size + more));
			}
		}

	}

}
