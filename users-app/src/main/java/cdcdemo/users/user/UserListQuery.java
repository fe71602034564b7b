package cdcdemo.users.user;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.relational.domain.SqlSort;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the users list shows: the search text, the sort column and direction, the page and
 * its size, read leniently from the address. Anything unknown or malformed falls back to
 * a default instead of failing, and only the columns in {@link #SORTABLE} can be sorted
 * on, so a crafted {@code ?sort=} never reaches the SQL. It also writes the links of the
 * page, keeping the search and the order across paging.
 *
 * @param q the search text, stripped and at most {@value #MAX_QUERY_LENGTH} characters,
 * empty for none
 * @param sort the sort column, one of {@link #SORTABLE}
 * @param dir the sort direction
 * @param page the page, counted from 1
 * @param size users per page
 * @param defaultSize the size that needs no {@code ?size=} in links
 */
record UserListQuery(String q, String sort, Direction dir, int page, int size, int defaultSize) {

	static final int MAX_QUERY_LENGTH = 100;

	/**
	 * The sortable columns by their name in the address, each with the SQL it sorts by:
	 * text columns ignoring case. Spring Data JDBC does not apply
	 * {@code Sort.Order.ignoreCase()}, hence the (constant, never user-typed) SQL.
	 */
	static final Map<String, String> SORTABLE = Map.of("id", "id", "firstName", "lower(first_name)", "lastName",
			"lower(last_name)", "email", "lower(email)");

	static final String DEFAULT_SORT = "id";

	static final Direction DEFAULT_DIR = Direction.DESC;

	private static final int PAGE_LINKS_AROUND = 2;

	/**
	 * Read the list parameters as they came, each possibly missing or malformed.
	 * @param q the search text
	 * @param sort the sort column
	 * @param dir {@code asc} or {@code desc}
	 * @param page the page, from 1
	 * @param size users per page
	 * @param settings the default and largest page size
	 * @return the query, with defaults where a parameter was missing or unusable
	 */
	static UserListQuery of(String q, String sort, String dir, String page, String size, UserListSettings settings) {
		String text = (q != null) ? q.strip() : "";
		if (text.length() > MAX_QUERY_LENGTH) {
			text = text.substring(0, MAX_QUERY_LENGTH);
		}
		boolean known = sort != null && SORTABLE.containsKey(sort);
		String column = known ? sort : DEFAULT_SORT;
		Direction direction = known ? Direction.fromOptionalString(dir).orElse(Direction.ASC) : DEFAULT_DIR;
		int pageSize = Math.min(positive(size, settings.pageSize()), settings.maxPageSize());
		return new UserListQuery(text, column, direction, positive(page, 1), pageSize, settings.pageSize());
	}

	private static int positive(String value, int fallback) {
		if (value == null || value.isBlank() || value.length() > 9) {
			return fallback;
		}
		try {
			int number = Integer.parseInt(value.strip());
			return (number > 0) ? number : fallback;
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

	/**
	 * The same list, on another page.
	 * @param other the page, from 1
	 * @return the query for that page
	 */
	UserListQuery onPage(int other) {
		return new UserListQuery(this.q, this.sort, this.dir, other, this.size, this.defaultSize);
	}

	public boolean searching() {
		return !this.q.isEmpty();
	}

	/**
	 * The page to read: sorted by the chosen column, then by id so that rows with equal
	 * values keep their place between pages.
	 * @return the page request, counted from 0 as Spring Data does
	 */
	Pageable pageable() {
		Sort sorted = Sort.by(this.dir, DEFAULT_SORT);
		if (!DEFAULT_SORT.equals(this.sort)) {
			sorted = SqlSort.unsafe(this.dir, SORTABLE.get(this.sort)).and(Sort.by(Direction.ASC, DEFAULT_SORT));
		}
		return PageRequest.of(this.page - 1, this.size, sorted);
	}

	/**
	 * The link to another page of this list.
	 * @param other the page, from 1
	 * @return the path and query, encoded
	 */
	public String pageUrl(int other) {
		return url(this.sort, this.dir, other);
	}

	/**
	 * The link a column header points to: sorted by that column, ascending, or the other
	 * way round if the list is sorted by it already; back on the first page.
	 * @param column one of {@link #SORTABLE}
	 * @return the path and query, encoded
	 */
	public String sortUrl(String column) {
		Direction next = (column.equals(this.sort) && this.dir.isAscending()) ? Direction.DESC : Direction.ASC;
		return url(column, next, 1);
	}

	/**
	 * The header's {@code aria-sort} value, which also shows the arrow.
	 * @param column one of {@link #SORTABLE}
	 * @return {@code ascending}, {@code descending} or {@code none}
	 */
	public String ariaSort(String column) {
		if (!column.equals(this.sort)) {
			return "none";
		}
		return this.dir.isAscending() ? "ascending" : "descending";
	}

	/**
	 * The page numbers to link to: the first, the last, and a few around this one.
	 * @param totalPages how many pages there are
	 * @return the page numbers in order, from 1
	 */
	public List<Integer> pageLinks(int totalPages) {
		return IntStream.rangeClosed(1, totalPages)
			.filter((n) -> n == 1 || n == totalPages || Math.abs(n - this.page) <= PAGE_LINKS_AROUND)
			.boxed()
			.toList();
	}

	private String url(String column, Direction direction, int target) {
		Map<String, Object> values = new LinkedHashMap<>();
		if (searching()) {
			values.put("q", this.q);
		}
		if (!DEFAULT_SORT.equals(column) || direction != DEFAULT_DIR) {
			values.put("sort", column);
			values.put("dir", direction.name().toLowerCase());
		}
		if (this.size != this.defaultSize) {
			values.put("size", this.size);
		}
		if (target > 1) {
			values.put("page", target);
		}
		UriComponentsBuilder builder = UriComponentsBuilder.fromPath("/users");
		values.keySet().forEach((name) -> builder.queryParam(name, "{" + name + "}"));
		return builder.encode().buildAndExpand(values).toUriString();
	}

}
