package cdcdemo.users.user;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cdcdemo.testsupport.servers.RealServers;
import cdcdemo.testsupport.servers.RealServersExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The list's queries on a real PostgreSQL (the Flyway schema, the users_app role): search
 * ignoring case over three columns with LIKE wildcards taken literally, paging, sorting
 * ignoring case with id as tie-breaker, and the unique index on {@code lower(email)}
 * surfacing as the {@link DuplicateKeyException} the controller catches. Each test's rows
 * are rolled back.
 */
@DataJdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@RealServers(postgres = true)
@Tag("system")
class UserRepositoryTests {

	private static final UserListSettings SETTINGS = new UserListSettings(10, 100);

	@Autowired
	UserRepository users;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = RealServersExtension.postgres().jdbcUrl("users");
		registry.add("DB_URL", () -> url);
	}

	@BeforeEach
	void addTwentyFiveUsers() {
		IntStream.rangeClosed(1, 25)
			.forEach((n) -> this.users.save(new User(null, "Pager" + n, (n % 2 == 0) ? "Zeta" : "alpha",
					"pager" + n + "@paging.example", "$2a$10$hash", Instant.now())));
	}

	@Test
	void searchesFirstNameLastNameAndEmailIgnoringCase() {
		assertThat(search("PAGER", null, null, null).getTotalElements()).isEqualTo(25);
		assertThat(search("ZETA", null, null, null).getTotalElements()).isEqualTo(12);
		assertThat(search("@PAGING.example", null, null, null).getTotalElements()).isEqualTo(25);
		assertThat(search("pager7@", null, null, null).getContent()).extracting(User::firstName)
			.containsExactly("Pager7");
	}

	@Test
	void takesLikeWildcardsLiterally() {
		assertThat(search("%", null, null, null).getTotalElements()).isZero();
		assertThat(search("pager_@", null, null, null).getTotalElements()).isZero();
		assertThat(search("'); drop table users; --", null, null, null).getTotalElements()).isZero();
		assertThat(search("pager", null, null, null).getTotalElements()).isEqualTo(25);
	}

	@Test
	void pagesNewestFirstByDefault() {
		Page<User> first = search("pager", null, null, null);
		Page<User> last = search("pager", null, null, "3");
		assertThat(first.getTotalPages()).isEqualTo(3);
		assertThat(first.getContent()).hasSize(10).first().extracting(User::firstName).isEqualTo("Pager25");
		assertThat(last.getContent()).hasSize(5).last().extracting(User::firstName).isEqualTo("Pager1");
	}

	@Test
	void sortsByAWhitelistedColumnIgnoringCaseThenById() {
		List<User> page = search("pager", "lastName", "asc", null).getContent();
		assertThat(page).extracting(User::lastName).containsOnly("alpha");
		assertThat(page).extracting(User::firstName).startsWith("Pager1", "Pager3", "Pager5");

		assertThat(search("pager", "lastName", "desc", null).getContent()).extracting(User::lastName)
			.containsOnly("Zeta");
		assertThat(search("pager", "password", "asc", null).getContent()).first()
			.extracting(User::firstName)
			.isEqualTo("Pager25");
	}

	@Test
	void refusesASecondUserWithTheSameEmailInAnotherCase() {
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(
				() -> this.users.save(new User(null, "Ada", "Again", "ADA@example.com", "$2a$10$hash", Instant.now())));
	}

	@Test
	void findsAnotherUsersEmailIgnoringCase() {
		long ada = this.users
			.search("ada@example.com", UserListQuery.of(null, null, null, null, null, SETTINGS).pageable())
			.getContent()
			.get(0)
			.id();
		assertThat(this.users.existsByEmailIgnoreCase("Ada@Example.com")).isTrue();
		assertThat(this.users.existsByEmailIgnoreCaseAndIdNot("Ada@Example.com", ada)).isFalse();
		assertThat(this.users.existsByEmailIgnoreCaseAndIdNot("Ada@Example.com", ada + 1)).isTrue();
	}

	private Page<User> search(String q, String sort, String dir, String page) {
		UserListQuery query = UserListQuery.of(q, sort, dir, page, null, SETTINGS);
		return this.users.search(query.q(), query.pageable());
	}

}
