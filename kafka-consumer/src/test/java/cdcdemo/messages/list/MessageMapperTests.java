package cdcdemo.messages.list;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import cdcdemo.messages.list.DebeziumEnvelopes.Field;
import cdcdemo.messages.list.SchemaChange.FieldChange;
import cdcdemo.messages.masking.Masking;

import static cdcdemo.messages.list.DebeziumEnvelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class MessageMapperTests {

	private static final String KEY = """
			{"schema":{"type":"struct"},"payload":{"id":42}}""";

	private final MessageMapper mapper = new MessageMapper(JsonMapper.builder().build(),
			Masking.of(JsonMapper.builder().build(), List.of("email")), new TableSchemas(JsonMapper.builder().build()));

	@Test
	void mapsCreateEventWithTableAndRows() {
		Message message = this.mapper.map(record(7, """
				{"schema":{"type":"struct","fields":[]},
				 "payload":{"before":null,"after":{"id":42,"first_name":"Ada","email":"ada@example.com"},
				   "source":{"connector":"postgresql","name":"monolith","db":"users","schema":"public","table":"users"},
				   "op":"c","ts_ms":1795577334190}}"""));

		assertThat(message.op()).isEqualTo("c");
		assertThat(message.label()).isEqualTo("create");
		assertThat(message.table()).isEqualTo("public.users");
		assertThat(message.tombstone()).isFalse();
		assertThat(message.malformed()).isFalse();
		assertThat(message.before()).isNull();
		assertThat(message.after()).contains("\"first_name\" : \"Ada\"").contains("\n");
		assertThat(message.display()).startsWith("{\n").contains("\"schema\"");
		assertThat(message.key()).isEqualTo(KEY);
		assertThat(message.offset()).isEqualTo(7);
	}

	@Test
	void labelsSnapshotReadsAndDeletes() {
		assertThat(this.mapper.map(record(0, """
				{"payload":{"before":null,"after":{"id":1},"source":{"schema":"public","table":"users"},"op":"r"}}"""))
			.label()).isEqualTo("snapshot read");
		Message delete = this.mapper.map(record(1, """
				{"payload":{"before":{"id":1,"first_name":null},"after":null,"source":{"table":"users"},"op":"d"}}"""));
		assertThat(delete.label()).isEqualTo("delete");
		assertThat(delete.before()).contains("\"id\" : 1");
		assertThat(delete.after()).isNull();
		assertThat(delete.table()).isEqualTo("users");
	}

	@Test
	void mapsNullValueToTombstone() {
		Message message = this.mapper.map(record(3, null));

		assertThat(message.tombstone()).isTrue();
		assertThat(message.malformed()).isFalse();
		assertThat(message.op()).isNull();
		assertThat(message.label()).isEqualTo("tombstone");
		assertThat(message.value()).isNull();
	}

	@Test
	void keepsNonJsonValueRawAndMarksItMalformed() {
		Message message = this.mapper.map(record(4, "not json {<b>"));

		assertThat(message.malformed()).isTrue();
		assertThat(message.op()).isNull();
		assertThat(message.table()).isNull();
		assertThat(message.label()).isEqualTo("raw");
		assertThat(message.display()).isEqualTo("not json {<b>");
		assertThat(message.value()).isEqualTo("not json {<b>");
	}

	@Test
	void prettyPrintsJsonThatIsNotAChangeEventButMarksItMalformed() {
		Message message = this.mapper.map(record(5, "{\"hello\":\"world\",\"op\":\"x\"}"));

		assertThat(message.malformed()).isTrue();
		assertThat(message.op()).isNull();
		assertThat(message.display()).contains("\"hello\" : \"world\"");
	}

	@Test
	void cutsLongValuesForDisplayOnly() {
		String value = "x".repeat(MessageMapper.MAX_DISPLAY_LENGTH + 5);

		Message message = this.mapper.map(record(6, value));

		assertThat(message.truncated()).isTrue();
		assertThat(message.display()).hasSize(MessageMapper.MAX_DISPLAY_LENGTH);
		assertThat(message.value()).isEqualTo(value);
		assertThat(message.valueLength()).isEqualTo(value.length());
	}

	@Test
	void leavesHugeValuesToBeReadFromKafka() {
		String value = "y".repeat(MessageMapper.MAX_VALUE_LENGTH + 1);

		Message message = this.mapper.map(record(8, value));

		assertThat(message.truncated()).isTrue();
		assertThat(message.value()).isNull();
		assertThat(message.valueLength()).isEqualTo(value.length());
		assertThat(message.tombstone()).isFalse();
	}

	@Test
	void showsTheSourcePositionAndTheLagFromCommitToConnector() {
		Message message = this.mapper.map(record(9, """
				{"payload":{"before":null,"after":{"id":42},"op":"c","ts_ms":1795577334190,
				  "source":{"schema":"public","table":"users","txId":729,"lsn":22195224,"ts_ms":1795577334000,
				    "snapshot":"false"}}}"""));

		assertThat(message.position().lsn()).isEqualTo(22195224L);
		assertThat(message.position().txId()).isEqualTo(729L);
		assertThat(message.position().lagMs()).isEqualTo(190L);
		assertThat(message.position().snapshot()).isEqualTo("false");
		assertThat(message.keyId()).isEqualTo("{\"id\":42}");
	}

	@Test
	void marksTheColumnsAnUpdateChangedAndMasksConfiguredFields() {
		Message message = this.mapper.map(record(10, """
				{"payload":{"before":{"id":42,"first_name":"Ada","email":"ada@example.com"},
				  "after":{"id":42,"first_name":"Augusta","email":"ada@example.com"},"op":"u",
				  "source":{"schema":"public","table":"users"}}}"""));

		assertThat(message.beforeNote()).isNull();
		assertThat(message.hasBefore()).isTrue();
		assertThat(message.columns())
			.extracting(Message.Column::name, Message.Column::before, Message.Column::after, Message.Column::changed,
					Message.Column::masked)
			.containsExactly(tuple("id", "42", "42", false, false), tuple("first_name", "Ada", "Augusta", true, false),
					tuple("email", "ada@example.com", "ada@example.com", false, true));
	}

	@Test
	void explainsAnUpdateWithoutBeforeImage() {
		Message message = this.mapper.map(record(11, """
				{"payload":{"before":null,"after":{"id":42,"first_name":"Augusta"},"op":"u",
				  "source":{"schema":"public","table":"users"}}}"""));

		assertThat(message.hasBefore()).isFalse();
		assertThat(message.beforeNote()).contains("replica identity");
		assertThat(message.columns()).extracting(Message.Column::changed).containsOnly(false);
	}

	@Test
	void explainsADeleteWhoseBeforeHoldsOnlyTheKey() {
		Message message = this.mapper.map(record(12, """
				{"payload":{"before":{"id":42,"first_name":null,"email":null},"after":null,"op":"d",
				  "source":{"schema":"public","table":"users"}}}"""));

		assertThat(message.beforeNote()).contains("Only the primary key").contains("replica identity");
		assertThat(message.columns()).extracting(Message.Column::name, Message.Column::before)
			.containsExactly(tuple("id", "42"));
	}

	@Test
	void recognisesTheEmptyValuesDebeziumWritesForNotNullColumnsOfAKeyOnlyDelete() {
		Message message = this.mapper.map(record(15, """
				{"payload":{"before":{"id":42,"first_name":"","last_name":"","email":"",
				  "created_at":"1970-01-01T00:00:00Z"},"after":null,"op":"d",
				  "source":{"schema":"public","table":"users"}}}"""));

		assertThat(message.beforeNote()).contains("Only the primary key");
		assertThat(message.columns()).extracting(Message.Column::name).containsExactly("id");
	}

	@Test
	void showsAFullBeforeImageOfADeleteWithoutNote() {
		Message message = this.mapper.map(record(13, """
				{"payload":{"before":{"id":42,"first_name":"Ada","email":"ada@example.com"},"after":null,"op":"d",
				  "source":{"schema":"public","table":"users"}}}"""));

		assertThat(message.beforeNote()).isNull();
		assertThat(message.columns()).extracting(Message.Column::name).containsExactly("id", "first_name", "email");
	}

	@Test
	void readsHeadersAsTextAndKeepsBinaryOnesReadable() {
		ConsumerRecord<String, String> record = record(14, null);
		record.headers().add("origin", "cdc-bridge".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		record.headers().add("binary", new byte[] { (byte) 0xff, 0x00 });

		Message message = this.mapper.map(record);

		assertThat(message.headers()).extracting(Message.Header::key, Message.Header::value)
			.containsExactly(tuple("origin", "cdc-bridge"), tuple("binary", "0xff00"));
	}

	@Test
	void marksTheFirstLiveEventAfterASchemaChangeWithWhatChanged() {
		List<Field> before = new ArrayList<>(DebeziumEnvelopes.USERS);
		before.add(Field.of("nickname", "string", true));
		before.add(Field.of("age", "int32", true));
		List<Field> after = new ArrayList<>(DebeziumEnvelopes.USERS);
		after.add(Field.of("age", "int64", true));
		after.add(Field.of("phone", "string", true));
		String oldRow = "{\"id\":1,\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"email\":\"ada@example.com\","
				+ "\"created_at\":\"2026-12-01T09:00:00Z\",\"nickname\":\"ada\",\"age\":36}";
		String newRow = "{\"id\":1,\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"email\":\"ada@example.com\","
				+ "\"created_at\":\"2026-12-01T09:00:00Z\",\"age\":37,\"phone\":\"+44 20 7946 0000\"}";

		Message first = this.mapper.mapInOrder(record(20, envelope(before, "c", "null", oldRow)));
		Message same = this.mapper.mapInOrder(record(21, envelope(before, "u", oldRow, oldRow)));
		Message changed = this.mapper.mapInOrder(record(22, envelope(after, "u", "null", newRow)));
		Message next = this.mapper.mapInOrder(record(23, envelope(after, "u", "null", newRow)));

		assertThat(first.schemaChange()).as("nothing seen before on the topic").isNull();
		assertThat(same.schemaChange()).isNull();
		assertThat(changed.schemaChange()).isNotNull();
		assertThat(changed.schemaChange().added()).containsExactly("phone");
		assertThat(changed.schemaChange().removed()).containsExactly("nickname");
		assertThat(changed.schemaChange().changed())
			.containsExactly(new FieldChange("age", "int32", "int64", true, true));
		assertThat(changed.schemaChange().summary())
			.isEqualTo("schema changed: + phone, − nickname, age: int32 → int64");
		assertThat(next.schemaChange()).as("only the first event after the change").isNull();
	}

	@Test
	void tellsSchemaChangesApartPerTopicAndNamesLogicalTypesAndNullability() {
		List<Field> required = new ArrayList<>(DebeziumEnvelopes.USERS);
		required.set(3, Field.of("email", "string", false));
		required.set(4, new Field("created_at", "int64", true, "io.debezium.time.MicroTimestamp"));
		String row = "{\"id\":1,\"email\":\"ada@example.com\"}";

		this.mapper.mapInOrder(record(30, envelope(DebeziumEnvelopes.USERS, "c", "null", row)));
		Message otherTopic = this.mapper.mapInOrder(
				new ConsumerRecord<>("monolith.public.orders", 0, 0, KEY, envelope(required, "c", "null", row)));
		Message changed = this.mapper.mapInOrder(record(31, envelope(required, "c", "null", row)));

		assertThat(otherTopic.schemaChange()).as("the first event of another topic").isNull();
		assertThat(changed.schemaChange().summary()).isEqualTo("schema changed: email: optional → required, "
				+ "created_at: string (io.debezium.time.ZonedTimestamp) → int64 (io.debezium.time.MicroTimestamp)");
	}

	@Test
	void leavesSchemaChangesToTheLiveReaderAlone() {
		List<Field> wider = new ArrayList<>(DebeziumEnvelopes.USERS);
		wider.add(Field.of("phone", "string", true));

		this.mapper.map(record(40, envelope(DebeziumEnvelopes.USERS, "c", "null", "{\"id\":1}")));
		Message outOfOrder = this.mapper.map(record(41, envelope(wider, "c", "null", "{\"id\":1}")));

		assertThat(outOfOrder.schemaChange()).isNull();
	}

	@Test
	void showsUnchangedToastedValuesAsNotSentAndNotAsChanged() {
		List<Field> columns = new ArrayList<>(DebeziumEnvelopes.USERS);
		columns.add(Field.of("bio", "string", true));
		columns.add(Field.of("avatar", "bytes", true));
		columns.add(new Field("tags", "array", true, null));
		String before = "{\"id\":42,\"first_name\":\"Ada\",\"bio\":\"A long story...\",\"avatar\":\"iVBORw0KGgo=\","
				+ "\"tags\":[\"math\"]}";
		String after = "{\"id\":42,\"first_name\":\"Augusta\",\"bio\":\"__debezium_unavailable_value\","
				+ "\"avatar\":\"X19kZWJleml1bV91bmF2YWlsYWJsZV92YWx1ZQ==\",\"tags\":[\"__debezium_unavailable_value\"]}";

		Message message = this.mapper.map(record(50, envelope(columns, "u", before, after)));

		assertThat(message.columns())
			.extracting(Message.Column::name, Message.Column::after, Message.Column::changed,
					Message.Column::afterNotSent)
			.containsExactly(tuple("id", "42", false, false), tuple("first_name", "Augusta", true, false),
					tuple("bio", MissingValues.NOT_SENT, false, true),
					tuple("avatar", MissingValues.NOT_SENT, false, true),
					tuple("tags", MissingValues.NOT_SENT, false, true));
		assertThat(MissingValues.NOT_SENT).isEqualTo("unchanged, not sent by PostgreSQL");
		assertThat(message.columns()).extracting(Message.Column::before)
			.containsExactly("42", "Ada", "A long story...", "iVBORw0KGgo=", "[\"math\"]");
	}

	@Test
	void showsATruncateAsTheTableTruncated() {
		Message message = this.mapper.map(new ConsumerRecord<>("monolith.public.users", 0, 60, null,
				envelope(DebeziumEnvelopes.USERS, "t", "null", "null")));

		assertThat(message.op()).isEqualTo("t");
		assertThat(message.label()).isEqualTo("table truncated");
		assertThat(message.summary()).isEqualTo("table truncated: public.users");
		assertThat(message.columns()).isEmpty();
		assertThat(message.malformed()).isFalse();
	}

	@Test
	void showsBothHalvesOfAPrimaryKeyUpdateWithTheOtherKey() {
		String row7 = "{\"id\":7,\"first_name\":\"Grace\",\"last_name\":\"Hopper\",\"email\":\"grace@example.com\"}";
		String row8 = "{\"id\":8,\"first_name\":\"Grace\",\"last_name\":\"Hopper\",\"email\":\"grace@example.com\"}";
		ConsumerRecord<String, String> delete = new ConsumerRecord<>("monolith.public.users", 0, 70,
				DebeziumEnvelopes.key(7), envelope(DebeziumEnvelopes.USERS, "d", row7, "null"));
		delete.headers()
			.add(ChangeDescription.NEW_KEY_HEADER, DebeziumEnvelopes.key(8).getBytes(StandardCharsets.UTF_8));
		ConsumerRecord<String, String> tombstone = new ConsumerRecord<>("monolith.public.users", 0, 71,
				DebeziumEnvelopes.key(7), null);
		ConsumerRecord<String, String> create = new ConsumerRecord<>("monolith.public.users", 0, 72,
				DebeziumEnvelopes.key(8), envelope(DebeziumEnvelopes.USERS, "c", "null", row8));
		create.headers().add(ChangeDescription.OLD_KEY_HEADER, "{\"id\":7}".getBytes(StandardCharsets.UTF_8));

		assertThat(this.mapper.map(delete).summary()).isEqualTo("key changed to {\"id\":8}");
		assertThat(this.mapper.map(tombstone).summary()).isEqualTo("tombstone (compaction marker for key {\"id\":7})");
		assertThat(this.mapper.map(create).summary()).isEqualTo("key changed from {\"id\":7}");
		assertThat(this.mapper.map(create).label()).isEqualTo("create");
	}

	@Test
	void saysNothingMoreOfAPlainCreateOrDelete() {
		Message create = this.mapper.map(record(80, envelope(DebeziumEnvelopes.USERS, "c", "null", "{\"id\":42}")));
		Message delete = this.mapper.map(record(81, envelope(DebeziumEnvelopes.USERS, "d", "{\"id\":42}", "null")));

		assertThat(create.summary()).isNull();
		assertThat(delete.summary()).isNull();
		assertThat(create.schemaChange()).isNull();
	}

	private static ConsumerRecord<String, String> record(long offset, String value) {
		return new ConsumerRecord<>("monolith.public.users", 0, offset, KEY, value);
	}

}
