package cdcdemo.messages.list;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentMessagesTests {

	@Test
	void keepsOnlyTheNewestRecordsNewestFirst() {
		RecentMessages messages = new RecentMessages(MessagesProperties.of("unused:9092", List.of("t"), 2));

		for (long offset = 0; offset < 3; offset++) {
			messages.add(raw("t", offset));
		}

		assertThat(messages.newestFirst()).extracting(Message::offset).containsExactly(2L, 1L);
	}

	@Test
	void keepsTheCapacityPerTopicSoThatABusyTopicDoesNotPushOutAQuietOne() {
		RecentMessages messages = new RecentMessages(MessagesProperties.of("unused:9092", List.of("busy", "quiet"), 2));

		messages.add(raw("quiet", 0));
		for (long offset = 0; offset < 5; offset++) {
			messages.add(raw("busy", offset));
		}

		assertThat(messages.newestFirst()).extracting((m) -> m.topic() + "@" + m.offset())
			.containsExactly("busy@4", "busy@3", "quiet@0");
		assertThat(messages.newestFirst((m) -> m.topic().equals("quiet"))).hasSize(1);
	}

	@Test
	void splitsAndTrimsTheTopicList() {
		MessagesProperties properties = MessagesProperties.of("unused:9092", List.of(" a ", "b", "", "a"), 200);

		assertThat(properties.topics()).containsExactly("a", "b");
	}

	private static Message raw(String topic, long offset) {
		return new Message(topic, 0, offset, Instant.EPOCH, null, null, List.of(), "v", 1, "v", false, null, "raw",
				null, false, true, "not JSON", null, List.of(), null, null, null, null, null);
	}

}
