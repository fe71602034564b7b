package cdcdemo.users.user;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Sort;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import cdcdemo.users.system.SecurityTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The web layer alone: validation, PRG, escaping, CSRF, 404. The repository is a test double here; the full test
 * ({@code UsersApplicationTests}) runs the same pages on a real PostgreSQL.
 */
@WebMvcTest(UserController.class)
@Import(SecurityTestSupport.class)
class UserControllerTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	UserRepository users;

	@Test
	void listsUsersEscapingWhatTheyTyped() {
		given(this.users.findAll(any(Sort.class))).willReturn(List.of(new User(1L, "<script>alert(1)</script>",
				"Lovelace", "ada@example.com", "$2a$10$hash", null)));

		assertThat(this.mvc.get().uri("/users")).hasStatusOk()
			.bodyText()
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert(1)</script>")
			.doesNotContain("$2a$10$hash");
	}

	@Test
	void rejectsInvalidInputWithFieldMessagesAndKeepsWhatWasTyped() {
		assertThat(this.mvc.post()
			.uri("/users")
			.with(csrf())
			.param("firstName", "")
			.param("lastName", "Lovelace")
			.param("email", "not-an-email")
			.param("password", "short")).hasStatusOk()
			.hasViewName("users/form")
			.bodyText()
			.contains("id=\"firstName-error\"", "id=\"email-error\"", "id=\"password-error\"")
			.contains("value=\"Lovelace\"")
			.doesNotContain("value=\"short\"");
		then(this.users).should(never()).save(any());
	}

	@Test
	void rejectsADuplicateEmail() {
		given(this.users.existsByEmailIgnoreCase("ada@example.com")).willReturn(true);

		assertThat(this.mvc.post()
			.uri("/users")
			.with(csrf())
			.param("firstName", "Ada")
			.param("lastName", "Lovelace")
			.param("email", "ada@example.com")
			.param("password", "long-enough")).hasStatusOk()
			.bodyText()
			.contains("A user with this email already exists");
		then(this.users).should(never()).save(any());
	}

	@Test
	void refusesAPostWithoutCsrfToken() {
		assertThat(this.mvc.post()
			.uri("/users")
			.param("firstName", "Ada")
			.param("lastName", "Lovelace")
			.param("email", "ada@example.com")
			.param("password", "long-enough")).hasStatus(403);
		then(this.users).should(never()).save(any());
	}

	@Test
	void deletingAnUnknownUserIsNotFound() {
		given(this.users.findById(42L)).willReturn(Optional.empty());

		assertThat(this.mvc.post().uri("/users/42/delete").with(csrf())).hasStatus(404);
	}

}
