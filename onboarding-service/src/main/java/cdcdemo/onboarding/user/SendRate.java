package cdcdemo.onboarding.user;

import java.time.Duration;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

import org.springframework.stereotype.Component;

import cdcdemo.onboarding.system.OnboardingProperties;

/**
 * Keeps the emails of this instance at or under {@code onboarding.mail.max-per-second},
 * the limit of the mail provider, whichever of the scheduler's threads sends them. One
 * permit every {@code 1 / max-per-second} seconds (Resilience4j's {@link RateLimiter}):
 * no burst, so no second ever holds more permits than the limit (plus one at its edge),
 * even after a quiet spell; at the SMTP server the jitter of each exchange can bring a
 * couple of arrivals closer (measured: 10.1 per second on average, at most 11 or 12 in
 * one second, at a limit of 10). A thread waits for its permit before it opens the step's
 * transaction, so the wait holds no row lock and no connection. A bulk import's welcomes
 * are spread this way, and since the scheduler picks an exit survey before them, a survey
 * waits at most for the few steps already picked.
 */
@Component
class SendRate {

	/**
	 * Longer than any wait a handful of threads can cause; a step not sent by then is
	 * retried by the scheduler.
	 */
	private static final Duration LONGEST_WAIT = Duration.ofMinutes(1);

	private final RateLimiter limiter;

	SendRate(OnboardingProperties properties) {
		double perSecond = properties.mail().maxPerSecond();
		this.limiter = RateLimiter.of("onboarding-mail",
				RateLimiterConfig.custom()
					.limitForPeriod(1)
					.limitRefreshPeriod(Duration.ofNanos(Math.max(1, Math.round(1_000_000_000 / perSecond))))
					.timeoutDuration(LONGEST_WAIT)
					.build());
	}

	/**
	 * Waits for the right to send one email.
	 * @throws IllegalStateException if it did not come within a minute
	 */
	void acquire() {
		if (!this.limiter.acquirePermission()) {
			throw new IllegalStateException(
					"no permit to send within " + LONGEST_WAIT + " (onboarding.mail.max-per-second)");
		}
	}

}
