package cdcdemo.bridge.alerts;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Tells a transition by email (the platform's SMTP, {@code spring.mail.*}) and to each
 * webhook (its JSON, posted). A channel that fails is logged and named in the answer,
 * never thrown: the checks go on, and the history shows what did not get through. Short
 * timeouts, as the checks share the scheduler's thread with the bridge's other samplers.
 * A webhook is named by its host and port only, since webhook URLs often carry a token in
 * their path and the history is a viewer's to read.
 */
@Component
class AlertSender {

	private static final Logger log = LoggerFactory.getLogger(AlertSender.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final AlertsProperties properties;

	private final ObjectProvider<JavaMailSender> mail;

	private final JsonMapper json;

	private final RestClient webhooks;

	AlertSender(AlertsProperties properties, ObjectProvider<JavaMailSender> mail, JsonMapper json) {
		this.properties = properties;
		this.mail = mail;
		this.json = json;
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				java.net.http.HttpClient.newBuilder().connectTimeout(TIMEOUT).build());
		requests.setReadTimeout(TIMEOUT);
		this.webhooks = RestClient.builder().requestFactory(requests).build();
	}

	/**
	 * @param transition what fired or resolved
	 * @return {@code sent: ...}, {@code failed: ...} (with what was sent, if anything
	 * was) or {@code none: ...}
	 */
	String send(AlertTransition transition) {
		List<String> sent = new ArrayList<>();
		List<String> failed = new ArrayList<>();
		List<String> to = this.properties.email().to();
		if (!to.isEmpty()) {
			String channel = "email to " + String.join(", ", to);
			try {
				email(transition, to);
				sent.add(channel);
			}
			catch (RuntimeException ex) {
				log.warn("Alert {} {} for {}: the {} failed: {}", transition.rule(), transition.state(),
						transition.subject(), channel, ex.getMessage());
				failed.add(channel + ": " + ex.getMessage());
			}
		}
		for (URI url : this.properties.webhooks()) {
			String channel = "webhook " + url.getHost() + ((url.getPort() != -1) ? ":" + url.getPort() : "");
			try {
				this.webhooks.post()
					.uri(url)
					.contentType(MediaType.APPLICATION_JSON)
					.body(this.json.writeValueAsBytes(transition))
					.retrieve()
					.toBodilessEntity();
				sent.add(channel);
			}
			catch (RuntimeException ex) {
				log.warn("Alert {} {} for {}: the {} failed: {}", transition.rule(), transition.state(),
						transition.subject(), channel, ex.getMessage());
				failed.add(channel + ": " + ex.getMessage());
			}
		}
		if (!failed.isEmpty()) {
			return "failed: " + String.join("; ", failed)
					+ (sent.isEmpty() ? "" : " (sent: " + String.join(", ", sent) + ")");
		}
		return sent.isEmpty() ? "none: no email recipient or webhook is configured"
				: "sent: " + String.join(", ", sent);
	}

	private void email(AlertTransition transition, List<String> to) {
		JavaMailSender sender = this.mail.getIfAvailable();
		if (sender == null) {
			throw new IllegalStateException("no SMTP server is configured (spring.mail.host)");
		}
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.properties.email().from());
		message.setTo(to.toArray(String[]::new));
		message.setSubject("[cdc-bridge] " + transition.state().toUpperCase(java.util.Locale.ROOT) + " "
				+ transition.rule() + ": " + transition.subject());
		message.setText(transition.message() + "\n\nRule: " + transition.rule() + "\nState: " + transition.state()
				+ "\nAt: " + transition.at()
				+ "\n\nThe bridge's page lists the alerts firing and their history (GET /api/alerts too).\n");
		sender.send(message);
	}

}
