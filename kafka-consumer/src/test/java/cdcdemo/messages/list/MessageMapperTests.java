package cdcdemo.messages.list;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class MessageMapperTests {

	private static final String KEY = """
			{"schema":{"type":"struct"},"payload":{"id":42}}""";

	private final MessageMapper mapper = new MessageMapper(JsonMapper.builder().build());

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
	}

	private static ConsumerRecord<String, String> record(long offset, String value) {
		return new ConsumerRecord<>("monolith.public.users", 0, offset, KEY, value);
	}

}
