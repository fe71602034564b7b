package cdcdemo.onboarding.dashboard;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import cdcdemo.onboarding.dashboard.Dashboard.Journey;
import cdcdemo.onboarding.dashboard.Dashboard.SentEmail;
import cdcdemo.onboarding.dashboard.Dashboard.Step;
import cdcdemo.onboarding.system.SecurityTestSupport;
import cdcdemo.platformweb.HeaderAssertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

/**
 * The dashboard's web layer alone: what the page shows of the journeys, the counts and
 * the recent emails, escaped. The queries behind it are a test double here;
 * {@code SurveyPagesTests} shows the page on a real database.
 */
@WithMockUser(roles = "VIEWER")
@WebMvcTest(DashboardController.class)
@Import(SecurityTestSupport.class)
class DashboardControllerTests {

	private static final Instant SENT = Instant.parse("2026-03-01T10:15:00Z");

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	Dashboard dashboard;

	@Test
	void showsEachJourneyWithTheStateOfEveryStep() {
		given(this.dashboard.journeys(anyInt())).willReturn(List.of(new Journey(7, "Ada", "Lovelace", "ada@example.com",
				List.of(new Step("welcome", "SENT", null, SENT, 0, null),
						new Step("tips", "SCHEDULED", SENT.plusSeconds(86_400), null, 2, "SMTP down")))));
		given(this.dashboard.emailsSentPerStep()).willReturn(Map.of("welcome", 3L));
		given(this.dashboard.deadLetters()).willReturn(1L);
		given(this.dashboard.surveysAnswered()).willReturn(4L);

		assertThat(this.mvc.get().uri("/")).hasStatusOk()
			.bodyText()
			.contains("data-user=\"7\"", "Ada Lovelace &lt;ada@example.com&gt;")
			.containsPattern("data-step=\"welcome\" data-state=\"SENT\"|data-state=\"SENT\" data-step=\"welcome\"")
			.contains("welcome: sent", "tips: scheduled", "due 2026-03-02", "2 failed attempt(s): SMTP down")
			.contains("id=\"sent-welcome\">3<", "id=\"dead-letters\">1<", "id=\"surveys-answered\">4<");
	}

	@Test
	void carriesThePlatformsHeaderAboveItsOwnNavigation() throws UnsupportedEncodingException {
		given(this.dashboard.journeys(anyInt())).willReturn(List.of());

		MvcTestResult result = this.mvc.get().uri("/").exchange();

		assertThat(result).hasStatusOk();
		String html = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		HeaderAssertions.assertCarriesTheHeader(html, "onboarding");
		assertThat(Jsoup.parse(html).select("body > header a")).extracting((link) -> link.id())
			.containsExactly("nav-dashboard", "nav-surveys");
	}

	@Test
	void saysSoWhenThereIsNoJourneyYet() {
		given(this.dashboard.journeys(anyInt())).willReturn(List.of());

		assertThat(this.mvc.get().uri("/")).hasStatusOk()
			.bodyText()
			.contains("No journeys yet")
			.doesNotContain("id=\"journeys\"");
	}

	@Test
	void showsAnErasedUserWithoutNameOrAddress() {
		given(this.dashboard.journeys(anyInt())).willReturn(List
			.of(new Journey(8, null, null, null, List.of(new Step("welcome", "CANCELLED", null, SENT, 0, null)))));
		given(this.dashboard.recentEmails(anyInt())).willReturn(List.of(new SentEmail(8, "welcome", null, SENT)));

		assertThat(this.mvc.get().uri("/")).hasStatusOk()
			.bodyText()
			.contains("data-user=\"8\"", "(erased)", "welcome: cancelled")
			.doesNotContain("null");
	}

	@Test
	void escapesWhatCameFromTheEvents() {
		given(this.dashboard.journeys(anyInt()))
			.willReturn(List.of(new Journey(9, "<script>alert(1)</script>", "X", "x@example.com", List.of())));

		assertThat(this.mvc.get().uri("/")).hasStatusOk()
			.bodyText()
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert(1)</script>");
	}

	@Test
	void asksForTheFiftyNewestJourneysAndTwentyNewestEmails() {
		assertThat(this.mvc.get().uri("/")).hasStatusOk();

		then(this.dashboard).should().journeys(50);
		then(this.dashboard).should().recentEmails(20);
	}

}
