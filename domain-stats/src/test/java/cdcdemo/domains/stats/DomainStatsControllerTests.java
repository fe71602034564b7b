package cdcdemo.domains.stats;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import cdcdemo.events.ChangeEvent;
import cdcdemo.events.Operation;
import cdcdemo.platformweb.HeaderAssertions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page and the JSON alone, on counts filled directly.
 * {@code DomainStatsApplicationTests} shows the same over a real broker.
 */
@WebMvcTest(DomainStatsController.class)
@Import(DomainCounts.class)
class DomainStatsControllerTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	DomainCounts counts;

	@BeforeEach
	void forgetEveryone() {
		this.counts.apply(new ChangeEvent<>(Operation.TRUNCATE, null, null, null, null));
	}

	@Test
	void answersTheCountsAsJsonMostUsersFirst() {
		create(1, "ada@example.com");
		create(2, "grace@navy.mil");
		create(3, "alan@example.com");

		assertThat(this.mvc.get().uri("/api/domains")).hasStatusOk()
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.bodyJson()
			.isStrictlyEqualTo("""
					[{"domain":"example.com","users":2},{"domain":"navy.mil","users":1}]""");
	}

	@Test
	void listsTheCountsOnThePageEscapingWhatUsersTyped() {
		create(4, "eve@<script>alert(1)</script>.org");

		assertThat(this.mvc.get().uri("/")).hasStatusOk()
			.bodyText()
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;.org")
			.doesNotContain("<script>alert(1)</script>");
	}

	@Test
	void carriesThePlatformsHeader() throws UnsupportedEncodingException {
		create(5, "ada@example.com");

		MvcTestResult result = this.mvc.get().uri("/").exchange();

		assertThat(result).hasStatusOk();
		HeaderAssertions.assertCarriesTheHeader(result.getResponse().getContentAsString(StandardCharsets.UTF_8),
				"domains");
		assertThat(result).bodyText().contains("<td class=\"domain\">example.com</td>");
	}

	private void create(long id, String email) {
		this.counts.apply(new ChangeEvent<>(Operation.CREATE, null, new UserRow(id, email), null, null));
	}

}
