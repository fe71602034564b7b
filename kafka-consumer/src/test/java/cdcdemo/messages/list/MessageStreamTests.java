package cdcdemo.messages.list;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import cdcdemo.messages.masking.Masking;
import cdcdemo.messages.masking.View;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * New records go to every open stream, whatever happens to one of them.
 */
class MessageStreamTests {

	private static final View CLEAR = Masking.of(JsonMapper.builder().build(), List.of()).clear();

	private final MessageStream stream = new MessageStream();

	@Test
	void aStreamWhoseConnectionEndedDoesNotKeepTheRecordFromTheOthers() {
		// the first stream's browser leaves after the "connected" comment
		Recording ended = new Recording(1);
		Recording open = new Recording(Integer.MAX_VALUE);
		this.stream.subscribe(ended, CLEAR);
		this.stream.subscribe(open, CLEAR);

		this.stream.publish(message(51), message(51));
		this.stream.publish(message(52), message(52));

		assertThat(open.sent).as("the comment, then every record, although the first stream failed").hasSize(3);
		assertThat(ended.sendsTried).as("dropped at its first failure").isEqualTo(2);
	}

	private static Message message(long offset) {
		return new Message("monolith.public.users", 0, offset, Instant.parse("2026-12-02T01:00:00Z"), null, null,
				List.of(), "x", 1, "x", false, null, "raw", null, false, true, "not JSON", null, List.of(), null, null,
				null, null, null);
	}

	/**
	 * An emitter that records what is sent; after its first {@code open} sends it fails
	 * as Tomcat's does once the browser has gone: the send with an {@link IOException},
	 * the completion with an {@link IllegalStateException}.
	 */
	private static final class Recording extends SseEmitter {

		private final int open;

		private final List<Object> sent = new ArrayList<>();

		private int sendsTried;

		Recording(int open) {
			super(0L);
			this.open = open;
		}

		@Override
		public void send(SseEventBuilder builder) throws IOException {
			this.sendsTried++;
			if (this.sendsTried > this.open) {
				throw new IOException("Broken pipe");
			}
			this.sent.add(builder);
		}

		@Override
		public synchronized void completeWithError(Throwable ex) {
			throw new IllegalStateException("A non-container (application) thread attempted to use the AsyncContext "
					+ "after an error had occurred and the call to AsyncListener.onError() had returned.");
		}

	}

}
