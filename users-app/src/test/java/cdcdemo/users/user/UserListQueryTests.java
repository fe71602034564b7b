package cdcdemo.users.user;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The list's parameters as they arrive from an address bar: whatever is typed there
 * yields a usable page, only whitelisted columns are sorted on, and the links keep the
 * search and order.
 */
class UserListQueryTests {

	private static final UserListSettings SETTINGS = new UserListSettings(10, 100);

	@Test
	void defaultsToTheFirstPageNewestFirst() {
		UserListQuery query = UserListQuery.of(null, null, null, null, null, SETTINGS);

		assertThat(query.pageable().getPageNumber()).isZero();
		assertThat(query.pageable().getPageSize()).isEqualTo(10);
		assertThat(query.pageable().getSort()).containsExactly(Sort.Order.desc("id"));
		assertThat(query.searching()).isFalse();
		assertThat(query.pageUrl(1)).isEqualTo("/users");
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null", value = { "password, asc, abc, -3", "'id; drop table users', desc, 0, 0",
			"created_at, up, 99999999999, 1e3", "null, asc, ' ', ''", "PASSWORD, DESC, -1, 2147483648" })
	void fallsBackToDefaultsForUnknownOrMalformedParameters(String sort, String dir, String page, String size) {
		Pageable pageable = UserListQuery.of("", sort, dir, page, size, SETTINGS).pageable();

		assertThat(pageable.getSort()).containsExactly(Sort.Order.desc("id"));
		assertThat(pageable.getPageNumber()).isZero();
		assertThat(pageable.getPageSize()).isEqualTo(10);
	}

	@Test
	void sortsTextColumnsIgnoringCaseWithIdAsTieBreaker() {
		UserListQuery query = UserListQuery.of(null, "lastName", "desc", "3", "20", SETTINGS);

		assertThat(query.pageable().getSort()).extracting(Sort.Order::getProperty, Sort.Order::getDirection)
			.containsExactly(tuple("lower(last_name)", Direction.DESC), tuple("id", Direction.ASC));
		assertThat(query.pageable().getPageNumber()).isEqualTo(2);
		assertThat(query.pageable().getPageSize()).isEqualTo(20);
		assertThat(UserListQuery.of(null, "email", null, null, null, SETTINGS).dir()).isEqualTo(Direction.ASC);
	}

	@Test
	void capsThePageSizeAndTheSearchText() {
		UserListQuery query = UserListQuery.of("  " + "x".repeat(10_000) + " ", null, null, null, "100000", SETTINGS);

		assertThat(query.size()).isEqualTo(100);
		assertThat(query.q()).hasSize(UserListQuery.MAX_QUERY_LENGTH);
	}

	@Test
	void pageLinksKeepSearchSortAndSize() {
		UserListQuery query = UserListQuery.of(" ada ", "lastName", "asc", "2", "5", SETTINGS);

		assertThat(query.pageUrl(3)).isEqualTo("/users?q=ada&sort=lastName&dir=asc&size=5&page=3");
		assertThat(query.pageUrl(1)).isEqualTo("/users?q=ada&sort=lastName&dir=asc&size=5");
	}

	@Test
	void headerLinksToggleTheDirectionOfTheSortedColumnAndStartAtPageOne() {
		UserListQuery query = UserListQuery.of("ada", "lastName", "asc", "2", null, SETTINGS);

		assertThat(query.sortUrl("lastName")).isEqualTo("/users?q=ada&sort=lastName&dir=desc");
		assertThat(query.sortUrl("email")).isEqualTo("/users?q=ada&sort=email&dir=asc");
		assertThat(query.ariaSort("lastName")).isEqualTo("ascending");
		assertThat(query.ariaSort("email")).isEqualTo("none");
	}

	@Test
	void encodesSearchTextSoItComesBackUnchanged() {
		String typed = "a+b&c=d <script>'%";
		String url = UserListQuery.of(typed, null, null, null, null, SETTINGS).pageUrl(2);

		assertThat(url).doesNotContain("<", " ", "'", "+b");
		assertThat(UriComponentsBuilder.fromUriString(url).build(true).getQueryParams().getFirst("q"))
			.isEqualTo("a%2Bb%26c%3Dd%20%3Cscript%3E%27%25");
	}

	@Test
	void linksTheFirstTheLastAndThePagesAroundThisOne() {
		assertThat(UserListQuery.of(null, null, null, "10", null, SETTINGS).pageLinks(20)).containsExactly(1, 8, 9, 10,
				11, 12, 20);
		assertThat(UserListQuery.of(null, null, null, "1", null, SETTINGS).pageLinks(2)).containsExactly(1, 2);
	}

}
