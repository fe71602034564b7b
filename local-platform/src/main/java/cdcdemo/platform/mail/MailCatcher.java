package cdcdemo.platform.mail;

import java.util.List;
import java.util.stream.IntStream;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

import cdcdemo.platform.FreePort;

/**
 * An SMTP server that accepts every message and keeps it in memory, so the mail the
 * platform sends can be looked at (on the mail page, or by tests) instead of delivered.
 * GreenMail does the SMTP.
 */
public final class MailCatcher implements AutoCloseable {

	private final GreenMail greenMail;

	private MailCatcher(GreenMail greenMail) {
		this.greenMail = greenMail;
	}

	public static MailCatcher start(int port) {
		GreenMail greenMail = new GreenMail(
				new ServerSetup(FreePort.orAny(port), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
		return new MailCatcher(greenMail);
	}

	public int port() {
		return this.greenMail.getSmtp().getPort();
	}

	public List<MimeMessage> messages() {
		return List.of(this.greenMail.getReceivedMessages());
	}

	/**
	 * The caught mail, readable.
	 * @return every message so far, in arrival order
	 */
	public List<ReceivedMail> received() {
		MimeMessage[] messages = this.greenMail.getReceivedMessages();
		return IntStream.range(0, messages.length).mapToObj((i) -> ReceivedMail.of(i + 1, messages[i])).toList();
	}

	/** Forget every message caught so far. */
	public void purge() {
		try {
			this.greenMail.purgeEmailFromAllMailboxes();
		}
		catch (FolderException ex) {
			throw new IllegalStateException("could not purge the caught mail", ex);
		}
	}

	public void stop() {
		this.greenMail.stop();
	}

	public void start() {
		this.greenMail.start();
	}

	@Override
	public void close() {
		this.greenMail.stop();
	}

}
