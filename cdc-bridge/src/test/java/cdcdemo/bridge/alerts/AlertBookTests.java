package cdcdemo.bridge.alerts;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static cdcdemo.bridge.alerts.AlertFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** Transitions, not checks: an alert is told when it fires and when it resolves, once. */
class AlertBookTests {

	private static final Set<AlertRule> ALL = EnumSet.allOf(AlertRule.class);

	private final AlertBook book = new AlertBook();

	@Test
	void anAlertFiresOnceAndResolvesOnce() {
		assertThat(this.book.apply(List.of(wal(true, "5 MB")), ALL, T0)).singleElement()
			.satisfies((t) -> assertThat(t.state()).isEqualTo("fired"))
			.satisfies((t) -> assertThat(t.message()).isEqualTo("5 MB"));
		assertThat(this.book.apply(List.of(wal(true, "6 MB")), ALL, T0.plusSeconds(1))).isEmpty();
		assertThat(this.book.firing()).singleElement()
			.satisfies((a) -> assertThat(a.message()).as("kept up to date").isEqualTo("6 MB"))
			.satisfies((a) -> assertThat(a.since()).isEqualTo(T0));
		assertThat(this.book.apply(List.of(wal(false, "1 kB")), ALL, T0.plusSeconds(2))).singleElement()
			.satisfies((t) -> assertThat(t.state()).isEqualTo("resolved"))
			.satisfies((t) -> assertThat(t.message()).isEqualTo("1 kB"));
		assertThat(this.book.apply(List.of(wal(false, "1 kB")), ALL, T0.plusSeconds(3))).isEmpty();
		assertThat(this.book.firing()).isEmpty();
	}

	@Test
	void anAlertOfAConnectorThatIsGoneResolves() {
		this.book.apply(List.of(wal(true, "5 MB")), ALL, T0);
		assertThat(this.book.apply(List.of(), ALL, T0.plusSeconds(1))).singleElement()
			.satisfies((t) -> assertThat(t.state()).isEqualTo("resolved"))
			.satisfies((t) -> assertThat(t.message()).isEqualTo("connector monolith is gone"));
	}

	@Test
	void anAlertOfARuleThatCouldNotBeCheckedStaysAsItWas() {
		this.book.apply(List.of(new Verdict(AlertRule.DEAD_LETTERS, null, "orders.DLT", true, "new")), ALL, T0);
		assertThat(this.book.apply(List.of(), EnumSet.of(AlertRule.RETAINED_WAL), T0.plusSeconds(1))).isEmpty();
		assertThat(this.book.firing()).extracting(FiringAlert::topic).containsExactly("orders.DLT");
	}

	@Test
	void theHistoryKeepsTheLatestTransitionsNewestFirst() {
		for (int i = 0; i < AlertBook.HISTORY + 10; i++) {
			for (AlertTransition t : this.book.apply(List.of(wal(i % 2 == 0, "check " + i)), ALL, T0.plusSeconds(i))) {
				this.book.remember(t.delivered("sent: test"));
			}
		}
		List<AlertTransition> history = this.book.history();
		assertThat(history).hasSize(AlertBook.HISTORY);
		assertThat(history.get(0).message()).isEqualTo("check " + (AlertBook.HISTORY + 9));
		assertThat(history.get(0).delivery()).isEqualTo("sent: test");
	}

	private static Verdict wal(boolean holds, String message) {
		return Verdict.of(AlertRule.RETAINED_WAL, "monolith", holds, message);
	}

}
