package cdcdemo.bridge.system;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound on the bridge process's shutdown, whatever is down. Each part of the shutdown
 * has its own bound (a connector's engine, the Kafka clients' close), but a Kafka client
 * left waiting for a broker that is gone can still hold the JVM past the orchestrator's
 * grace period (compose, Kubernetes and the embedded platform kill after it), and the
 * fault suite saw a stop with Kafka down take 30 s once in several runs. When the JVM
 * starts shutting down (SIGTERM), a JVM shutdown hook starts a clock on a daemon thread;
 * if the JVM is still alive when the deadline (12 s) has passed, it logs every thread's
 * stack (so the part that did not stop can be found and bounded) and halts the JVM with
 * status 1. Everything the bridge must keep is in Kafka and PostgreSQL by then: the
 * engine has committed its position or stopped without one, and a change not acknowledged
 * is sent again at the next start.
 * <p>
 * Armed by {@code BridgeApplication.main} only, never by a test's application context: a
 * context that closes inside a test JVM must not halt it.
 */
public final class ShutdownDeadline {

	/** How long the shutdown may take, under the 15 s the platform promises. */
	public static final Duration DEADLINE = Duration.ofSeconds(12);

	private static final Logger log = LoggerFactory.getLogger(ShutdownDeadline.class);

	private final Duration deadline;

	private final Runnable halt;

	private ScheduledExecutorService clock;

	ShutdownDeadline(Duration deadline, Runnable halt) {
		this.deadline = deadline;
		this.halt = halt;
	}

	/**
	 * Bound this process's shutdown to {@link #DEADLINE}.
	 */
	public static void arm() {
		ShutdownDeadline deadline = new ShutdownDeadline(DEADLINE, () -> Runtime.getRuntime().halt(1));
		Runtime.getRuntime().addShutdownHook(new Thread(deadline::start, "shutdown-deadline-hook"));
	}

	/**
	 * Start the clock: the halt comes once the deadline has passed, unless the JVM is
	 * gone by then.
	 */
	synchronized void start() {
		if (this.clock != null) {
			return;
		}
		this.clock = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "shutdown-deadline");
			thread.setDaemon(true);
			return thread;
		});
		this.clock.schedule(this::expire, this.deadline.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void expire() {
		StringBuilder threads = new StringBuilder();
		for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
			threads.append('\n')
				.append('"')
				.append(entry.getKey().getName())
				.append("\" ")
				.append(entry.getKey().getState());
			for (StackTraceElement frame : entry.getValue()) {
				threads.append("\n\tat ").append(frame);
			}
		}
		log.error("The shutdown took more than {}: halting. The threads still running:{}", this.deadline, threads);
		this.halt.run();
	}

}
