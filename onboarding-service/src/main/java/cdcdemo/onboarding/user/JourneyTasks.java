package cdcdemo.onboarding.user;

import java.time.Duration;
import java.time.Instant;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import cdcdemo.onboarding.system.OnboardingProperties;

/**
 * The scheduler task that sends journey steps. A failed attempt (typically the SMTP
 * server being down) is tried again after a growing wait, so an outage delays the emails
 * without losing them or blocking the consumption of change events; after
 * {@code onboarding.delivery.max-attempts} the step is marked failed.
 */
@Configuration(proxyBeanMethods = false)
class JourneyTasks {

	@Bean
	OneTimeTask<Void> journeyStepTask(JourneyStepSender sender, JourneySteps steps, OnboardingProperties properties) {
		return Tasks.oneTime(StepRef.TASK)
			.onFailure(new DeliveryBackOff(steps, properties.delivery()))
			.execute((instance, context) -> sender.send(StepRef.parse(instance.getId())));
	}

	/**
	 * Reschedules a failed step after {@code initialInterval * 2^(attempts - 1)}, at most
	 * {@code maxInterval}, and notes the attempt on the step for the dashboard.
	 */
	static class DeliveryBackOff implements FailureHandler<Void> {

		private static final Logger log = LoggerFactory.getLogger(DeliveryBackOff.class);

		private final JourneySteps steps;

		private final OnboardingProperties.Delivery delivery;

		DeliveryBackOff(JourneySteps steps, OnboardingProperties.Delivery delivery) {
			this.steps = steps;
			this.delivery = delivery;
		}

		@Override
		public void onFailure(ExecutionComplete complete, ExecutionOperations<Void> operations) {
			StepRef step = StepRef.parse(complete.getExecution().taskInstance.getId());
			int attempts = complete.getExecution().consecutiveFailures + 1;
			String error = complete.getCause()
				.map((cause) -> NestedExceptionUtils.getMostSpecificCause(cause).toString())
				.orElse("unknown error");
			if (attempts >= this.delivery.maxAttempts()) {
				log.error("Giving up on step {} of user {} after {} attempts: {}", step.step(), step.userId(), attempts,
						error);
				operations.remove();
				this.steps.finish(step, StepState.FAILED, error);
				return;
			}
			Instant next = complete.getTimeDone().plus(wait(attempts));
			log.warn("Sending step {} to user {} failed (attempt {}), next attempt at {}: {}", step.step(),
					step.userId(), attempts, next, error);
			operations.reschedule(complete, next);
			this.steps.recordFailure(step, attempts, error, next);
		}

		Duration wait(int attempts) {
			long factor = 1L << Math.min(attempts - 1, 20);
			Duration wait = this.delivery.initialInterval().multipliedBy(factor);
			return (wait.compareTo(this.delivery.maxInterval()) > 0) ? this.delivery.maxInterval() : wait;
		}

	}

}
