package cdcdemo.benchmark.run;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SettingsTests {

	@Test
	void runsEveryPeerByDefault() {
		assertThat(Settings.parse("--tiny").peers()).containsExactly("connect-default", "connect-tuned",
				"connect-tuned-eos", "pg_recvlogical");
	}

	@Test
	void runsTheNamedPeersInSetUpOrder() {
		assertThat(Settings.parse("--peers=pg_recvlogical,cdc-bridge,connect-tuned-eos").peers())
			.containsExactly("connect-tuned-eos", "pg_recvlogical");
	}

	@Test
	void runsNoPeerWithNoPeers() {
		assertThat(Settings.parse("--no-peers").peers()).isEmpty();
		assertThat(Settings.parse("--peers=none").peers()).isEmpty();
		assertThat(Settings.parse("--peers=false").peers()).isEmpty();
	}

	@Test
	void rejectsAnUnknownPeer() {
		assertThatIllegalArgumentException().isThrownBy(() -> Settings.parse("--peers=connect-eos"))
			.withMessageContaining("connect-tuned-eos");
	}

	@Test
	void profilesToAFileInTheWorkingDirectoryOrTheOneGiven() {
		assertThat(Settings.parse("--tiny").profile()).isNull();
		assertThat(Settings.parse("--profile").profile()).isEqualTo(Path.of("cdc-bridge.jfr").toAbsolutePath());
		assertThat(Settings.parse("--profile=/tmp/b.jfr").profile()).isEqualTo(Path.of("/tmp/b.jfr"));
	}

	@Test
	void keepsEachSizesValues() {
		Settings tiny = Settings.parse("--tiny", "--rates=100,200");
		assertThat(tiny.rates()).isEqualTo(List.of(100, 200));
		assertThat(tiny.backlogRows()).isEqualTo(2_000);
		assertThat(tiny.phaseSeconds()).isEqualTo(2);
		assertThat(Settings.parse().rates()).containsExactly(100, 1000, 5000, 10_000);
		assertThat(Settings.parse("--quick").phaseSeconds()).isEqualTo(8);
	}

}
