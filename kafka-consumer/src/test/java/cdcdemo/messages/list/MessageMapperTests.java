package cdcdemo.messages.list;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class MessageMapperTests {

	private static final String KEY = """
			{"schema":{"type":"struct"},"payload":{"id":42}}""";

	private final MessageMapper mapper = new MessageMapper(JsonMapper.builder().build(),
			MessagesProperties.of("unused:9092", List.of("monolith.public.users"), 200));

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
		assertThat(message.columns()).extracting(Message.Column::name, Message.Column::before,
				Message.Column::after, Message.Column::changed, Message.Column::masked)
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
		assertThat(message.columns()).extracting(Message.Column::name)
			.containsExactly("id", "first_name", "email");
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

	private static ConsumerRecord<String, String> record(long offset, String value) {
		return new ConsumerRecord<>("monolith.public.users", 0, offset, KEY, value);
	}

}
