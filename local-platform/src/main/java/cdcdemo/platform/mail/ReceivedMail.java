package cdcdemo.platform.mail;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * A caught message, as the mail page and the tests look at it.
 *
 * @param number its position in arrival order, from 1
 * @param received when it arrived
 * @param from the sender
 * @param to the recipients
 * @param subject the subject
 * @param text the plain-text body (or the HTML one when there is no plain text)
 * @param html the HTML body, if any
 */
public record ReceivedMail(int number, Instant received, String from, String to, String subject, String text,
		String html) {

	static ReceivedMail of(int number, MimeMessage message) {
		try {
			Date received = Optional.ofNullable(message.getReceivedDate()).orElse(message.getSentDate());
			String html = part(message, "text/html");
			String text = part(message, "text/plain");
			return new ReceivedMail(number, (received != null) ? received.toInstant() : null,
					addresses(message.getFrom()), addresses(message.getAllRecipients()), message.getSubject(),
					(text != null) ? text : html, html);
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException("unreadable message " + number, ex);
		}
	}

	private static String addresses(Address[] addresses) {
		return (addresses != null) ? Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "))
				: "";
	}

	/**
	 * The first part of a message with a given type, as text.
	 * @param message a message or one of its parts
	 * @param mimeType e.g. {@code text/plain}
	 * @return the part's text, or {@code null} if the message has no such part
	 */
	public static String textOf(Part message, String mimeType) {
		try {
			return part(message, mimeType);
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException("unreadable message part", ex);
		}
	}

	private static String part(Part part, String mimeType) throws MessagingException, IOException {
		if (part.isMimeType(mimeType)) {
			return part.getContent().toString();
		}
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				String found = part(multipart.getBodyPart(i), mimeType);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

}
