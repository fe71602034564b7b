package cdcdemo.bridge.connector;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import cdcdemo.bridge.connector.engine.ConnectorRuntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The connectors' health: DOWN beats the WAL warning, and the warning names the retained
 * bytes and the threshold.
 */
class ConnectorHealthIndicatorTests {

	private final ConnectorRegistry registry = mock(ConnectorRegistry.class);

	private final PublicationDrifts drifts = new PublicationDrifts();

	private final ConnectorHealthIndicator indicator = new ConnectorHealthIndicator(this.registry,
			new ConnectorProperties("monolith", null, List.of(), List.of(), "publication", "offsets", "definitions",
					"signals", 1000, "exactly-once", Duration.ofMillis(20), Duration.ofSeconds(5),
					Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(10), null, null, null),
			this.drifts,
			new WalTrends(new WalGrowthProperties(Duration.ofMinutes(5), Duration.ofHours(1)), Duration.ofSeconds(30)));

	@Test
	void isUpWhileTheSlotHoldsBackLittleWal() {
		connector(ConnectorRuntime.State.AVAILABLE, 1000L);
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void warnsWithTheByteCountWhenTheSlotHoldsBackMoreWalThanTheThreshold() {
		connector(ConnectorRuntime.State.PAUSED, 4096L);
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(ConnectorHealthIndicator.WARNING);
		assertThat(health.getDetails().get("monolith")).asString()
			.isEqualTo("paused; its slot holds back 4096 bytes of WAL (warning above 1000)");
	}

	@Test
	void warnsOfAColumnThePublicationDoesNotSendUntilItsOwnerAltersIt() {
		connector(ConnectorRuntime.State.AVAILABLE, 10L);
		this.drifts.replaceOpen("monolith", List.of(new PublicationDrift("public.users", List.of("phone"), false,
				"BEGIN; ...; COMMIT;", java.time.Instant.now(), null)));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(ConnectorHealthIndicator.WARNING);
		assertThat(health.getDetails().get("monolith")).asString()
			.isEqualTo("available; not published: public.users.phone (its info has the statement for the "
					+ "publication's owner)");
		this.drifts.replaceOpen("monolith", List.of());
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void isDownWhenAConnectorFailedWhateverTheWal() {
		connector(ConnectorRuntime.State.FAILED, 4096L);
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void saysNothingOfWalThatCannotBeMeasured() {
		connector(ConnectorRuntime.State.AVAILABLE, null);
		assertThat(this.indicator.health().getDetails()).containsEntry("monolith", "available");
	}

	private void connector(ConnectorRuntime.State state, Long retainedWalBytes) {
		given(this.registry.names()).willReturn(Set.of("monolith"));
		given(this.registry.status("monolith")).willReturn(new ConnectorRuntime.Status(state, null));
		given(this.registry.retainedWalBytes("monolith")).willReturn(retainedWalBytes);
	}

}
