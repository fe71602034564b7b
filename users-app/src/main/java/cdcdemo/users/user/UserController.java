package cdcdemo.users.user;

import java.time.Instant;

import jakarta.validation.groups.Default;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.IncorrectUpdateSemanticsDataAccessException;
import org.springframework.data.domain.Page;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The monolith's pages: a paged, sorted, searchable list; add, edit, and delete after a
 * confirmation page that works without JavaScript. Every change is a POST (with the CSRF
 * token) answered by a redirect and a flash message.
 */
@Controller
class UserController {

	private static final String FORM = "users/form";

	private static final String DUPLICATE_EMAIL = "A user with this email already exists";

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final UserListSettings listSettings;

	UserController(UserRepository users, PasswordEncoder passwordEncoder, UserListSettings listSettings) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.listSettings = listSettings;
	}

	@GetMapping("/")
	String home() {
		return "redirect:/users";
	}

	@GetMapping("/users")
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String dir, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size, Model model) {
		UserListQuery query = UserListQuery.of(q, sort, dir, page, size, this.listSettings);
		Page<User> found = this.users.search(query.q(), query.pageable());
		if (found.getNumber() >= found.getTotalPages() && found.getTotalPages() > 0) {
			query = query.onPage(found.getTotalPages());
			found = this.users.search(query.q(), query.pageable());
		}
		model.addAttribute("query", query);
		model.addAttribute("users", found);
		return "users/list";
	}

	@GetMapping("/users/new")
	String newUser(Model model) {
		model.addAttribute("user", UserForm.empty());
		return FORM;
	}

	@PostMapping("/users")
	String create(@Validated({ Default.class, UserForm.NewUser.class }) @ModelAttribute("user") UserForm form,
			BindingResult result, RedirectAttributes redirect) {
		if (!result.hasFieldErrors("email") && this.users.existsByEmailIgnoreCase(form.email().strip())) {
			rejectDuplicateEmail(result);
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
			rejectDuplicateEmail(result);
			return FORM;
		}
		redirect.addFlashAttribute("message", "Added " + saved.fullName() + ".");
		return "redirect:/users";
	}

	@GetMapping("/users/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		model.addAttribute("user", UserForm.of(find(id)));
		model.addAttribute("userId", id);
		return FORM;
	}

	@PostMapping("/users/{id}/edit")
	String update(@PathVariable long id, @Validated @ModelAttribute("user") UserForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		User user = find(id);
		model.addAttribute("userId", id);
		if (!result.hasFieldErrors("email") && this.users.existsByEmailIgnoreCaseAndIdNot(form.email().strip(), id)) {
			rejectDuplicateEmail(result);
		}
		if (result.hasErrors()) {
			return FORM;
		}
		String hash = form.hasPassword() ? this.passwordEncoder.encode(form.password()) : user.password();
		User saved;
		try {
			saved = this.users.save(new User(id, form.firstName().strip(), form.lastName().strip(),
					form.email().strip(), hash, user.createdAt()));
		}
		catch (DuplicateKeyException ex) {
			rejectDuplicateEmail(result);
			return FORM;
		}
		catch (IncorrectUpdateSemanticsDataAccessException ex) {
			throw new UserNotFoundException(id);
		}
		redirect.addFlashAttribute("message", "Saved " + saved.fullName() + ".");
		return "redirect:/users";
	}

	@GetMapping("/users/{id}/delete")
	String confirmDelete(@PathVariable long id, Model model) {
		model.addAttribute("user", find(id));
		return "users/delete";
	}

	@PostMapping("/users/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		User user = find(id);
		this.users.delete(user);
		redirect.addFlashAttribute("message", "Deleted " + user.fullName() + ".");
		return "redirect:/users";
	}

	@ExceptionHandler(UserNotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound() {
		return "error/404";
	}

	private User find(long id) {
		return this.users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
	}

	private static void rejectDuplicateEmail(BindingResult result) {
		result.rejectValue("email", "duplicate", DUPLICATE_EMAIL);
	}

}
