package cdcdemo.faults;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import cdcdemo.platform.mail.MailCatcher;

/**
 * The emails the mail catcher holds for a scenario's users, counted per user and step
 * (told apart by their subjects, from onboarding-service's {@code messages.properties}).
 *
 * @param counts user id to step to the number of emails
 */
record SentMail(Map<Long, Map<String, Integer>> counts) {

	static final String WELCOME = "welcome";

	static final String TIPS = "tips";

	static final String CHECK_IN = "check-in";

	static final String EXIT_SURVEY = "exit-survey";

	static SentMail of(MailCatcher mail, Set<Long> userIds) {
		Map<Long, Map<String, Integer>> counts = new HashMap<>();
		for (MimeMessage message : mail.messages()) {
			try {
				for (Address recipient : message.getAllRecipients()) {
					Long userId = userId(((InternetAddress) recipient).getAddress());
					if (userId != null && userIds.contains(userId)) {
						counts.computeIfAbsent(userId, (id) -> new HashMap<>())
							.merge(step(message.getSubject()), 1, Integer::sum);
					}
				}
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return new SentMail(counts);
	}

	private static Long userId(String address) {
		if (address.startsWith("fault-") && address.endsWith("@example.com")) {
			return Long.valueOf(address.substring("fault-".length(), address.indexOf('@')));
		}
		return null;
	}

	private static String step(String subject) {
		if (subject.startsWith("Welcome")) {
			return WELCOME;
		}
		if (subject.startsWith("Three tips")) {
			return TIPS;
		}
		if (subject.startsWith("How is it going")) {
			return CHECK_IN;
		}
		if (subject.startsWith("We're sorry to see you go")) {
			return EXIT_SURVEY;
		}
		return subject;
	}

	int count(long userId, String step) {
		return this.counts.getOrDefault(userId, Map.of()).getOrDefault(step, 0);
	}

	/**
	 * @return every email of the given users and steps arrived at least once
	 */
	boolean all(Set<Long> userIds, String... steps) {
		return missing(userIds, steps) == 0;
	}

	long missing(Set<Long> userIds, String... steps) {
		long missing = 0;
		for (long userId : userIds) {
			for (String step : steps) {
				if (count(userId, step) == 0) {
					missing++;
				}
			}
		}
		return missing;
	}

	int total() {
		return this.counts.values()
			.stream()
			.flatMap((steps) -> steps.values().stream())
			.mapToInt(Integer::intValue)
			.sum();
	}

	/**
	 * @return emails beyond the first of the same user and step
	 */
	int duplicates() {
		return this.counts.values()
			.stream()
			.flatMap((steps) -> steps.values().stream())
			.mapToInt((count) -> Math.max(0, count - 1))
			.sum();
	}

}
