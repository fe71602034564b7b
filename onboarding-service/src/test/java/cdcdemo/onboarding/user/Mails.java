package cdcdemo.onboarding.user;

import jakarta.mail.Multipart;
import jakarta.mail.Part;

/**
 * Reads the parts of a caught email.
 */
final class Mails {

	private Mails() {
	}

	/**
	 * @param part a message or one of its parts
	 * @param mimeType e.g. {@code text/plain}
	 * @return the first part of that type, as text, or {@code null}
	 */
	static String part(Part part, String mimeType) {
		try {
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
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
