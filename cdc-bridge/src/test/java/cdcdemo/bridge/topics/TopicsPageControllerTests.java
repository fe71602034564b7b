package cdcdemo.bridge.topics;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import cdcdemo.bridge.system.SecurityTestSupport;
import cdcdemo.platformweb.HeaderAssertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/**
 * The topics page's web layer alone, on topics given directly: the platform's header (the
 * bridge marked) above the bridge's own navigation, and the topics' table under it. The
 * connector pages share the same fragments ({@code fragments :: nav}).
 */
@WithMockUser(roles = "VIEWER")
@WebMvcTest(TopicsPageController.class)
@Import(SecurityTestSupport.class)
class TopicsPageControllerTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	TopicsMonitor monitor;

	@Test
	void showsTheTopicsUnderThePlatformsHeader() throws UnsupportedEncodingException {
		given(this.monitor.topics()).willReturn(List
			.of(new TopicStats("monolith.public.users", 1, 3, 0.5, 3000, 50.0, 604_800_000L, "delete", List.of())));

		MvcTestResult result = this.mvc.get().uri("/topics").exchange();

		assertThat(result).hasStatusOk();
		String html = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		HeaderAssertions.assertCarriesTheHeader(html, "bridge");
		Document page = Jsoup.parse(html);
		assertThat(page.select("body > header a")).extracting((link) -> link.attr("href"))
			.containsExactly("/", "/topics", "/actuator/health");
		assertThat(page.select("#topics tbody td:first-child")).extracting(Element::text)
			.containsExactly("monolith.public.users");
	}

}
