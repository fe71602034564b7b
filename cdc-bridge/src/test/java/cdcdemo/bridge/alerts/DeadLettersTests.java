package cdcdemo.bridge.alerts;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The dead letter rule counts what the topics gained since the last check. */
class DeadLettersTests {

	private final DeadLetters deadLetters = new DeadLetters();

	@Test
	void theFirstCheckTakesTheBaselineAndLaterGainsHold() {
		assertThat(this.deadLetters.verdicts(Map.of("monolith.public.users.DLT", 7L), Set.of("monolith"))).isEmpty();
		assertThat(this.deadLetters.verdicts(Map.of("monolith.public.users.DLT", 9L), Set.of("monolith")))
			.singleElement()
			.satisfies((v) -> assertThat(v.holds()).isTrue())
			.satisfies((v) -> assertThat(v.connector()).isEqualTo("monolith"))
			.satisfies((v) -> assertThat(v.message()).contains("moved by 2 since the last check (9 in all)"));
		assertThat(this.deadLetters.verdicts(Map.of("monolith.public.users.DLT", 9L), Set.of("monolith")))
			.singleElement()
			.satisfies((v) -> assertThat(v.holds()).isFalse());
	}

	@Test
	void aTopicCreatedSinceCountsFromZeroAndNeedNotBeAConnectors() {
		this.deadLetters.verdicts(Map.of(), Set.of("monolith"));
		assertThat(this.deadLetters.verdicts(Map.of("orders.DLT", 1L), Set.of("monolith"))).singleElement()
			.satisfies((v) -> assertThat(v.holds()).isTrue())
			.satisfies((v) -> assertThat(v.connector()).isNull())
			.satisfies((v) -> assertThat(v.topic()).isEqualTo("orders.DLT"));
	}

}
