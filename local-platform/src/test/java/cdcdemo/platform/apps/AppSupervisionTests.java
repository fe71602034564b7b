package cdcdemo.platform.apps;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import cdcdemo.platform.FreePort;
import cdcdemo.platform.PlatformProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The supervisor on real child JVMs: an app killed with SIGKILL comes back healthy and
 * the restart is counted, an app that keeps dying is given up on, and stopping the
 * platform while a restart is due leaves no process behind. The child is
 * {@link HealthyApp}, run from an executable jar laid out where the platform looks for
 * one.
 */
@Tag("system")
@ExtendWith(OutputCaptureExtension.class)
class AppSupervisionTests {

	private static final String MODULE = "healthy-app";

	@TempDir
	Path dir;

	private PlatformApps platform;

	private Path home;

	@BeforeEach
	void layOutTheJar() throws IOException, URISyntaxException {
		this.home = this.dir.resolve("home");
		Path target = Files.createDirectories(this.home.resolve(MODULE).resolve("target"));
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, HealthyApp.class.getName());
		manifest.getMainAttributes()
			.put(Attributes.Name.CLASS_PATH,
					Path.of(HealthyApp.class.getProtectionDomain().getCodeSource().getLocation().toURI())
						.toUri()
						.toString());
		try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(target.resolve(MODULE + "-exec.jar")),
				manifest)) {
			// the manifest is all it needs
		}
	}

	@AfterEach
	void stop() {
		if (this.platform != null) {
			this.platform.close();
		}
	}

	@Test
	void restartsAnAppKilledWithSigkillAndCountsTheRestart() {
		this.platform = PlatformApps.empty(properties(new PlatformProperties.Supervision(Duration.ofMillis(200),
				Duration.ofSeconds(2), Duration.ofMinutes(1), 5, Duration.ofMinutes(10))));
		SupervisedApp app = this.platform.supervise(MODULE, launcher(Map.of()));
		app.awaitHealthy(Duration.ofSeconds(60));
		AppProcess first = this.platform.app(MODULE);
		assertThat(this.platform.statuses()).singleElement().satisfies((status) -> {
			assertThat(status.state()).isEqualTo("running");
			assertThat(status.restarts()).isZero();
			assertThat(status.lastExitCode()).isNull();
		});

		first.kill();

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.platform.statuses()).singleElement().satisfies((status) -> {
				assertThat(status.state()).isEqualTo("running");
				assertThat(status.restarts()).isEqualTo(1);
			}));
		AppProcess second = this.platform.app(MODULE);
		assertThat(second.pid()).isNotEqualTo(first.pid());
		assertThat(first.isAlive()).isFalse();
		second.awaitHealthy(Duration.ofSeconds(5));
		AppStatus status = this.platform.statuses().get(0);
		assertThat(status.lastExitCode()).as("128 + SIGKILL").isEqualTo(137);
		assertThat(status.pid()).isEqualTo(second.pid());
		assertThat(JsonMapper.builder().build().writeValueAsString(status)).contains("\"state\":\"running\"",
				"\"restarts\":1", "\"lastExitCode\":137");

		this.platform.close();
		assertThat(second.isAlive()).isFalse();
		assertThat(this.platform.statuses().get(0).state()).isEqualTo("stopped");
		assertThat(appProcessesLeft()).isEmpty();
	}

	@Test
	void givesUpOnAnAppThatKeepsDying(CapturedOutput output) {
		this.platform = PlatformApps.empty(properties(new PlatformProperties.Supervision(Duration.ofMillis(50),
				Duration.ofMillis(200), Duration.ofMinutes(1), 3, Duration.ofMinutes(10))));
		AtomicInteger launches = new AtomicInteger();
		SupervisedApp app = this.platform.supervise(MODULE,
				() -> launcher((launches.getAndIncrement() == 0) ? Map.of() : Map.of("EXIT_AT_ONCE", "3")).get());
		app.awaitHealthy(Duration.ofSeconds(60));

		this.platform.app(MODULE).kill();

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.platform.statuses()).singleElement().satisfies((status) -> {
				assertThat(status.state()).isEqualTo("gave-up");
				assertThat(status.restarts()).isEqualTo(3);
				assertThat(status.lastExitCode()).isEqualTo(3);
				assertThat(status.pid()).isNull();
			}));
		assertThat(launches).hasValue(4);
		assertThat(output).contains("exited unexpectedly with code 137", "exited with code 3", "stays down",
				"already restarted 3 times");
	}

	@Test
	void doublesTheBackOffForAnAppThatDiesAgainSoonAndStartsAfreshOnceItStayedUp(CapturedOutput output) {
		this.platform = PlatformApps.empty(properties(new PlatformProperties.Supervision(Duration.ofMillis(100),
				Duration.ofSeconds(5), Duration.ofSeconds(2), 10, Duration.ofMinutes(10))));
		SupervisedApp app = this.platform.supervise(MODULE, launcher(Map.of()));
		app.awaitHealthy(Duration.ofSeconds(60));

		killAndAwaitRestart(1);
		killAndAwaitRestart(2);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Duration.between(this.platform.statuses().get(0).healthySince(), Instant.now())
				.compareTo(Duration.ofSeconds(2)) > 0);
		killAndAwaitRestart(3);

		assertThat(output.getOut()
			.lines()
			.filter((line) -> line.contains("Restarting it in"))
			.map((line) -> line.substring(line.indexOf("Restarting it in"))))
			.containsExactly("Restarting it in PT0.1S", "Restarting it in PT0.2S", "Restarting it in PT0.1S");
	}

	private void killAndAwaitRestart(int restarts) {
		this.platform.app(MODULE).kill();
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.platform.statuses()).singleElement().satisfies((status) -> {
				assertThat(status.state()).isEqualTo("running");
				assertThat(status.restarts()).isEqualTo(restarts);
				assertThat(status.healthySince()).isNotNull();
			}));
	}

	@Test
	void stoppingWhileARestartIsDueLeavesNoProcess() {
		this.platform = PlatformApps.empty(properties(new PlatformProperties.Supervision(Duration.ofMillis(300),
				Duration.ofSeconds(1), Duration.ofMinutes(1), 5, Duration.ofMinutes(10))));
		SupervisedApp app = this.platform.supervise(MODULE, launcher(Map.of()));
		app.awaitHealthy(Duration.ofSeconds(60));

		this.platform.app(MODULE).kill();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.platform.statuses().get(0).state().equals("restarting"));
		this.platform.close();

		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(appProcessesLeft()).as("a restart after the stop").isEmpty());
		assertThat(this.platform.statuses().get(0).state()).isEqualTo("stopped");
	}

	private java.util.function.Supplier<AppProcess> launcher(Map<String, String> env) {
		int port = FreePort.orAny(0);
		Path logs = this.dir.resolve("logs");
		return () -> AppProcess.start(this.home, MODULE, port, env, "-Xmx32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1",
				logs);
	}

	private PlatformProperties properties(PlatformProperties.Supervision supervision) {
		return new PlatformProperties(this.dir.toString(), this.home.toString(), 0, 0, 0, 0,
				new PlatformProperties.Apps(true, 0, 0, 0, 0, 0), Duration.ofSeconds(60), "", "", supervision, true);
	}

	private List<ProcessHandle> appProcessesLeft() {
		return ProcessHandle.current()
			.descendants()
			.filter(ProcessHandle::isAlive)
			.filter((process) -> process.info().commandLine().orElse("").contains(MODULE + "-exec.jar"))
			.toList();
	}

}
