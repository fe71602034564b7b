package cdcdemo.users.user;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;

import cdcdemo.users.system.SecurityTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The web layer alone: the list's paging, sorting and search parameters, validation with
 * field messages, PRG, escaping, CSRF and the 404 page. The repository is a test double
 * here; {@code UsersApplicationTests} and {@link UserRepositoryTests} run the same on a
 * real PostgreSQL.
 */
@WebMvcTest(UserController.class)
@Import(SecurityTestSupport.class)
@EnableConfigurationProperties(UserListSettings.class)
class UserControllerTests {

	private static final String SCRIPT = "<script>alert(1)</script>";

	private static final String SQL = "'); drop table users; --";

	private static final String LONG = "x".repeat(10_000);

	private static final User ADA = new User(1L, "Ada", "Lovelace", "ada@example.com", "$2a$10$adasHash",
			Instant.parse("2026-01-01T00:00:00Z"));

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	UserRepository users;

	@Test
	void listsUsersEscapingWhatTheyTyped() {
		givenSearchFinds(new User(1L, SCRIPT, "Lovelace", "ada@example.com", "$2a$10$hash", null));

		assertThat(this.mvc.get().uri("/users")).hasStatusOk()
			.bodyText()
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain(SCRIPT)
			.doesNotContain("$2a$10$hash");
	}

	@Test
	void listsTheFirstPageNewestFirstByDefault() {
		givenSearchFinds(ADA);

		assertThat(this.mvc.get().uri("/users")).hasStatusOk()
			.bodyText()
			.contains("id=\"edit-1\"", "id=\"delete-1\"", "1–1 of 1 user<");
		assertThat(searched()).isEqualTo(PageRequest.of(0, 10, Sort.by(Sort.Order.desc("id"))));
	}

	@Test
	void passesSearchSortAndPageToTheRepositoryAndKeepsThemInTheLinks() {
		given(this.users.search(anyString(), any()))
			.willAnswer((invocation) -> new PageImpl<>(List.of(ADA), invocation.getArgument(1, Pageable.class), 45));

		assertThat(this.mvc.get()
			.uri("/users")
			.param("q", " Love ")
			.param("sort", "lastName")
			.param("dir", "desc")
			.param("page", "2")).hasStatusOk()
			.bodyText()
			.contains("11–11 of 45 users")
			.contains("href=\"/users?q=Love&amp;sort=lastName&amp;dir=desc&amp;page=3\"")
			.contains("href=\"/users?q=Love&amp;sort=lastName&amp;dir=asc\"")
			.contains("aria-current=\"page\"")
			.containsPattern("name=\"sort\" value=\"lastName\"");
		Pageable page = searched();
		assertThat(page.getPageNumber()).isEqualTo(1);
		assertThat(page.getSort()).extracting(Sort.Order::getProperty).containsExactly("lower(last_name)", "id");
		then(this.users).should().search(eq("Love"), any());
	}

	@Test
	void ignoresSortColumnsOffTheWhitelistAndMalformedNumbers() {
		givenSearchFinds(ADA);

		assertThat(this.mvc.get().uri("/users?sort=password&dir=sideways&page=abc&size=-1")).hasStatusOk();
		assertThat(this.mvc.get().uri("/users").param("sort", "id; drop table users").param("page", "99999999999999"))
			.hasStatusOk();
		assertThat(this.mvc.get().uri("/users").param("sort", "first_name) desc, (select 1")).hasStatusOk();
		ArgumentCaptor<Pageable> pages = ArgumentCaptor.forClass(Pageable.class);
		then(this.users).should(times(3)).search(anyString(), pages.capture());
		assertThat(pages.getAllValues()).allSatisfy((page) -> {
			assertThat(page.getSort()).containsExactly(Sort.Order.desc("id"));
			assertThat(page.getPageNumber()).isZero();
			assertThat(page.getPageSize()).isEqualTo(10);
		});
	}

	@Test
	void showsTheLastPageForAPageBeyondIt() {
		given(this.users.search(anyString(), any())).willAnswer((invocation) -> {
			Pageable page = invocation.getArgument(1, Pageable.class);
			return new PageImpl<>((page.getPageNumber() == 1) ? List.of(ADA) : List.of(), page, 11);
		});

		assertThat(this.mvc.get().uri("/users?page=40")).hasStatusOk().bodyText().contains("11–11 of 11 users");
	}

	@Test
	void saysSoWhenThereAreNoUsersOrNoMatches() {
		given(this.users.search(anyString(), any())).willReturn(Page.empty());

		assertThat(this.mvc.get().uri("/users")).hasStatusOk()
			.bodyText()
			.contains("id=\"empty\"", "No users yet.")
			.doesNotContain("id=\"users\"");
		assertThat(this.mvc.get().uri("/users").param("q", SCRIPT)).hasStatusOk()
			.bodyText()
			.contains("No users match", "&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain(SCRIPT);
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
			.contains("value=\"Lovelace\"", "value=\"not-an-email\"")
			.doesNotContain("short");
		then(this.users).should(never()).save(any());
	}

	static Stream<Arguments> hostileInput() {
		return Stream.of(Arguments.of("firstName", "", "must not be blank"),
				Arguments.of("firstName", "   ", "must not be blank"),
				Arguments.of("firstName", LONG, "at most 100 characters"),
				Arguments.of("firstName", "Ada\u0000", "cannot be stored"),
				Arguments.of("firstName", "Ada\uFFFD", "not UTF-8"), Arguments.of("lastName", "", "must not be blank"),
				Arguments.of("lastName", LONG, "at most 100 characters"),
				Arguments.of("lastName", "Love\nlace", "cannot be stored"),
				Arguments.of("email", "", "must not be blank"), Arguments.of("email", LONG, "at most 254 characters"),
				Arguments.of("email", "not-an-email", "must be an email address"),
				Arguments.of("email", "ada@localhost", "must be an email address"),
				Arguments.of("email", SCRIPT, "must be an email address"),
				Arguments.of("email", SCRIPT + "@example.com", "must be an email address"),
				Arguments.of("email", SQL, "must be an email address"),
				Arguments.of("email", "ada\uFFFD@example.com", "must be an email address"),
				Arguments.of("password", "", "must not be blank"),
				Arguments.of("password", "seven77", "at least 8 characters"),
				Arguments.of("password", LONG, "at most 72 bytes"),
				Arguments.of("password", "€".repeat(25), "at most 72 bytes"),
				Arguments.of("password", "long-enough\uFFFD", "cannot be stored"));
	}

	@ParameterizedTest(name = "{0} = {2}")
	@MethodSource("hostileInput")
	void refusesHostileOrBrokenInputWithAMessageOnTheField(String field, String value, String message) {
		MockMvcRequestBuilder post = validUser("/users", field, value);

		assertThat(post).hasStatusOk()
			.hasViewName("users/form")
			.bodyText()
			.contains("id=\"" + field + "-error\"")
			.contains(message)
			.doesNotContain(SCRIPT)
			.doesNotContain("long-enough");
		then(this.users).should(never()).save(any());
	}

	@Test
	void refusesABodyThatIsNotUtf8() {
		byte[] body = "firstName=%FF%FEAda&lastName=Lovelace&email=ada%40example.com&password=long-enough"
			.getBytes(StandardCharsets.US_ASCII);

		assertThat(this.mvc.post()
			.uri("/users")
			.with(csrf())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content(body)).hasStatusOk().bodyText().contains("id=\"firstName-error\"", "not UTF-8");
		then(this.users).should(never()).save(any());
	}

	@Test
	void acceptsAPasswordOfExactly72Bytes() {
		given(this.users.save(any())).willAnswer((invocation) -> invocation.getArgument(0));

		assertThat(validUser("/users", "password", "€".repeat(24))).hasRedirectedUrl("/users");
	}

	@Test
	void reRendersHostileTextEscapedInTheForm() {
		assertThat(this.mvc.post()
			.uri("/users")
			.with(csrf())
			.param("firstName", SCRIPT)
			.param("lastName", SQL)
			.param("email", "\"><script>alert(1)</script>")
			.param("password", "long-enough")).hasStatusOk()
			.bodyText()
			.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"", "value=\"&#39;); drop table users; --\"")
			.contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"")
			.doesNotContain(SCRIPT);
	}

	@Test
	void addsAUserWithABcryptHashAndRedirectsWithAMessage() {
		given(this.users.save(any())).willAnswer((invocation) -> invocation.getArgument(0));

		assertThat(validUser("/users")).hasRedirectedUrl("/users")
			.flash()
			.containsEntry("message", "Added Ada Lovelace.");
		User saved = saved();
		assertThat(saved.id()).isNull();
		assertThat(saved.password()).startsWith("$2a$10$").doesNotContain("long-enough");
	}

	@Test
	void rejectsADuplicateEmail() {
		given(this.users.existsByEmailIgnoreCase("ada@example.com")).willReturn(true);

		assertThat(validUser("/users")).hasStatusOk().bodyText().contains("A user with this email already exists");
		then(this.users).should(never()).save(any());
	}

	@Test
	void rejectsADuplicateEmailThatWonTheRaceToTheDatabase() {
		given(this.users.save(any())).willThrow(new DuplicateKeyException("users_email_key"));

		assertThat(validUser("/users")).hasStatusOk()
			.hasViewName("users/form")
			.bodyText()
			.contains("id=\"email-error\"", "A user with this email already exists");
	}

	@Test
	void showsTheEditFormWithoutThePassword() {
		given(this.users.findById(1L)).willReturn(Optional.of(ADA));

		assertThat(this.mvc.get().uri("/users/1/edit")).hasStatusOk()
			.bodyText()
			.contains("value=\"Ada\"", "value=\"Lovelace\"", "value=\"ada@example.com\"")
			.contains("action=\"/users/1/edit\"", "Leave blank to keep the current password.")
			.containsPattern("<input id=\"password\" name=\"password\" type=\"password\" value=\"\"")
			.doesNotContain("adasHash");
	}

	@Test
	void keepsTheHashWhenTheEditLeavesThePasswordBlank() {
		given(this.users.findById(1L)).willReturn(Optional.of(ADA));
		given(this.users.save(any())).willAnswer((invocation) -> invocation.getArgument(0));

		assertThat(validUser("/users/1/edit", "lastName", "King", "password", "")).hasRedirectedUrl("/users")
			.flash()
			.containsEntry("message", "Saved Ada King.");
		assertThat(saved()).isEqualTo(new User(1L, "Ada", "King", "ada@example.com", ADA.password(), ADA.createdAt()));
	}

	@Test
	void hashesANewPasswordOnEdit() {
		given(this.users.findById(1L)).willReturn(Optional.of(ADA));
		given(this.users.save(any())).willAnswer((invocation) -> invocation.getArgument(0));

		assertThat(validUser("/users/1/edit", "password", "analytical-engine")).hasRedirectedUrl("/users");
		assertThat(saved().password()).startsWith("$2a$10$").isNotEqualTo(ADA.password());
	}

	@Test
	void rejectsAnEditToAnotherUsersEmail() {
		given(this.users.findById(1L)).willReturn(Optional.of(ADA));
		given(this.users.existsByEmailIgnoreCaseAndIdNot("grace@example.com", 1L)).willReturn(true);

		assertThat(validUser("/users/1/edit", "email", "grace@example.com")).hasStatusOk()
			.bodyText()
			.contains("A user with this email already exists", "action=\"/users/1/edit\"");
		then(this.users).should(never()).save(any());
	}

	@Test
	void asksBeforeDeletingWithAFormThatWorksWithoutJavaScript() {
		given(this.users.findById(1L)).willReturn(Optional.of(ADA));

		assertThat(this.mvc.get().uri("/users/1/delete")).hasStatusOk()
			.bodyText()
			.contains("Ada Lovelace", "ada@example.com", "id=\"delete-form\"", "action=\"/users/1/delete\"",
					"method=\"post\"", "name=\"_csrf\"", "id=\"confirm-delete\"")
			.doesNotContain("confirm(");
		then(this.users).should(never()).delete(any());
	}

	@Test
	void deletesAfterTheConfirmation() {
		given(this.users.findById(1L)).willReturn(Optional.of(ADA));

		assertThat(this.mvc.post().uri("/users/1/delete").with(csrf())).hasRedirectedUrl("/users")
			.flash()
			.containsEntry("message", "Deleted Ada Lovelace.");
		then(this.users).should().delete(ADA);
	}

	@Test
	void refusesEveryChangeWithoutCsrfToken() {
		given(this.users.findById(1L)).willReturn(Optional.of(ADA));

		assertThat(userForm("/users", false)).hasStatus(403);
		assertThat(userForm("/users/1/edit", false)).hasStatus(403);
		assertThat(this.mvc.post().uri("/users/1/delete")).hasStatus(403);
		assertThat(this.mvc.post().uri("/users/1/delete").with(csrf().useInvalidToken())).hasStatus(403);
		then(this.users).should(never()).save(any());
		then(this.users).should(never()).delete(any());
	}

	@Test
	void showsTheNotFoundPageForAnUnknownUser() {
		given(this.users.findById(anyLong())).willReturn(Optional.empty());

		for (MockMvcRequestBuilder request : List.of(this.mvc.get().uri("/users/42/edit"),
				this.mvc.get().uri("/users/42/delete"), validUser("/users/42/edit"),
				this.mvc.post().uri("/users/42/delete").with(csrf()))) {
			assertThat(request).hasStatus(404)
				.bodyText()
				.contains("<title>Not found</title>", "app.css", "Back to the users");
		}
		then(this.users).should(never()).save(any());
		then(this.users).should(never()).delete(any());
	}

	private MockMvcRequestBuilder validUser(String uri, String... overrides) {
		return userForm(uri, true, overrides);
	}

	private MockMvcRequestBuilder userForm(String uri, boolean withCsrf, String... overrides) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("firstName", "Ada");
		fields.put("lastName", "Lovelace");
		fields.put("email", "ada@example.com");
		fields.put("password", "long-enough");
		for (int i = 0; i < overrides.length; i += 2) {
			fields.put(overrides[i], overrides[i + 1]);
		}
		MockMvcRequestBuilder post = this.mvc.post().uri(uri);
		fields.forEach((name, value) -> post.param(name, value));
		return withCsrf ? post.with(csrf()) : post;
	}

	/**
	 * The monolith knows nothing of the platform's other apps: its pages keep their own
	 * look, without the header they share or any link to them, although that header's
	 * library is on this test's classpath (through local-platform's servers).
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("pages")
	void linksToNoneOfThePlatformsApps(String path) {
		givenSearchFinds(ADA);
		given(this.users.findById(1L)).willReturn(Optional.of(ADA));

		assertThat(this.mvc.get().uri(path)).bodyText()
			.contains("/app.css")
			.doesNotContain("platform-header", "/platform/platform.css", "CDC platform")
			.doesNotContain("localhost:8081", "localhost:8082", "localhost:8083", "localhost:8084", "localhost:8025");
	}

	static Stream<String> pages() {
		return Stream.of("/users", "/users/new", "/users/1/edit", "/users/1/delete", "/users/999/edit");
	}

	private void givenSearchFinds(User... found) {
		given(this.users.search(anyString(), any())).willAnswer((invocation) -> new PageImpl<>(List.of(found),
				invocation.getArgument(1, Pageable.class), found.length));
	}

	private Pageable searched() {
		ArgumentCaptor<Pageable> page = ArgumentCaptor.forClass(Pageable.class);
		then(this.users).should().search(anyString(), page.capture());
		return page.getValue();
	}

	private User saved() {
		ArgumentCaptor<User> user = ArgumentCaptor.forClass(User.class);
		then(this.users).should().save(user.capture());
		return user.getValue();
	}

}
