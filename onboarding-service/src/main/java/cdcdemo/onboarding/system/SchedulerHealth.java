package cdcdemo.onboarding.system;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerState;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of the scheduler that sends the steps ({@code /actuator/health/scheduler}): down
 * while it is not running (not started yet, or shutting down), with the number of steps
 * being sent right now. An SMTP outage does not make it unhealthy: the steps are retried.
 */
@Component("schedulerHealthIndicator")
class SchedulerHealth implements HealthIndicator {

	private final Scheduler scheduler;

	SchedulerHealth(Scheduler scheduler) {
		this.scheduler = scheduler;
	}

	@Override
	public Health health() {
		SchedulerState state = this.scheduler.getSchedulerState();
		Health.Builder health = (state.isStarted() && !state.isShuttingDown()) ? Health.up() : Health.down();
		return health.withDetail("started", state.isStarted())
			.withDetail("shuttingDown", state.isShuttingDown())
			.withDetail("executing", this.scheduler.getCurrentlyExecuting().size())
			.build();
	}

}
