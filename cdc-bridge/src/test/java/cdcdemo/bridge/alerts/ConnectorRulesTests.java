package cdcdemo.bridge.alerts;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import cdcdemo.bridge.connector.ConnectorInfo;

import static cdcdemo.bridge.alerts.AlertFixtures.T0;
import static cdcdemo.bridge.alerts.AlertFixtures.info;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-connector rules on connector infos as the registry gives them, with the watch's
 * clocks: pure, no servers.
 */
class ConnectorRulesTests {

	private final ConnectorRules rules = new ConnectorRules(AlertFixtures.properties());

	private final ConnectorWatch watch = new ConnectorWatch();

	@Test
	void retainedWalOverTheThresholdHoldsAndSaysHowMuch() {
		Verdict over = verdict(info("monolith", "paused", null, 5_242_880L, null), null, null, T0,
				AlertRule.RETAINED_WAL);
		assertThat(over.holds()).isTrue();
		assertThat(over.message()).contains("monolith", "5,242,880 bytes of WAL (over 1,048,576)");
		Verdict under = verdict(info("monolith", "available", null, 1_000L, null), null, null, T0.plusSeconds(1),
				AlertRule.RETAINED_WAL);
		assertThat(under.holds()).isFalse();
		assertThat(under.message()).contains("1,000 bytes of WAL (threshold 1,048,576)");
	}

	@Test
	void unknownRetainedWalDoesNotHold() {
		assertThat(verdict(info("monolith", "failed", "slot gone", null, null), null, null, T0, AlertRule.RETAINED_WAL)
			.holds()).isFalse();
	}

	@Test
	void aFailedConnectorStaysFailedThroughItsRestartsUntilItStreams() {
		Verdict failed = verdict(info("ledgers", "failed", "the replication slot ledgers is gone", null, null), null,
				null, T0, AlertRule.CONNECTOR_FAILED);
		assertThat(failed.holds()).isTrue();
		assertThat(failed.message()).contains("connector ledgers failed", "the replication slot ledgers is gone");
		assertThat(verdict(info("ledgers", "creating", null, null, null), null, null, T0.plusSeconds(5),
				AlertRule.CONNECTOR_FAILED)
			.holds()).as("restarting").isTrue();
		assertThat(verdict(info("ledgers", "available", null, null, null), null, null, T0.plusSeconds(10),
				AlertRule.CONNECTOR_FAILED)
			.holds()).isFalse();
	}

	@Test
	void aConnectorBeingCreatedHasNotFailed() {
		assertThat(
				verdict(info("new", "creating", null, null, null), null, null, T0, AlertRule.CONNECTOR_FAILED).holds())
			.isFalse();
	}

	@Test
	void walGrowthAlertsOnlyOnceTheWarningHeldForTheConfiguredTime() {
		ConnectorInfo paused = info("monolith", "paused", null, 500_000L, null);
		String growth = "the slot's retained WAL grew in every sample for 5 min";
		assertThat(verdict(paused, growth, null, T0, AlertRule.WAL_GROWING).holds()).isFalse();
		Verdict early = verdict(paused, growth, null, T0.plusSeconds(9 * 60), AlertRule.WAL_GROWING);
		assertThat(early.holds()).isFalse();
		assertThat(early.message()).contains("warning for 9 min, alerts after 10 min");
		Verdict growing = verdict(paused, growth, null, T0.plusSeconds(10 * 60), AlertRule.WAL_GROWING);
		assertThat(growing.holds()).isTrue();
		assertThat(growing.message()).contains("monolith", growth);
		assertThat(verdict(paused, null, null, T0.plusSeconds(11 * 60), AlertRule.WAL_GROWING).holds()).isFalse();
		assertThat(verdict(paused, growth, null, T0.plusSeconds(12 * 60), AlertRule.WAL_GROWING).holds())
			.as("a break in the warning starts the clock again")
			.isFalse();
	}

	@Test
	void anAvailableConnectorWithNeitherEventsNorHeartbeatsIsSilent() {
		ConnectorInfo quiet = info("monolith", "available", null, 0L, null);
		assertThat(verdict(quiet, null, null, T0, AlertRule.SILENT).holds()).isFalse();
		Verdict silent = verdict(quiet, null, null, T0.plusSeconds(10 * 60), AlertRule.SILENT);
		assertThat(silent.holds()).isTrue();
		assertThat(silent.message()).contains("monolith is available but published no event");
	}

	@Test
	void aHeartbeatOrAnEventIsNotSilence() {
		Instant now = T0.plusSeconds(60 * 60);
		verdict(info("monolith", "available", null, 0L, null), null, null, T0, AlertRule.SILENT);
		assertThat(
				verdict(info("monolith", "available", null, 0L, null), null, now.minusSeconds(5), now, AlertRule.SILENT)
					.holds())
			.isFalse();
		assertThat(verdict(info("monolith", "available", null, 0L, now.minusSeconds(60)), null, null, now,
				AlertRule.SILENT)
			.holds()).isFalse();
	}

	@Test
	void aPausedConnectorIsNeverSilent() {
		verdict(info("monolith", "available", null, 0L, null), null, null, T0, AlertRule.SILENT);
		Verdict paused = verdict(info("monolith", "paused", null, 0L, null), null, null, T0.plusSeconds(3600),
				AlertRule.SILENT);
		assertThat(paused.holds()).isFalse();
		assertThat(paused.message()).contains("is paused");
	}

	private Verdict verdict(ConnectorInfo info, String growth, Instant lastHeartbeat, Instant now, AlertRule rule) {
		List<Verdict> verdicts = this.rules.verdicts(info, this.watch.observe(info, growth, lastHeartbeat, now), now);
		assertThat(verdicts).extracting(Verdict::rule)
			.containsExactly(AlertRule.CONNECTOR_FAILED, AlertRule.RETAINED_WAL, AlertRule.WAL_GROWING,
					AlertRule.SILENT);
		return verdicts.stream().filter((v) -> v.rule() == rule).findFirst().orElseThrow();
	}

}
