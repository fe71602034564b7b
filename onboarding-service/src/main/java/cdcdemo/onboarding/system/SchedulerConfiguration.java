package cdcdemo.onboarding.system;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.Task;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The durable scheduler (db-scheduler) that sends the steps of the journeys. Its state is
 * the {@code scheduled_tasks} table, so scheduled steps survive restarts, and every
 * instance of the service polls the same table: a due step is picked by exactly one of
 * them (an optimistic lock on the row).
 * <p>
 * Wired here from the core library rather than by
 * {@code db-scheduler-spring-boot-starter} 16.7.1: that starter is built for Spring Boot
 * 3 (its auto-configuration orders itself after
 * {@code org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration} and its
 * health indicator implements
 * {@code org.springframework.boot.actuate.health.HealthIndicator}, both moved in Boot 4).
 * As the starter does, the scheduler gets a {@link TransactionAwareDataSourceProxy}, so
 * that scheduling and cancelling from a {@code @Transactional} method join that
 * transaction: a change event's schedule changes commit or roll back with the record that
 * the event was processed. Failed attempts are logged by the task's failure handler, in
 * one line.
 * <p>
 * Due steps are picked by priority, then by due time (the index
 * {@code priority_execution_time_idx} serves that order), so that an exit survey never
 * waits behind a backlog of welcomes; see {@code Journeys}.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

	@Bean
	Scheduler scheduler(DataSource dataSource, List<Task<?>> tasks, OnboardingProperties properties) {
		OnboardingProperties.Scheduler settings = properties.scheduler();
		return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
			.schedulerName(new SchedulerName.Fixed(hostName() + "-" + UUID.randomUUID().toString().substring(0, 8)))
			.pollingInterval(settings.pollingInterval())
			.heartbeatInterval(settings.heartbeatInterval())
			.threads(settings.threads())
			.enableImmediateExecution()
			.enablePriority()
			.failureLogging(LogLevel.DEBUG, false)
			.shutdownMaxWait(Duration.ofSeconds(10))
			.build();
	}

	@Bean
	SmartLifecycle schedulerLifecycle(Scheduler scheduler) {
		return new SchedulerLifecycle(scheduler);
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "onboarding";
		}
	}

	/**
	 * Starts the scheduler once the application is ready (the migrations have run) and
	 * stops it, waiting for the emails being sent, when the application stops.
	 */
	static class SchedulerLifecycle implements SmartLifecycle {

		private final Scheduler scheduler;

		private volatile boolean running;

		SchedulerLifecycle(Scheduler scheduler) {
			this.scheduler = scheduler;
		}

		@Override
		public void start() {
			this.scheduler.start();
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
			this.scheduler.stop();
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

	}

}
