package cdcdemo.onboarding.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the onboarding service.
 *
 * @param topic the topic carrying the change events of the users table
 * @param mail how the emails are sent
 * @param retry how long a failing event (SMTP down, database down) is retried before it goes to the dead-letter
 * topic
 */
@ConfigurationProperties("onboarding")
public record OnboardingProperties(@DefaultValue("monolith.public.users") String topic, @DefaultValue Mail mail,
		@DefaultValue Retry retry) {

	/**
	 * @param from the sender address of every email
	 */
	public record Mail(@DefaultValue("onboarding@example.com") String from) {
	}

	/**
	 * @param initialInterval the wait before the first retry; it doubles with each retry, up to {@code maxInterval}
	 * @param maxInterval the longest wait between two retries
	 * @param maxElapsedTime how long to keep retrying one event before giving up on it
	 */
	public record Retry(@DefaultValue("1s") Duration initialInterval, @DefaultValue("10s") Duration maxInterval,
			@DefaultValue("1m") Duration maxElapsedTime) {
	}

}
