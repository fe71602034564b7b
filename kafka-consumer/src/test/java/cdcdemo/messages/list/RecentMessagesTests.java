package cdcdemo.messages.list;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import cdcdemo.messages.masking.Masking;

import static org.assertj.core.api.Assertions.assertThat;

class RecentMessagesTests {

	private final Masking masking = Masking.of(JsonMapper.builder().build(), List.of("email"));

	@Test
	void keepsOnlyTheNewestRecordsNewestFirst() {
		RecentMessages messages = new RecentMessages(MessagesProperties.of("unused:9092", List.of("t"), 2));

		for (long offset = 0; offset < 3; offset++) {
			messages.add(raw("t", offset, "clear"), raw("t", offset, "masked"));
		}

		assertThat(messages.newestFirst(this.masking.clear(), (m) -> true)).extracting(Message::offset)
			.containsExactly(2L, 1L);
	}

	@Test
	void keepsTheCapacityPerTopicSoThatABusyTopicDoesNotPushOutAQuietOne() {
		RecentMessages messages = new RecentMessages(MessagesProperties.of("unused:9092", List.of("busy", "quiet"), 2));

		messages.add(raw("quiet", 0, "clear"), raw("quiet", 0, "masked"));
		for (long offset = 0; offset < 5; offset++) {
			messages.add(raw("busy", offset, "clear"), raw("busy", offset, "masked"));
		}

		assertThat(messages.newestFirst(this.masking.clear(), (m) -> true))
			.extracting((m) -> m.topic() + "@" + m.offset())
			.containsExactly("busy@4", "busy@3", "quiet@0");
		assertThat(messages.newestFirst(this.masking.clear(), (m) -> m.topic().equals("quiet"))).hasSize(1);
	}

	@Test
	void givesEachViewItsCopyAndFiltersThatCopy() {
		RecentMessages messages = new RecentMessages(MessagesProperties.of("unused:9092", List.of("t"), 2));

		messages.add(raw("t", 0, "clear"), raw("t", 0, "masked"));

		assertThat(messages.newestFirst(this.masking.clear(), (m) -> true)).extracting(Message::value)
			.containsExactly("clear");
		assertThat(messages.newestFirst(this.masking.masked(), (m) -> true)).extracting(Message::value)
			.containsExactly("masked");
		assertThat(messages.newestFirst(this.masking.masked(), (m) -> m.value().equals("clear"))).isEmpty();
	}

	@Test
	void splitsAndTrimsTheTopicList() {
		MessagesProperties properties = MessagesProperties.of("unused:9092", List.of(" a ", "b", "", "a"), 200);

		assertThat(properties.topics()).containsExactly("a", "b");
	}

	private static Message raw(String topic, long offset, String value) {
		return new Message(topic, 0, offset, Instant.EPOCH, null, null, List.of(), value, 1, value, false, null, "raw",
				null, false, true, "not JSON", null, List.of(), null, null, null, null, null);
	}

}
