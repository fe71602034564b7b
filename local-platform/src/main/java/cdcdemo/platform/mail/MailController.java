package cdcdemo.platform.mail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The mail catcher's page: every message the platform sent, newest first. Bodies are
 * shown as text, never rendered.
 */
@Controller
class MailController {

	private final MailCatcher mailCatcher;

	MailController(MailCatcher mailCatcher) {
		this.mailCatcher = mailCatcher;
	}

	@GetMapping("/")
	String mail(Model model) {
		model.addAttribute("mails", mails());
		return "mail";
	}

	@GetMapping("/api/messages")
	@ResponseBody
	List<ReceivedMail> api() {
		return mails();
	}

	private List<ReceivedMail> mails() {
		List<ReceivedMail> newestFirst = new ArrayList<>(this.mailCatcher.received());
		Collections.reverse(newestFirst);
		return newestFirst;
	}

}
