package cdcdemo.reactions;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import cdcdemo.events.reactions.EventRef;
import cdcdemo.events.reactions.Reaction;
import cdcdemo.events.reactions.ReactionJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * When a reaction is sent: after the commit of a transaction managed by a real
 * {@link AbstractPlatformTransactionManager} (one without a resource, whose
 * synchronization is what Spring does for every transaction manager), never after a
 * rollback, at once without a transaction; and that a send that fails fails nothing else.
 */
class ReactionsTests {

	private static final EventRef EVENT = new EventRef("monolith.public.users", 0, 7, 100L, 9L);

	@SuppressWarnings("unchecked")
	private final KafkaOperations<String, String> kafka = mock(KafkaOperations.class);

	private final Reactions reactions = new Reactions(this.kafka, "platform.reactions", "my-consumer");

	private final TransactionTemplate transaction = new TransactionTemplate(new Transactions());

	@Test
	void sendsAfterTheCommitNotBefore() {
		givenSendsSucceed();

		this.transaction.executeWithoutResult((status) -> {
			this.reactions.announce(EVENT, "thing-done", "did it", Map.of("userId", 3));
			then(this.kafka).shouldHaveNoInteractions();
		});

		Sent sent = sent();
		assertThat(sent.topic()).isEqualTo("platform.reactions");
		assertThat(sent.key()).isEqualTo("{\"topic\":\"monolith.public.users\",\"partition\":0,\"offset\":7}");
		Reaction reaction = ReactionJson.read(sent.value());
		assertThat(reaction.event()).isEqualTo(EVENT);
		assertThat(reaction.service()).isEqualTo("my-consumer");
		assertThat(reaction.kind()).isEqualTo("thing-done");
		assertThat(reaction.detail()).containsEntry("userId", 3);
	}

	@Test
	void sendsNothingWhenTheTransactionRollsBack() {
		this.transaction.executeWithoutResult((status) -> {
			this.reactions.announce(EVENT, "thing-done", "did it", Map.of());
			status.setRollbackOnly();
		});
		assertThatIllegalStateException().isThrownBy(() -> this.transaction.executeWithoutResult((status) -> {
			this.reactions.announce(EVENT, "thing-done", "did it", Map.of());
			throw new IllegalStateException("the database said no");
		}));

		then(this.kafka).shouldHaveNoInteractions();
	}

	@Test
	void sendsAtOnceWithoutATransaction() {
		givenSendsSucceed();

		this.reactions.announce(EVENT, "count-changed", "example.com has 3 users", null);

		assertThat(ReactionJson.read(sent().value()).detail()).isEmpty();
	}

	@Test
	void announcesNothingForAStepThatDoesNotKnowItsEvent() {
		this.reactions.announce(null, "email-sent", "sent", Map.of());

		then(this.kafka).shouldHaveNoInteractions();
	}

	@Test
	void aFailedSendFailsNeitherTheCommitNorTheCaller() {
		given(this.kafka.send(anyString(), anyString(), anyString()))
			.willReturn(CompletableFuture.failedFuture(new IllegalStateException("broker away")))
			.willThrow(new IllegalStateException("producer closed"));

		assertThatNoException().isThrownBy(() -> {
			this.transaction
				.executeWithoutResult((status) -> this.reactions.announce(EVENT, "thing-done", "did it", Map.of()));
			this.reactions.announce(EVENT, "thing-done", "did it again", Map.of());
		});
	}

	private void givenSendsSucceed() {
		given(this.kafka.send(anyString(), anyString(), anyString()))
			.willReturn(CompletableFuture.completedFuture(null));
	}

	private Sent sent() {
		ArgumentCaptor<String> topic = ArgumentCaptor.forClass(String.class);
		ArgumentCaptor<String> key = ArgumentCaptor.forClass(String.class);
		ArgumentCaptor<String> value = ArgumentCaptor.forClass(String.class);
		then(this.kafka).should().send(topic.capture(), key.capture(), value.capture());
		return new Sent(topic.getValue(), key.getValue(), value.getValue());
	}

	private record Sent(String topic, String key, String value) {
	}

	/**
	 * A transaction manager without a resource: begin, commit and rollback do nothing,
	 * the synchronizations run as with any other.
	 */
	static class Transactions extends AbstractPlatformTransactionManager {

		@Override
		protected Object doGetTransaction() {
			return new Object();
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
		}

	}

}
