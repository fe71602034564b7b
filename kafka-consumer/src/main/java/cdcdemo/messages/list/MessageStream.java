package cdcdemo.messages.list;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cdcdemo.messages.masking.View;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open Server-Sent Events connections of the pages. New records go to every one of
 * them; a connection that fails is dropped, which never disturbs the reader. All
 * connections are completed when the application closes, otherwise an open stream holds
 * up the graceful shutdown. Each connection keeps the {@link View} of the user who opened
 * it: an admin's gets every record in clear, anyone else's the masked copy.
 */
@Component
class MessageStream {

	private static final Logger log = LoggerFactory.getLogger(MessageStream.class);

	private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

	/**
	 * Opens a stream.
	 * @param view what the subscribing user sees
	 * @return the stream
	 */
	SseEmitter subscribe(View view) {
		return subscribe(new SseEmitter(0L), view);
	}

	/**
	 * Opens a stream on a given emitter.
	 * @param emitter the stream's emitter, without a timeout
	 * @param view what the subscribing user sees
	 * @return the emitter
	 */
	SseEmitter subscribe(SseEmitter emitter, View view) {
		Subscriber subscriber = new Subscriber(emitter, view.isClear());
		emitter.onCompletion(() -> this.subscribers.remove(subscriber));
		emitter.onTimeout(() -> this.subscribers.remove(subscriber));
		emitter.onError((ex) -> this.subscribers.remove(subscriber));
		this.subscribers.add(subscriber);
		try {
			// sends the headers now, so the browser knows the stream is open
			emitter.send(SseEmitter.event().comment("connected"));
		}
		catch (IOException | IllegalStateException ex) {
			this.subscribers.remove(subscriber);
		}
		return emitter;
	}

	/**
	 * Sends a record to every stream.
	 * @param clear the record in clear, for an admin's streams
	 * @param masked the record with its masked fields masked, for the others
	 */
	void publish(Message clear, Message masked) {
		for (Subscriber subscriber : this.subscribers) {
			try {
				subscriber.emitter()
					.send(SseEmitter.event()
						.name("message")
						.data(subscriber.clear() ? clear : masked, MediaType.APPLICATION_JSON));
			}
			catch (IOException | RuntimeException ex) {
				log.debug("Dropping a stream that failed: {}", ex.getMessage());
				this.subscribers.remove(subscriber);
				end(subscriber, ex);
			}
		}
	}

	/**
	 * Ends a stream that failed. Its connection may have ended already (the browser left
	 * the page, say), and then the container refuses to complete it; that must not stop
	 * the record from reaching the other streams, as it did: Tomcat's
	 * {@code IllegalStateException} from a closed {@code AsyncContext} escaped this loop,
	 * and every other page missed the record.
	 */
	private static void end(Subscriber subscriber, Exception failure) {
		try {
			subscriber.emitter().completeWithError(failure);
		}
		catch (RuntimeException ex) {
			log.debug("The failed stream had ended already: {}", ex.getMessage());
		}
	}

	@EventListener(ContextClosedEvent.class)
	void completeAll() {
		for (Subscriber subscriber : this.subscribers) {
			subscriber.emitter().complete();
		}
		this.subscribers.clear();
	}

	private record Subscriber(SseEmitter emitter, boolean clear) {
	}

}
