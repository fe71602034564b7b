package cdcdemo.reactions;

import java.time.Instant;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cdcdemo.events.reactions.EventRef;
import cdcdemo.events.reactions.Reaction;
import cdcdemo.events.reactions.ReactionJson;

/**
 * Announces what this application did because of a change event, on the reactions topic.
 * <p>
 * Called inside the transaction that does it, a reaction is sent only once that
 * transaction has committed ({@link TransactionSynchronization#afterCommit()}), so a
 * rolled-back change is never announced; without a transaction (a consumer that keeps its
 * state in memory) it is sent at once. A reaction is observability, not state: it is sent
 * once, without waiting for the broker, and a reaction that cannot be sent, or is lost in
 * a crash between the commit and the send, is logged at most and never fails or retries
 * what the application was doing. At most once, then: see {@code docs/reactions.md}.
 */
public class Reactions implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Reactions.class);

	private final KafkaOperations<String, String> kafka;

	private final String topic;

	private final String service;

	/**
	 * @param kafka what sends the records, with string serializers; closed with this (the
	 * auto-configuration makes one for this alone)
	 * @param topic the reactions topic
	 * @param service the name of this application in its reactions
	 */
	public Reactions(KafkaOperations<String, String> kafka, String topic, String service) {
		this.kafka = kafka;
		this.topic = topic;
		this.service = service;
	}

	/**
	 * Announces a reaction, after the current transaction commits if there is one.
	 * @param event the event reacted to; {@code null} (an old step that does not know its
	 * event) announces nothing
	 * @param kind what was done, in kebab case (see
	 * {@link cdcdemo.events.reactions.ReactionKinds})
	 * @param summary one line for people; no email address or other personal data
	 * @param detail more, for the kind; no email address or other personal data
	 */
	public void announce(EventRef event, String kind, String summary, Map<String, ?> detail) {
		if (event == null) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			send(event, kind, summary, detail);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				send(event, kind, summary, detail);
			}

		});
	}

	private void send(EventRef event, String kind, String summary, Map<String, ?> detail) {
		Reaction reaction = Reaction.of(event, this.service, kind, Instant.now(), summary, detail);
		try {
			this.kafka.send(this.topic, ReactionJson.key(event), ReactionJson.value(reaction))
				.whenComplete((result, ex) -> {
					if (ex != null) {
						failed(reaction, ex);
					}
				});
		}
		catch (RuntimeException ex) {
			failed(reaction, ex);
		}
	}

	private void failed(Reaction reaction, Throwable ex) {
		log.warn("Could not announce {} for {}-{}@{} on {}: {}", reaction.kind(), reaction.event().topic(),
				reaction.event().partition(), reaction.event().offset(), this.topic, ex.toString());
	}

	@Override
	public void destroy() throws Exception {
		if (this.kafka instanceof DisposableBean template) {
			template.destroy();
		}
	}

}
