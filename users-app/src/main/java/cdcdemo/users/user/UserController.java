package cdcdemo.users.user;

import java.time.Instant;

import jakarta.validation.Valid;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
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
 * The monolith's pages: list, add and delete users. Post-redirect-get with a flash message after each change.
 */
@Controller
class UserController {

	private static final String FORM = "users/form";

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	UserController(UserRepository users, PasswordEncoder passwordEncoder) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
	}

	@GetMapping("/")
	String home() {
		return "redirect:/users";
	}

	@GetMapping("/users")
	String list(Model model) {
		model.addAttribute("users", this.users.findAll(Sort.by("id")));
		return "users/list";
	}

	@GetMapping("/users/new")
	String newUser(Model model) {
		model.addAttribute("user", UserForm.empty());
		return FORM;
	}

	@PostMapping("/users")
	String create(@Valid @ModelAttribute("user") UserForm form, BindingResult result, RedirectAttributes redirect) {
		if (!result.hasFieldErrors("email") && this.users.existsByEmailIgnoreCase(form.email())) {
			result.rejectValue("email", "duplicate", "A user with this email already exists");
		}
		if (result.hasErrors()) {
			return FORM;
		}
		User saved;
		try {
			saved = this.users.save(new User(null, form.firstName().strip(), form.lastName().strip(),
					form.email().strip(), this.passwordEncoder.encode(form.password()), Instant.now()));
		}
		catch (DuplicateKeyException ex) {
			result.rejectValue("email", "duplicate", "A user with this email already exists");
			return FORM;
		}
		redirect.addFlashAttribute("message", "Added " + saved.fullName() + ".");
		return "redirect:/users";
	}

	@PostMapping("/users/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		User user = this.users.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No user " + id));
		this.users.delete(user);
		redirect.addFlashAttribute("message", "Deleted " + user.fullName() + ".");
		return "redirect:/users";
	}

}
