package cdcdemo.bridge.engine.json;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * The payload half of a Kafka Connect JSON message for one schema, compiled once so that
 * each value is streamed to a {@link JsonGenerator} by walking a tree of writers instead
 * of building a {@code JsonNode} tree.
 * <p>
 * Every rule is the one {@code JsonConverter.convertToJson} (Kafka 4.2) applies, and
 * every JSON token is written with the generator method that the matching
 * {@code JsonNode} uses to serialize itself, so the bytes cannot differ:
 * <ul>
 * <li>a null is the schema's default (when {@code replace.null.with.default}), else
 * {@code null} if optional, else an error; struct fields are read without their defaults,
 * as {@code Struct.getWithoutDefault} does;</li>
 * <li>the logical types are chosen by schema name alone: Decimal (base64 of the unscaled
 * bytes, or a JSON number with {@code decimal.format=NUMERIC}), Date and Time (int32),
 * Timestamp (int64); Debezium's semantic types are plain types with a name and need
 * nothing special;</li>
 * <li>a map is a JSON object when its key schema is a string, else an array of
 * {@code [key, value]} pairs.</li>
 * </ul>
 * A schema that is not made of {@link ConnectSchema}s (a mutable {@code SchemaBuilder}
 * somewhere in it) is not compiled, nor is a map whose string keys carry a logical name:
 * {@link #compile} returns {@code null} and the caller falls back to
 * {@code JsonConverter}. So does a value that {@link #write} meets with
 * {@link Unsupported}: a string-keyed map with a null or non-{@code String} key, where
 * {@code JsonConverter} could merge keys.
 */
abstract class PayloadWriter {

	private static final Set<String> LOGICAL_NAMES = Set.of(Decimal.LOGICAL_NAME, Date.LOGICAL_NAME, Time.LOGICAL_NAME,
			Timestamp.LOGICAL_NAME);

	final Schema schema;

	private final Object defaultValue;

	private final boolean optional;

	PayloadWriter(Schema schema, boolean replaceNullWithDefault) {
		this.schema = schema;
		this.defaultValue = replaceNullWithDefault ? schema.defaultValue() : null;
		this.optional = schema.isOptional();
	}

	/**
	 * Compile a schema.
	 * @param schema the schema
	 * @param replaceNullWithDefault whether a null is written as the schema's default
	 * value
	 * @param numericDecimals whether decimals are JSON numbers
	 * ({@code decimal.format=NUMERIC}) rather than base64
	 * @return the writer, or {@code null} where the schema needs {@code JsonConverter}
	 * itself
	 */
	static PayloadWriter compile(Schema schema, boolean replaceNullWithDefault, boolean numericDecimals) {
		try {
			return new Compiler(replaceNullWithDefault, numericDecimals).compile(schema);
		}
		catch (Unsupported ex) {
			return null;
		}
	}

	final void write(JsonGenerator generator, Object value) throws IOException {
		if (value == null) {
			if (this.defaultValue != null) {
				writeValue(generator, this.defaultValue);
			}
			else if (this.optional) {
				generator.writeNull();
			}
			else {
				throw new DataException(
						"Conversion error: null value for field that is required and has no default value");
			}
			return;
		}
		try {
			writeValue(generator, value);
		}
		catch (ClassCastException ex) {
			throw new DataException("Invalid type for " + this.schema.type() + ": " + value.getClass());
		}
	}

	abstract void writeValue(JsonGenerator generator, Object value) throws IOException;

	/**
	 * Thrown where only {@code JsonConverter} itself is sure to give the same bytes.
	 * Without a stack trace: it is a signal, caught by the converter.
	 */
	static final class Unsupported extends RuntimeException {

		Unsupported(String reason) {
			super(reason, null, false, false);
		}

	}

	private static final class Compiler {

		private final boolean replaceNullWithDefault;

		private final boolean numericDecimals;

		/** Debezium's before and after share one row schema: compile it once. */
		private final Map<Schema, PayloadWriter> compiled = new IdentityHashMap<>();

		Compiler(boolean replaceNullWithDefault, boolean numericDecimals) {
			this.replaceNullWithDefault = replaceNullWithDefault;
			this.numericDecimals = numericDecimals;
		}

		PayloadWriter compile(Schema schema) {
			PayloadWriter writer = this.compiled.get(schema);
			if (writer == null) {
				writer = create(schema);
				this.compiled.put(schema, writer);
			}
			return writer;
		}

		private PayloadWriter create(Schema schema) {
			if (!(schema instanceof ConnectSchema)) {
				throw new Unsupported("not a built schema: " + schema);
			}
			boolean replace = this.replaceNullWithDefault;
			String name = schema.name();
			if (name != null && LOGICAL_NAMES.contains(name)) {
				return switch (name) {
					case Decimal.LOGICAL_NAME -> new DecimalWriter(schema, replace, this.numericDecimals);
					case Date.LOGICAL_NAME -> new DateWriter(schema, replace);
					case Time.LOGICAL_NAME -> new TimeWriter(schema, replace);
					default -> new TimestampWriter(schema, replace);
				};
			}
			return switch (schema.type()) {
				case INT8 -> new Int8Writer(schema, replace);
				case INT16 -> new Int16Writer(schema, replace);
				case INT32 -> new Int32Writer(schema, replace);
				case INT64 -> new Int64Writer(schema, replace);
				case FLOAT32 -> new Float32Writer(schema, replace);
				case FLOAT64 -> new Float64Writer(schema, replace);
				case BOOLEAN -> new BooleanWriter(schema, replace);
				case STRING -> new StringWriter(schema, replace);
				case BYTES -> new BytesWriter(schema, replace);
				case ARRAY -> new ArrayWriter(schema, replace, compile(schema.valueSchema()));
				case MAP -> mapWriter(schema, replace);
				case STRUCT -> structWriter(schema, replace);
			};
		}

		private PayloadWriter mapWriter(Schema schema, boolean replace) {
			Schema keySchema = schema.keySchema();
			PayloadWriter values = compile(schema.valueSchema());
			if (keySchema.type() == Schema.Type.STRING) {
				if (keySchema.name() != null && LOGICAL_NAMES.contains(keySchema.name())) {
					throw new Unsupported("string map keys with a logical name: " + keySchema.name());
				}
				compile(keySchema);
				return new ObjectMapWriter(schema, replace, values);
			}
			return new PairsMapWriter(schema, replace, compile(keySchema), values);
		}

		private PayloadWriter structWriter(Schema schema, boolean replace) {
			List<Field> fields = schema.fields();
			StructWriter.Member[] members = new StructWriter.Member[fields.size()];
			for (int i = 0; i < members.length; i++) {
				Field field = fields.get(i);
				boolean hasDefault = field.schema().defaultValue() != null;
				members[i] = new StructWriter.Member(field, fieldName(field.name()), compile(field.schema()),
						hasDefault && !replace);
			}
			return new StructWriter(schema, replace, members);
		}

		/**
		 * A pre-encoded name where it is plain printable ASCII (its bytes are then the
		 * same however Jackson quotes it), else {@code null}: written as a
		 * {@code String}, as {@code ObjectNode} does.
		 */
		private static SerializableString fieldName(String name) {
			for (int i = 0; i < name.length(); i++) {
				char c = name.charAt(i);
				if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
					return null;
				}
			}
			return new SerializedString(name);
		}

	}

	private static final class Int8Writer extends PayloadWriter {

		Int8Writer(Schema schema, boolean replace) {
			super(schema, replace);
		}

		@Override
		void writeValue(JsonGenerator generator, Object value) throws IOException {
			generator.writeNumber(((Byte) value).intValue());
		}

	}

	private static final class Int16Writer extends PayloadWriter {

		Int16Writer(Schema schema, boolean replace) {
			super(schema, replace);
		}

		@Override
		void writeValue(JsonGenerator generator, Object value) throws IOException {
			generator.writeNumber((short) (Short) value);
		}

	}

	private static final class Int32Writer extends PayloadWriter {

		Int32Writer(Schema schema, boolean replace) {
			super(schema, replace);
		}

		@Override
		void writeValue(JsonGenerator generator, Object value) throws IOException {
			generator.writeNumber((int) (Integer) value);
		}

	}

	private static final class Int64Writer extends PayloadWriter {

		Int64Writer(Schema schema, boolean replace) {
			super(schema, replace);
		}

		@Override
		void writeValue(JsonGenerator generator, Object value) throws IOException {
			generator.writeNumber((long) (Long) value);
		}

	}

	/**
	 * NaN and the infinities come out as JSON strings, because Jackson's
	 * {@code WRITE_NAN_AS_STRINGS} is on.
	 */
	private static final class Float32Writer extends PayloadWriter {

		Float32Writer(Schema schema, boolean replace) {
			super(schema, replace);
		}

		@Override
		void writeValue(JsonGenerator generator, Object value) throws IOException {
			generator.writeNumber((float) (Float) value);
		}

	}

	private static final class Float64Writer extends PayloadWriter {

		Float64Writer(Schema schema, boolean replace) {
			super(schema, replace);
		}

		@Override
		void writeValue(JsonGenerator generator, Object value) throws IOException {
			generator.writeNumber((double) (Double) value);
		}

	}

	private static final class BooleanWriter extends PayloadWriter {

		BooleanWriter(Schema schema, boolean replace) {
			super(schema, replace);
		}

		@Override
		void writeValue(JsonGenerator generator, Object value) throws IOException {
			generator.writeBoolean((Boolean) value);
		}

	}

	private static final class StringWriter extends PayloadWriter {

		StringWriter(Schema schema, boolean replace) {
			super(schema, replace);
		}

		@Override
		void writeValue(JsonGenerator generator, Object value) throws IOException {
			generator.writeString(((CharSequence) value).toString());
		}

	}

	/**
	 * A {@link ByteBuffer} is written whole, from its backing array, whatever its
	 * position and limit.
	 */
	private static final class BytesWriter extends PayloadWriter {

		BytesWriter(Schema schema, boolean replace) {
			super(schema, replace);
		}

		@Override
		void writeValue(JsonGenerator generator, Object value) throws IOException {
			if (value instanceof byte[] bytes) {
				generator.writeBinary(bytes);
			}
			else if (value instanceof ByteBuffer buffer) {
				generator.writeBinary(buffer.array());
			}
			else {
				throw new DataException("Invalid type for bytes type: " + value.getClass());
			}
		}

	}

	private static final class DecimalWriter extends PayloadWriter {

		private final boolean numeric;

		DecimalWriter(Schema schema, boolean replace, boolean numeric) {
			super(schema, replace);
			this.numeric = numeric;
		}

		@Override
		void writeValue(JsonGenerator generator, Object value) throws IOException {
			if (!(value instanceof BigDecimal decimal)) {
				throw new DataException("Invalid type for Decimal, expected BigDecimal but was " + value.getClass());
			}
			if (this.numeric) {
				generator.writeNumber(decimal);
			}
			else {
				generator.writeBinary(Decimal.fromLogical(this.schema, decimal));
			}
		}

	}

	private static final class DateWriter extends PayloadWriter {

		DateWriter(Schema schema, boolean replace) {
			super(schema, replace);
		}

		@Override
		void writeValue(JsonGenerator generator, Object value) throws IOException {
			if (!(value instanceof java.util.Date date)) {
				throw new DataException("Invalid type for Date, expected Date but was " + value.getClass());
			}
			generator.writeNumber(Date.fromLogical(this.schema, date));
		}

	}

	private static final class TimeWriter extends PayloadWriter {

		TimeWriter(Schema schema, boolean replace) {
			super(schema, replace);
		}

		@Override
		void writeValue(JsonGenerator generator, Object value) throws IOException {
			if (!(value instanceof java.util.Date date)) {
				throw new DataException("Invalid type for Time, expected Date but was " + value.getClass());
			}
			generator.writeNumber(Time.fromLogical(this.schema, date));
		}

	}

	private static final class TimestampWriter extends PayloadWriter {

		TimestampWriter(Schema schema, boolean replace) {
			super(schema, replace);
		}

		@Override
		void writeValue(JsonGenerator generator, Object value) throws IOException {
			if (!(value instanceof java.util.Date date)) {
				throw new DataException("Invalid type for Timestamp, expected Date but was " + value.getClass());
			}
			generator.writeNumber(Timestamp.fromLogical(this.schema, date));
		}

	}

	private static final class ArrayWriter extends PayloadWriter {

		private final PayloadWriter elements;

		ArrayWriter(Schema schema, boolean replace, PayloadWriter elements) {
			super(schema, replace);
			this.elements = elements;
		}

		@Override
		void writeValue(JsonGenerator generator, Object value) throws IOException {
			Collection<?> collection = (Collection<?>) value;
			generator.writeStartArray();
			for (Object element : collection) {
				this.elements.write(generator, element);
			}
			generator.writeEndArray();
		}

	}

	/**
	 * {@code JsonConverter} puts each entry in an {@code ObjectNode} under its key's
	 * text, so two keys with the same text would become one member: only {@code String}
	 * keys, which cannot collide, are streamed.
	 */
	private static final class ObjectMapWriter extends PayloadWriter {

		private final PayloadWriter values;

		ObjectMapWriter(Schema schema, boolean replace, PayloadWriter values) {
			super(schema, replace);
			this.values = values;
		}

		@Override
		void writeValue(JsonGenerator generator, Object value) throws IOException {
			Map<?, ?> map = (Map<?, ?>) value;
			generator.writeStartObject();
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!(entry.getKey() instanceof String key)) {
					throw new Unsupported("map key " + entry.getKey());
				}
				generator.writeFieldName(key);
				this.values.write(generator, entry.getValue());
			}
			generator.writeEndObject();
		}

	}

	private static final class PairsMapWriter extends PayloadWriter {

		private final PayloadWriter keys;

		private final PayloadWriter values;

		PairsMapWriter(Schema schema, boolean replace, PayloadWriter keys, PayloadWriter values) {
			super(schema, replace);
			this.keys = keys;
			this.values = values;
		}

		@Override
		void writeValue(JsonGenerator generator, Object value) throws IOException {
			Map<?, ?> map = (Map<?, ?>) value;
			generator.writeStartArray();
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				generator.writeStartArray();
				this.keys.write(generator, entry.getKey());
				this.values.write(generator, entry.getValue());
				generator.writeEndArray();
			}
			generator.writeEndArray();
		}

	}

	private static final class StructWriter extends PayloadWriter {

		/**
		 * One field. {@code Struct.get(Field)} reads by index (no name lookup) but
		 * substitutes the default for a null; it is used unless the field has a default
		 * that must not replace a null.
		 */
		record Member(Field field, SerializableString encodedName, PayloadWriter writer, boolean readWithoutDefault) {

			Object read(Struct struct) {
				return this.readWithoutDefault ? struct.getWithoutDefault(this.field.name()) : struct.get(this.field);
			}

		}

		private final Member[] members;

		StructWriter(Schema schema, boolean replace, Member[] members) {
			super(schema, replace);
			this.members = members;
		}

		@Override
		void writeValue(JsonGenerator generator, Object value) throws IOException {
			Struct struct = (Struct) value;
			Schema structSchema = struct.schema();
			if (structSchema != this.schema && !structSchema.equals(this.schema)) {
				throw new DataException("Mismatching schema.");
			}
			generator.writeStartObject();
			for (Member member : this.members) {
				if (member.encodedName != null) {
					generator.writeFieldName(member.encodedName);
				}
				else {
					generator.writeFieldName(member.field.name());
				}
				member.writer.write(generator, member.read(struct));
			}
			generator.writeEndObject();
		}

	}

}
