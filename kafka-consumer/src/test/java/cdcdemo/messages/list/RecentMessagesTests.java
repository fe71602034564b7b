package cdcdemo.messages.list;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentMessagesTests {

	@Test
	void keepsOnlyTheNewestRecordsNewestFirst() {
		RecentMessages messages = new RecentMessages(
				new MessagesProperties("unused:9092", List.of("t"), 2, Duration.ofSeconds(1), Duration.ofSeconds(1)));

		for (long offset = 0; offset < 3; offset++) {
			messages.add(new Message("t", 0, offset, Instant.EPOCH, null, "v", null, null, false, true, "raw", null,
					null, "v", false));
		}

		assertThat(messages.newestFirst()).extracting(Message::offset).containsExactly(2L, 1L);
	}

	@Test
	void splitsAndTrimsTheTopicList() {
		MessagesProperties properties = new MessagesProperties("unused:9092", List.of(" a ", "b", "", "a"), 200,
				Duration.ofSeconds(1), Duration.ofSeconds(1));

		assertThat(properties.topics()).containsExactly("a", "b");
	}

}
