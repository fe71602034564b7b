package cdcdemo.onboarding.system;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the onboarding service.
 *
 * @param topic the topic carrying the change events of the users table
 * @param consumers how many consumers this instance runs in the group
 * ({@code ONBOARDING_CONSUMERS}), each on a thread of its own owning some of the topic's
 * partitions: as many as the topic has partitions at most, since Kafka gives a partition
 * to one consumer of a group only and a consumer beyond the partition count (of all
 * instances together) sits idle, owning none, until another leaves
 * @param publicUrl the address people reach this service at, used in the links of the
 * emails; when blank, {@code http://localhost:<port>}
 * @param mail how the emails are sent
 * @param retry how long a failing event (database down) is retried before it goes to the
 * dead-letter topic
 * @param journey the onboarding journey of a new user
 * @param delivery how an email that cannot be sent (SMTP down) is retried
 * @param scheduler how the durable scheduler looks for due steps
 */
@ConfigurationProperties("onboarding")
public record OnboardingProperties(@DefaultValue("monolith.public.users") String topic,
		@DefaultValue("1") int consumers, @DefaultValue("") String publicUrl, @DefaultValue Mail mail,
		@DefaultValue Retry retry, @DefaultValue Journey journey, @DefaultValue Delivery delivery,
		@DefaultValue Scheduler scheduler) {

	public OnboardingProperties {
		if (consumers < 1) {
			throw new IllegalArgumentException("onboarding.consumers must be at least 1, was " + consumers);
		}
	}

	/**
	 * @param from the sender address of every email
	 * @param maxPerSecond the most emails one instance sends per second, shared by the
	 * scheduler's threads: the limit of the mail provider (divided by the number of
	 * instances when several run)
	 */
	public record Mail(@DefaultValue("onboarding@example.com") String from, @DefaultValue("20") double maxPerSecond) {

		public Mail {
			if (!(maxPerSecond > 0)) {
				throw new IllegalArgumentException(
						"onboarding.mail.max-per-second must be positive, was " + maxPerSecond);
			}
		}

	}

	/**
	 * @param initialInterval the wait before the first retry; it doubles with each retry,
	 * up to {@code maxInterval}
	 * @param maxInterval the longest wait between two retries
	 * @param maxElapsedTime how long to keep retrying one event before giving up on it
	 */
	public record Retry(@DefaultValue("1s") Duration initialInterval, @DefaultValue("10s") Duration maxInterval,
			@DefaultValue("1m") Duration maxElapsedTime) {
	}

	/**
	 * The emails a new user gets, each {@code after} its delay from the moment the
	 * service learns of the user.
	 *
	 * @param timeScale how many times faster than real time the delays run: {@code 1} for
	 * real days, {@code 1440} to make a day last a minute in a demo
	 * @param steps the steps, each with a template {@code templates/mail/<name>.html} and
	 * {@code .txt} and a subject {@code mail.<name>.subject} in
	 * {@code messages.properties}
	 * @param bulkImportSize a transaction of the monolith that creates more users than
	 * this is a bulk import: the journeys of its further users are sent after every other
	 * due step, so that its backlog delays nobody else
	 */
	public record Journey(@DefaultValue("1") double timeScale, @DefaultValue List<Step> steps,
			@DefaultValue("100") int bulkImportSize) {

		public Journey {
			if (!(timeScale > 0)) {
				throw new IllegalArgumentException("onboarding.journey.time-scale must be positive, was " + timeScale);
			}
			steps = (steps == null || steps.isEmpty()) ? List.of(new Step("welcome", Duration.ZERO))
					: List.copyOf(steps);
		}

		/**
		 * @param after a delay at real speed
		 * @return the delay at this time scale
		 */
		public Duration scaled(Duration after) {
			return Duration.ofMillis(Math.round(after.toMillis() / this.timeScale));
		}

	}

	/**
	 * @param name the step's name, also the name of its templates
	 * @param after the delay after the user was created, at real speed
	 */
	public record Step(String name, @DefaultValue("0s") Duration after) {
	}

	/**
	 * @param initialInterval the wait before sending a failed email again; it doubles
	 * with each failure, up to {@code maxInterval}
	 * @param maxInterval the longest wait between two attempts
	 * @param maxAttempts after this many failed attempts the step is marked failed and no
	 * longer tried
	 */
	public record Delivery(@DefaultValue("1s") Duration initialInterval, @DefaultValue("1m") Duration maxInterval,
			@DefaultValue("200") int maxAttempts) {
	}

	/**
	 * @param pollingInterval how often each instance looks for due steps in the database
	 * @param threads how many emails one instance sends at once
	 * @param heartbeatInterval how often an instance says it is still working on a step;
	 * a step whose instance stopped saying so is picked up by another
	 */
	public record Scheduler(@DefaultValue("1s") Duration pollingInterval, @DefaultValue("4") int threads,
			@DefaultValue("5s") Duration heartbeatInterval) {
	}

}
