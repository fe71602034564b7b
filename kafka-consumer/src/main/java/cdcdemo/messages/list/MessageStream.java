package cdcdemo.messages.list;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open Server-Sent Events connections of the pages. New records go to every one of
 * them; a connection that fails is dropped, which never disturbs the reader. All
 * connections are completed when the application closes, otherwise an open stream holds
 * up the graceful shutdown.
 */
@Component
class MessageStream {

	private static final Logger log = LoggerFactory.getLogger(MessageStream.class);

	private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();

	SseEmitter subscribe() {
		SseEmitter emitter = new SseEmitter(0L);
		emitter.onCompletion(() -> this.emitters.remove(emitter));
		emitter.onTimeout(() -> this.emitters.remove(emitter));
		emitter.onError((ex) -> this.emitters.remove(emitter));
		this.emitters.add(emitter);
		try {
			// sends the headers now, so the browser knows the stream is open
			emitter.send(SseEmitter.event().comment("connected"));
		}
		catch (IOException | IllegalStateException ex) {
			this.emitters.remove(emitter);
		}
		return emitter;
	}

	void publish(Message message) {
		for (SseEmitter emitter : this.emitters) {
			try {
				emitter.send(SseEmitter.event().name("message").data(message, MediaType.APPLICATION_JSON));
			}
			catch (IOException | RuntimeException ex) {
				log.debug("Dropping a stream that failed: {}", ex.getMessage());
				this.emitters.remove(emitter);
				emitter.completeWithError(ex);
			}
		}
	}

	@EventListener(ContextClosedEvent.class)
	void completeAll() {
		for (SseEmitter emitter : this.emitters) {
			emitter.complete();
		}
		this.emitters.clear();
	}

}
