package cdcdemo.onboarding.survey;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The exit survey's link.
 *
 * @param validFor how long after its email a link takes an answer; afterwards it shows
 * that it has expired (410). The link needs no account: it is its own credential, 128
 * random bits known only to the database and the email, and this bounds how long a
 * forwarded or leaked email can be used.
 */
@ConfigurationProperties("onboarding.survey")
record SurveyProperties(@DefaultValue("30d") Duration validFor) {
}
