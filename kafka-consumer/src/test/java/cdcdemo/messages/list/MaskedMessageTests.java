package cdcdemo.messages.list;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import cdcdemo.messages.masking.Masking;
import cdcdemo.messages.masking.View;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A record mapped for a user who does not see masked values: what it means is read from
 * the clear record, what it shows holds no clear masked value anywhere.
 */
class MaskedMessageTests {

	private static final String USERS = "monolith.public.users";

	private final JsonMapper json = JsonMapper.builder().build();

	private final Masking masking = Masking.of(this.json, List.of("email"));

	private final View masked = this.masking.masked();

	private final MessageMapper mapper = new MessageMapper(this.json, this.masking, new TableSchemas(this.json));

	@Test
	void masksEveryPlaceAValueShowsUpAndTellsAChangeFromNoChange() {
		Message message = this.mapper.map(record(10, "{\"id\":42}", """
				{"payload":{"before":{"id":42,"first_name":"Ada","email":"ada@example.com","alias":"x"},
				  "after":{"id":42,"first_name":"Ada","email":"ada@lovelace.org","alias":null},"op":"u",
				  "source":{"schema":"public","table":"users"}}}"""), this.masked);
		Message same = this.mapper.map(record(11, "{\"id\":42}", """
				{"payload":{"before":{"id":42,"email":"ada@example.com"},"after":{"id":42,"email":"ada@example.com"},
				  "op":"u","source":{"schema":"public","table":"users"}}}"""), this.masked);

		assertThat(message.toString()).doesNotContain("ada@example.com", "ada@lovelace.org");
		assertThat(message.value()).contains("\"email\":\"masked:");
		assertThat(message.display()).contains("\"email\" : \"masked:");
		assertThat(message.before()).contains("\"email\" : \"masked:");
		Message.Column email = message.columns().get(2);
		assertThat(email.name()).isEqualTo("email");
		assertThat(email.before()).startsWith("masked:").isNotEqualTo(email.after());
		assertThat(email.after()).startsWith("masked:");
		assertThat(message.columns()).extracting(Message.Column::name, Message.Column::changed, Message.Column::masked)
			.containsExactly(tuple("id", false, false), tuple("first_name", false, false), tuple("email", true, true),
					tuple("alias", true, false));
		assertThat(same.columns().get(1).changed()).isFalse();
		assertThat(same.columns().get(1).before()).isEqualTo(same.columns().get(1).after());
	}

	@Test
	void keepsANullANullAndADeleteOfOnlyTheKeyAsItIs() {
		Message delete = this.mapper.map(record(12, "{\"id\":42}", """
				{"payload":{"before":{"id":42,"first_name":null,"email":""},"after":null,"op":"d",
				  "source":{"schema":"public","table":"users"}}}"""), this.masked);
		Message cleared = this.mapper.map(record(13, "{\"id\":42}", """
				{"payload":{"before":null,"after":{"id":42,"email":null},"op":"u",
				  "source":{"schema":"public","table":"users"}}}"""), this.masked);

		assertThat(delete.beforeNote()).as("decided on the clear row").contains("Only the primary key");
		assertThat(cleared.columns().get(1).after()).isNull();
		assertThat(cleared.value()).contains("\"email\":null");
	}

	@Test
	void masksAKeyThatHoldsAMaskedFieldAndTheKeysItNames() {
		String key = "{\"schema\":{},\"payload\":{\"email\":\"ada@example.com\"}}";
		ConsumerRecord<String, String> delete = record(20, key, """
				{"payload":{"before":{"email":"ada@example.com"},"after":null,"op":"d",
				  "source":{"schema":"public","table":"users"}}}""");
		delete.headers()
			.add(ChangeDescription.NEW_KEY_HEADER,
					"{\"payload\":{\"email\":\"ada@lovelace.org\"}}".getBytes(StandardCharsets.UTF_8));

		Message message = this.mapper.map(delete, this.masked);
		Message tombstone = this.mapper.map(record(21, key, null), this.masked);

		assertThat(message.toString()).doesNotContain("ada@example.com", "ada@lovelace.org");
		assertThat(message.keyId()).startsWith("{\"email\":\"masked:");
		assertThat(message.key()).contains("\"masked:");
		assertThat(message.summary()).startsWith("key changed to {\"email\":\"masked:");
		assertThat(tombstone.keyId()).isEqualTo(message.keyId());
		assertThat(tombstone.summary()).contains(message.keyId());
		assertThat(this.mapper.keyId(key, this.masked)).isEqualTo(message.keyId());
	}

	@Test
	void withholdsAValueCutShortAndTheReasonThatMayQuoteIt() {
		Message message = this.mapper.map(record(30, "{\"id\":1}", "{\"payload\":{\"email\":\"ada@exam"), this.masked);

		assertThat(message.malformed()).isTrue();
		assertThat(message.toString()).doesNotContain("ada@exam");
		assertThat(message.error()).isEqualTo("value is not a change event (reason withheld)");
	}

	@Test
	void mapsALiveRecordAgainForTheMaskedViewWithTheSchemaChangeItFound() {
		ConsumerRecord<String, String> record = record(40, "{\"id\":1}", """
				{"schema":{"type":"struct","fields":[{"field":"after","fields":[{"field":"email","type":"string"}]}]},
				 "payload":{"before":null,"after":{"email":"ada@example.com"},"op":"c"}}""");

		Message clear = this.mapper.mapInOrder(record);
		Message again = this.mapper.mapAgain(record, this.masked, clear.schemaChange());

		assertThat(clear.value()).contains("ada@example.com");
		assertThat(again.value()).doesNotContain("ada@example.com");
		assertThat(again.schemaChange()).isSameAs(clear.schemaChange());
	}

	private static ConsumerRecord<String, String> record(long offset, String key, String value) {
		return new ConsumerRecord<>(USERS, 0, offset, key, value);
	}

}
