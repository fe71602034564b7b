package cdcdemo.messages.deadletters;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import cdcdemo.messages.deadletters.DeadLetterReader.DeadLetter;
import cdcdemo.messages.deadletters.DeadLetters.NoSuchDeadLetterException;
import cdcdemo.messages.deadletters.DeadLetters.RedriveRefusedException;
import cdcdemo.messages.deadletters.RedriveLog.Redrive;
import cdcdemo.messages.masking.Masking;
import cdcdemo.messages.masking.View;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dead letters of a topic as a page and as JSON, and the form that republishes one
 * (post, redirect, get). A second republish of the same dead letter answers 409 with the
 * reason, on the page. Both show the dead letters as the user sees them
 * ({@link Masking}): only an admin gets the masked fields of their keys, values and
 * headers in clear. A republish sends the record as it was written, whoever asks.
 */
@Controller
class DeadLettersController {

	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

	private static final int LIMIT = 100;

	private final DeadLetters deadLetters;

	private final String defaultTopic;

	private final Masking masking;

	DeadLettersController(DeadLetters deadLetters, @Value("${messages.topics}") String topics, Masking masking) {
		this.deadLetters = deadLetters;
		this.defaultTopic = topics.split(",")[0].trim();
		this.masking = masking;
	}

	@GetMapping("/dead-letters")
	String page(@RequestParam(required = false) String topic, Model model, HttpServletResponse response) {
		return show(topic(topic), model, response);
	}

	@GetMapping(path = "/api/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	List<DeadLetter> list(@RequestParam(required = false) String topic) {
		String wanted = topic(topic);
		return this.deadLetters.list(wanted, LIMIT)
			.map(this::shown)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no topic " + wanted + ".DLT"));
	}

	@PostMapping("/dead-letters/republish")
	String republish(@RequestParam String topic, @RequestParam int partition, @RequestParam long offset, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		String wanted = topic(topic);
		try {
			Redrive redrive = this.deadLetters.republish(wanted, partition, offset);
			redirect.addAttribute("topic", wanted);
			redirect.addFlashAttribute("republished", "Republished " + wanted + ".DLT/" + partition + "/" + offset
					+ " to " + redrive.topic() + "/" + redrive.partition() + "/" + redrive.offset());
			return "redirect:/dead-letters";
		}
		catch (RedriveRefusedException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("refused", ex.getMessage());
			return show(wanted, model, response);
		}
		catch (NoSuchDeadLetterException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, ex.getMessage());
		}
	}

	private String show(String topic, Model model, HttpServletResponse response) {
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		model.addAttribute("topic", topic);
		model.addAttribute("deadLetters", this.deadLetters.list(topic, LIMIT).map(this::shown).orElse(List.of()));
		return "dead-letters";
	}

	private List<DeadLetter> shown(List<DeadLetter> letters) {
		View view = this.masking.forCurrentUser();
		return letters.stream().map((letter) -> letter.shownIn(view)).toList();
	}

	private String topic(String topic) {
		String wanted = (topic == null || topic.isBlank()) ? this.defaultTopic : topic.trim();
		if (wanted.startsWith("__") || wanted.endsWith(DeadLetters.SUFFIX)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"topic names the original topic X, whose dead letters are on X.DLT; was " + wanted);
		}
		return wanted;
	}

}
