package cdcdemo.onboarding.survey;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The survey page behind the link of the exit-survey email, and the results. An unknown
 * link is a 404; a link already answered shows (and answers a second post with) a 409
 * page saying so, and one past {@code onboarding.survey.valid-for} a 410 page. Post,
 * redirect, get: a reload of the thank-you page posts nothing.
 */
@Controller
class SurveyController {

	private final Surveys surveys;

	SurveyController(Surveys surveys) {
		this.surveys = surveys;
	}

	@GetMapping("/survey/{token}")
	String form(@PathVariable String token, Model model, HttpServletResponse response) {
		String closed = closed(token, response);
		if (closed != null) {
			return closed;
		}
		model.addAttribute("token", token);
		model.addAttribute("form", new SurveyForm(null, ""));
		model.addAttribute("reasons", Reason.values());
		return "survey/form";
	}

	@PostMapping("/survey/{token}")
	String answer(@PathVariable String token, @Valid @ModelAttribute("form") SurveyForm form, BindingResult result,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		String closed = closed(token, response);
		if (closed != null) {
			return closed;
		}
		if (result.hasErrors()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("token", token);
			model.addAttribute("reasons", Reason.values());
			return "survey/form";
		}
		if (!this.surveys.answer(token, form)) {
			// answered (or expired) between the check and the update
			return closed(token, response);
		}
		redirect.addFlashAttribute("thanked", true);
		return "redirect:/survey/thanks";
	}

	@GetMapping("/survey/thanks")
	String thanks() {
		return "survey/thanks";
	}

	@GetMapping("/surveys")
	String results(Model model) {
		model.addAttribute("answers", this.surveys.answers());
		return "survey/results";
	}

	/**
	 * @return the page for a link that takes no answer (409 answered, 410 expired), or
	 * {@code null} for an open one
	 * @throws ResponseStatusException 404 for an unknown link
	 */
	private String closed(String token, HttpServletResponse response) {
		SurveyState state = this.surveys.state(token)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such survey"));
		return switch (state) {
			case OPEN -> null;
			case ANSWERED -> {
				response.setStatus(HttpStatus.CONFLICT.value());
				yield "survey/answered";
			}
			case EXPIRED -> {
				response.setStatus(HttpStatus.GONE.value());
				yield "survey/expired";
			}
		};
	}

}
