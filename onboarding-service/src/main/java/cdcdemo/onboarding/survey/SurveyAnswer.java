package cdcdemo.onboarding.survey;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One answer, as the results page shows it: no name, no address.
 *
 * @param answeredAt when it was given
 * @param reason the reason chosen
 * @param comment the free text, possibly empty
 */
record SurveyAnswer(Instant answeredAt, Reason reason, String comment) {

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	public String answeredAtText() {
		return UTC.format(this.answeredAt);
	}

}
