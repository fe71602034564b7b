package cdcdemo.bridge.system;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bound on the shutdown: the halt comes once the deadline has passed after the
 * shutdown started, once however often it is started, and never before it is.
 */
class ShutdownDeadlineTests {

	@Test
	void haltsOnceWhenTheShutdownOutlastsItsDeadline() {
		AtomicInteger halts = new AtomicInteger();
		ShutdownDeadline deadline = new ShutdownDeadline(Duration.ofMillis(300), halts::incrementAndGet);
		long started = System.nanoTime();
		deadline.start();
		deadline.start();

		await().atMost(Duration.ofSeconds(5)).until(() -> halts.get() == 1);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> halts.get() == 1);
	}

	@Test
	void waitsForTheShutdownToStart() {
		AtomicInteger halts = new AtomicInteger();
		new ShutdownDeadline(Duration.ofMillis(50), halts::incrementAndGet);

		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> halts.get() == 0);
	}

}
