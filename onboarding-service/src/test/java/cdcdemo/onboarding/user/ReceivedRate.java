package cdcdemo.onboarding.user;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The rate at which emails reached the SMTP server, from its received timestamps
 * (milliseconds): the average over the whole run and the most received in any one second.
 *
 * @param emails how many
 * @param span from the first to the last
 * @param perSecond the average rate, {@code (emails - 1) / span}
 * @param mostInOneSecond the most emails received within any second (a window starting at
 * one of them)
 * @param mostInThreeSeconds the same within any three seconds: an SMTP exchange delayed
 * by a busy machine moves an arrival into the next second, which a longer window absorbs
 */
record ReceivedRate(int emails, Duration span, double perSecond, int mostInOneSecond, int mostInThreeSeconds) {

	static ReceivedRate of(List<Instant> received) {
		List<Instant> sorted = received.stream().sorted().toList();
		if (sorted.size() < 2) {
			throw new IllegalArgumentException("a rate needs two emails at least, got " + sorted.size());
		}
		Duration span = Duration.between(sorted.get(0), sorted.get(sorted.size() - 1));
		double perSecond = (sorted.size() - 1) / Math.max(0.001, span.toMillis() / 1000.0);
		return new ReceivedRate(sorted.size(), span, perSecond, mostWithin(sorted, 1), mostWithin(sorted, 3));
	}

	private static int mostWithin(List<Instant> sorted, int seconds) {
		int most = 0;
		int end = 0;
		for (int start = 0; start < sorted.size(); start++) {
			Instant windowEnd = sorted.get(start).plusSeconds(seconds);
			while (end < sorted.size() && sorted.get(end).isBefore(windowEnd)) {
				end++;
			}
			most = Math.max(most, end - start);
		}
		return most;
	}

	@Override
	public String toString() {
		return "%d emails in %.1f s: %.1f/s on average, at most %d in one second and %d in three".formatted(this.emails,
				this.span.toMillis() / 1000.0, this.perSecond, this.mostInOneSecond, this.mostInThreeSeconds);
	}

}
