package cdcdemo.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ChangeEventReaderTests {

	record UserRow(long id, @JsonProperty("first_name") String firstName, String email) {
	}

	private final ChangeEventReader reader = new ChangeEventReader(JsonMapper.builder().build());

	@Test
	void readsInsertFromConnectEnvelope() {
		String value = """
				{"schema":{"type":"struct","fields":[]},
				 "payload":{"before":null,
				   "after":{"id":2,"first_name":"Ada","last_name":"Lovelace","email":"ada@example.com"},
				   "source":{"version":"3.6.1.Final","connector":"postgresql","name":"monolith","db":"users",
				             "schema":"public","table":"users","txId":729,"lsn":22195224,"ts_ms":1795577334000,
				             "snapshot":"false"},
				   "transaction":null,"op":"c","ts_ms":1795577334190}}""";

		ChangeEvent<UserRow> event = this.reader.read(value, UserRow.class).orElseThrow();

		assertThat(event.operation()).isEqualTo(Operation.CREATE);
		assertThat(event.before()).isNull();
		assertThat(event.after()).isEqualTo(new UserRow(2, "Ada", "ada@example.com"));
		assertThat(event.row()).isSameAs(event.after());
		assertThat(event.source().table()).isEqualTo("users");
		assertThat(event.source().lsn()).isEqualTo(22195224L);
		assertThat(event.source().tsMs()).isEqualTo(1795577334000L);
		assertThat(event.tsMs()).isEqualTo(1795577334190L);
	}

	@Test
	void readsDeleteWithKeyOnlyBeforeImage() {
		String value = """
				{"before":{"id":7,"first_name":null,"email":null},"after":null,"source":{"table":"users"},"op":"d"}""";

		ChangeEvent<UserRow> event = this.reader.read(value, UserRow.class).orElseThrow();

		assertThat(event.operation()).isEqualTo(Operation.DELETE);
		assertThat(event.row().id()).isEqualTo(7);
		assertThat(event.tsMs()).isNull();
	}

	@Test
	void tombstoneIsEmpty() {
		assertThat(this.reader.read(null, UserRow.class)).isEmpty();
	}

	@Test
	void rejectsValuesThatAreNotChangeEvents() {
		assertThatExceptionOfType(MalformedChangeEventException.class)
			.isThrownBy(() -> this.reader.read("not json {", UserRow.class))
			.withMessageContaining("not JSON");
		assertThatExceptionOfType(MalformedChangeEventException.class)
			.isThrownBy(() -> this.reader.read("{\"payload\":{\"after\":{}}}", UserRow.class))
			.withMessageContaining("'op'");
		assertThatExceptionOfType(MalformedChangeEventException.class)
			.isThrownBy(() -> this.reader.read("{\"op\":\"x\"}", UserRow.class))
			.withMessageContaining("unknown op");
		assertThatExceptionOfType(MalformedChangeEventException.class)
			.isThrownBy(() -> this.reader.read("{\"op\":\"c\",\"after\":{\"id\":\"not a number\"}}", UserRow.class))
			.withMessageContaining("shape");
		assertThatExceptionOfType(MalformedChangeEventException.class)
			.isThrownBy(() -> this.reader.read("[{\"op\":\"c\"}]", UserRow.class))
			.withMessageContaining("'op'");
		assertThatExceptionOfType(MalformedChangeEventException.class)
			.isThrownBy(() -> this.reader.read("{\"op\":\"c\",\"after\":{\"id\":1}} {}", UserRow.class))
			.withMessageContaining("more after");
		assertThatExceptionOfType(MalformedChangeEventException.class)
			.isThrownBy(() -> this.reader.read("{\"schema\":{\"type\":\"struct\"", UserRow.class))
			.withMessageContaining("not JSON");
	}

	@Test
	void skipsTheSchemaWhateverItHolds() {
		String value = """
				{"schema":{"fields":[{"payload":{"op":"d"}}],"op":"u"},
				 "payload":{"before":null,"after":{"id":3,"first_name":"Alan","email":"alan@example.com"},"op":"c"}}""";

		ChangeEvent<UserRow> event = this.reader.read(value, UserRow.class).orElseThrow();

		assertThat(event.operation()).isEqualTo(Operation.CREATE);
		assertThat(event.after()).isEqualTo(new UserRow(3, "Alan", "alan@example.com"));
	}

}
