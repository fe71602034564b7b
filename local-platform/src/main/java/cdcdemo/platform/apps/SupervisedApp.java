package cdcdemo.platform.apps;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cdcdemo.platform.PlatformProperties.Supervision;

/**
 * One app of the platform, kept running: a process that exits while the platform runs is
 * started again after a back-off, as {@code restart: unless-stopped} does in compose,
 * instead of staying dead without a word. The back-off doubles with each restart and
 * starts again from the beginning once the app stayed up long enough; an app that keeps
 * dying is given up on, with an error in the log, since another restart would most likely
 * only crash again.
 * <p>
 * All state changes happen under this object's lock, and {@link #stop()} sets
 * {@code stopping} under it before it stops the process: a restart either happened before
 * (and its process is the one stopped) or sees the flag and does nothing, so no app is
 * left running after the platform stopped.
 */
final class SupervisedApp {

	/** Where an app stands. */
	enum State {

		/** Launched, not yet reported healthy. */
		STARTING,
		/** Healthy. */
		RUNNING,
		/** Exited; waiting out the back-off before it starts again. */
		RESTARTING,
		/** Exited too often; left down. */
		GAVE_UP,
		/** Stopped with the platform. */
		STOPPED

	}

	private static final Logger log = LoggerFactory.getLogger(SupervisedApp.class);

	private final String name;

	private final Supplier<AppProcess> launcher;

	private final Supervision settings;

	private final Duration startTimeout;

	private final Executor executor;

	private AppProcess current;

	private State state;

	private boolean stopping;

	private int restarts;

	private final Deque<Instant> recentRestarts = new ArrayDeque<>();

	private Duration nextBackOff;

	private Instant healthySince;

	private Integer lastExitCode;

	private Instant lastExitAt;

	/**
	 * @param name the app's name, for the log and the status
	 * @param launcher starts a new process of the app
	 * @param settings the back-off and when to give up
	 * @param startTimeout how long a restarted app may take to become healthy
	 * @param executor runs the restarts and waits for their health
	 */
	SupervisedApp(String name, Supplier<AppProcess> launcher, Supervision settings, Duration startTimeout,
			Executor executor) {
		this.name = name;
		this.launcher = launcher;
		this.settings = settings;
		this.startTimeout = startTimeout;
		this.executor = executor;
	}

	synchronized SupervisedApp start() {
		this.current = this.launcher.get();
		this.state = State.STARTING;
		watch(this.current);
		return this;
	}

	/**
	 * Wait until the current process is healthy.
	 * @param timeout how long to wait
	 * @throws IllegalStateException if it exits first or is not healthy in time
	 */
	void awaitHealthy(Duration timeout) {
		AppProcess process = current();
		process.awaitHealthy(timeout);
		healthy(process);
	}

	private synchronized void healthy(AppProcess process) {
		if (process == this.current && !this.stopping) {
			this.state = State.RUNNING;
			this.healthySince = Instant.now();
		}
	}

	private void watch(AppProcess process) {
		process.onExit().thenAccept((code) -> exited(process, code));
	}

	private void exited(AppProcess process, int code) {
		Duration backOff;
		synchronized (this) {
			if (this.stopping || process != this.current) {
				return;
			}
			Instant now = Instant.now();
			this.lastExitCode = code;
			this.lastExitAt = now;
			boolean stayedUp = this.healthySince != null
					&& Duration.between(this.healthySince, now).compareTo(this.settings.stableAfter()) >= 0;
			this.healthySince = null;
			if (stayedUp || this.nextBackOff == null) {
				this.nextBackOff = this.settings.initialBackOff();
			}
			Instant windowStart = now.minus(this.settings.restartWindow());
			while (!this.recentRestarts.isEmpty() && this.recentRestarts.peekFirst().isBefore(windowStart)) {
				this.recentRestarts.removeFirst();
			}
			if (this.recentRestarts.size() >= this.settings.maxRestarts()) {
				this.state = State.GAVE_UP;
				log.error(
						"{} exited with code {} (pid {}) and stays down: it was already restarted {} times in the last"
								+ " {}. Its last log lines are in {}",
						this.name, code, process.pid(), this.recentRestarts.size(), this.settings.restartWindow(),
						process.log());
				return;
			}
			backOff = this.nextBackOff;
			Duration doubled = this.nextBackOff.multipliedBy(2);
			this.nextBackOff = (doubled.compareTo(this.settings.maxBackOff()) > 0) ? this.settings.maxBackOff()
					: doubled;
			this.state = State.RESTARTING;
			log.warn("{} exited unexpectedly with code {} (pid {}); its last log lines are in {}. Restarting it in {}",
					this.name, code, process.pid(), process.log(), backOff);
		}
		CompletableFuture.delayedExecutor(backOff.toMillis(), TimeUnit.MILLISECONDS, this.executor)
			.execute(this::restart);
	}

	private void restart() {
		AppProcess process;
		synchronized (this) {
			if (this.stopping) {
				return;
			}
			this.restarts++;
			this.recentRestarts.addLast(Instant.now());
			try {
				this.current = this.launcher.get();
			}
			catch (RuntimeException ex) {
				this.state = State.GAVE_UP;
				log.error("{} could not be started again, and stays down", this.name, ex);
				return;
			}
			this.state = State.STARTING;
			process = this.current;
			log.info("{} started again (restart {}, pid {})", this.name, this.restarts, process.pid());
			watch(process);
		}
		try {
			process.awaitHealthy(this.startTimeout);
			healthy(process);
			log.info("{} is healthy again at {}", this.name, process.url());
		}
		catch (IllegalStateException ex) {
			if (process.isAlive()) {
				log.warn("{} was started again but is not healthy: {}", this.name, ex.getMessage());
			}
			// otherwise it exited, which its watch handles
		}
	}

	/**
	 * Stop supervising, then stop the process (SIGTERM, then SIGKILL after 30 seconds).
	 */
	void stop() {
		AppProcess process;
		synchronized (this) {
			this.stopping = true;
			this.state = State.STOPPED;
			process = this.current;
		}
		process.stop();
	}

	String name() {
		return this.name;
	}

	synchronized AppProcess current() {
		return this.current;
	}

	synchronized AppStatus status() {
		return new AppStatus(this.name, this.state.name().toLowerCase(Locale.ROOT).replace('_', '-'),
				this.current.isAlive() ? this.current.pid() : null, this.current.url(),
				(this.state == State.RUNNING) ? this.healthySince : null, this.restarts, this.lastExitCode,
				this.lastExitAt, this.current.log().toString());
	}

}
