package cdcdemo.platformweb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each app's page tests check of the shared header (the apps take it from this
 * module's test-jar, with jsoup): it is the first thing in the page, links every app
 * where the embedded platform serves it, marks the app serving the page, and the page
 * loads the shared stylesheet.
 */
public final class HeaderAssertions {

	/** The header's links with their default URLs, in the header's order. */
	public static final Map<String, String> DEFAULT_LINKS = defaultLinks();

	private HeaderAssertions() {
	}

	/**
	 * Assert that a page carries the header with the default links.
	 * @param html the page
	 * @param current the app the page belongs to ({@code bridge}, {@code messages}...)
	 * @return the header, for more assertions
	 */
	public static Element assertCarriesTheHeader(String html, String current) {
		return assertCarriesTheHeader(html, current, DEFAULT_LINKS);
	}

	/**
	 * Assert that a page carries the header, some links elsewhere than by default.
	 * @param html the page
	 * @param current the app the page belongs to
	 * @param moved the expected URL of each app not at its default
	 * @return the header, for more assertions
	 */
	public static Element assertCarriesTheHeader(String html, String current, Map<String, String> moved) {
		Map<String, String> links = new LinkedHashMap<>(DEFAULT_LINKS);
		assertThat(links).as("the header's apps").containsKeys(moved.keySet().toArray(String[]::new));
		links.putAll(moved);
		Document page = Jsoup.parse(html);
		Element header = page.selectFirst("nav#platform-header");
		assertThat(header).as("the platform's header in %s", page.title()).isNotNull();
		assertThat(page.body().firstElementChild()).as("the header comes first in the page").isSameAs(header);
		Element name = header.selectFirst(".platform-name");
		assertThat(name).as("the platform's name").isNotNull();
		assertThat(name.text()).isEqualTo("CDC platform");
		Map<String, String> shown = new LinkedHashMap<>();
		header.select("a[data-app]").forEach((link) -> shown.put(link.attr("data-app"), link.attr("href")));
		assertThat(shown).containsExactlyEntriesOf(links);
		assertThat(header.select("a.current[aria-current=page]")).extracting((link) -> link.attr("data-app"))
			.containsExactly(current);
		assertThat(header.select("a[aria-current]")).hasSize(1);
		assertThat(page.head().select("link[rel=stylesheet]")).extracting((link) -> link.attr("href"))
			.contains("/platform/platform.css");
		return header;
	}

	private static Map<String, String> defaultLinks() {
		Map<String, String> links = new LinkedHashMap<>();
		links.put("home", "http://localhost:8025/platform");
		links.put("messages", "http://localhost:8081");
		links.put("onboarding", "http://localhost:8082");
		links.put("bridge", "http://localhost:8083");
		links.put("domains", "http://localhost:8084");
		links.put("mail", "http://localhost:8025");
		return Collections.unmodifiableMap(links);
	}

}
