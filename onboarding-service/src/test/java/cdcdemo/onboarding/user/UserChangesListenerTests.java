package cdcdemo.onboarding.user;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.json.JsonMapper;

import cdcdemo.events.Operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * A poll with a TRUNCATE of the users table among the changes: the truncate is no user
 * leaving, so it reaches neither the journeys nor the dead-letter topic, and the changes
 * around it are applied as usual.
 */
class UserChangesListenerTests {

	private final JsonMapper mapper = JsonMapper.shared();

	private final ChangeEvents events = new ChangeEvents(this.mapper);

	private final UserLifecycle lifecycle = mock(UserLifecycle.class);

	private final UserChangesListener listener = new UserChangesListener(this.mapper, this.lifecycle);

	@Test
	@SuppressWarnings("unchecked")
	void skipsATruncateAndAppliesTheChangesAroundIt() {
		this.listener.onChanges(List.of(record(0, this.events.created(1, "Ada", "Lovelace", "ada@example.com")),
				record(1, this.events.truncated()),
				record(2, this.events.created(2, "Grace", "Hopper", "grace@example.com"))));

		ArgumentCaptor<List<UserChange>> applied = ArgumentCaptor.forClass(List.class);
		then(this.lifecycle).should().apply(applied.capture());
		assertThat(applied.getValue()).extracting((change) -> change.event().operation())
			.containsExactly(Operation.CREATE, Operation.CREATE);
		assertThat(applied.getValue()).extracting((change) -> change.event().row().id()).containsExactly(1L, 2L);
		assertThat(applied.getValue()).extracting((change) -> change.ref().offset())
			.as("where each was read, for its reactions")
			.containsExactly(0L, 2L);
		assertThat(applied.getValue().get(1).ref().lsn()).isEqualTo(applied.getValue().get(1).event().source().lsn());
	}

	private static ConsumerRecord<String, String> record(long offset, String value) {
		return new ConsumerRecord<>("monolith.public.users", 0, offset, null, value);
	}

}
