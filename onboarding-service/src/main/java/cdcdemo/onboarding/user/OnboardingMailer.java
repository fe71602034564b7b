package cdcdemo.onboarding.user;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.context.MessageSource;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import cdcdemo.onboarding.system.OnboardingProperties;

/**
 * Writes and sends the email of a step: an HTML body with a plain-text alternative, from
 * the templates {@code templates/mail/<step>.html} and {@code <step>.txt}, with the
 * subject {@code mail.<step>.subject} of {@code messages.properties}. Every value is
 * escaped by Thymeleaf in the HTML part. Counts the emails sent per step (metric
 * {@code onboarding.emails.sent}, tag {@code step}). A configured step without its
 * templates or subject stops the application at start-up.
 */
@Component
class OnboardingMailer {

	private final JavaMailSender mailSender;

	private final MessageSource messages;

	private final SpringTemplateEngine templates;

	private final MeterRegistry meters;

	private final String from;

	OnboardingMailer(JavaMailSender mailSender, MessageSource messages, MeterRegistry meters,
			OnboardingProperties properties) {
		this.mailSender = mailSender;
		this.messages = messages;
		this.meters = meters;
		this.from = properties.mail().from();
		this.templates = new SpringTemplateEngine();
		this.templates.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
		this.templates.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
		this.templates.setTemplateEngineMessageSource(messages);
		properties.journey().steps().forEach((step) -> checkTemplates(step.name()));
		checkTemplates(StepRef.EXIT_SURVEY);
	}

	/**
	 * Fails at start-up, rather than at each send, for a configured step without its
	 * templates or subject.
	 */
	private void checkTemplates(String step) {
		for (String template : new String[] { step + ".html", step + ".txt" }) {
			if (getClass().getClassLoader().getResource("templates/mail/" + template) == null) {
				throw new IllegalStateException(
						"Journey step '" + step + "' has no template templates/mail/" + template);
			}
		}
		this.messages.getMessage("mail." + step + ".subject", new Object[] { "" }, Locale.ENGLISH);
	}

	/**
	 * @param step the step, which names the templates and the subject
	 * @param user the recipient
	 * @param variables more values for the templates
	 */
	void send(String step, KnownUser user, Map<String, Object> variables) {
		String name = name(user);
		Context context = new Context(Locale.ENGLISH);
		context.setVariable("firstName", name);
		context.setVariables(variables);
		String subject = this.messages.getMessage("mail." + step + ".subject", new Object[] { name }, Locale.ENGLISH);
		String text = this.templates.process(step + ".txt", context);
		String html = this.templates.process(step + ".html", context);
		MimeMessage message = this.mailSender.createMimeMessage();
		try {
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(this.from);
			helper.setTo(user.email());
			helper.setSubject(subject);
			helper.setText(text, html);
		}
		catch (MessagingException ex) {
			throw new MailPreparationException(ex);
		}
		this.mailSender.send(message);
		Counter.builder("onboarding.emails.sent")
			.description("Emails sent, per step of the journey")
			.tag("step", step)
			.register(this.meters)
			.increment();
	}

	private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/mail/");
		resolver.setTemplateMode(mode);
		resolver.setResolvablePatterns(Set.of(pattern));
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCheckExistence(true);
		resolver.setOrder(order);
		return resolver;
	}

	private static String name(KnownUser user) {
		return (user.firstName() != null && !user.firstName().isBlank()) ? user.firstName() : "there";
	}

}
