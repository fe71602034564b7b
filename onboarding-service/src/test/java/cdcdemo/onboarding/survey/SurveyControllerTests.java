package cdcdemo.onboarding.survey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import cdcdemo.onboarding.system.SecurityTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The survey's web layer alone: the form, validation with field messages,
 * post-redirect-get, one answer per link, the 404 for an unknown link, CSRF and escaping.
 * The surveys store is a test double here; {@code SurveyPagesTests} runs the same pages
 * on a real database and from a real email.
 */
@WebMvcTest(SurveyController.class)
@Import(SecurityTestSupport.class)
class SurveyControllerTests {

	private static final String TOKEN = "AbCdEfGhIjKlMnOpQrStUv";

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	Surveys surveys;

	@Test
	void showsTheFormWithEveryReasonForAnOpenLink() {
		given(this.surveys.state(TOKEN)).willReturn(Optional.of(SurveyState.OPEN));

		assertThat(this.mvc.get().uri("/survey/{token}", TOKEN)).hasStatusOk()
			.bodyText()
			.contains("id=\"survey\"", "action=\"/survey/" + TOKEN + "\"", "name=\"_csrf\"")
			.contains("It was not useful to me", "Privacy concerns", "Something else");
	}

	@Test
	void recordsAnAnswerAndRedirectsToTheThanks() {
		given(this.surveys.state(TOKEN)).willReturn(Optional.of(SurveyState.OPEN));
		given(this.surveys.answer(anyString(), any())).willReturn(true);

		assertThat(this.mvc.post()
			.uri("/survey/{token}", TOKEN)
			.with(csrf())
			.param("reason", "TOO_EXPENSIVE")
			.param("comment", "over my budget")).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/survey/thanks");
		then(this.surveys).should().answer(TOKEN, new SurveyForm(Reason.TOO_EXPENSIVE, "over my budget"));
		assertThat(this.mvc.get().uri("/survey/thanks")).hasStatusOk().bodyText().contains("id=\"thanks\"");
	}

	@Test
	void answersAnUnknownLinkWithTheNotFoundPage() {
		given(this.surveys.state(TOKEN)).willReturn(Optional.empty());

		assertThat(this.mvc.get().uri("/survey/{token}", TOKEN)).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.mvc.post().uri("/survey/{token}", TOKEN).with(csrf()).param("reason", "OTHER"))
			.hasStatus(HttpStatus.NOT_FOUND);
		then(this.surveys).should(never()).answer(anyString(), any());
	}

	@Test
	void refusesASecondAnswerWithAConflictPage() {
		given(this.surveys.state(TOKEN)).willReturn(Optional.of(SurveyState.ANSWERED));

		assertThat(this.mvc.get().uri("/survey/{token}", TOKEN)).hasStatus(HttpStatus.CONFLICT)
			.bodyText()
			.contains("id=\"already-answered\"");
		assertThat(this.mvc.post().uri("/survey/{token}", TOKEN).with(csrf()).param("reason", "OTHER"))
			.hasStatus(HttpStatus.CONFLICT)
			.bodyText()
			.contains("already been answered");
		then(this.surveys).should(never()).answer(anyString(), any());
	}

	@Test
	void answersAnExpiredLinkWithTheGonePageAndRecordsNothing() {
		given(this.surveys.state(TOKEN)).willReturn(Optional.of(SurveyState.EXPIRED));

		assertThat(this.mvc.get().uri("/survey/{token}", TOKEN)).hasStatus(HttpStatus.GONE)
			.bodyText()
			.contains("id=\"expired\"", "This link has expired")
			.doesNotContain("id=\"survey\"");
		assertThat(this.mvc.post().uri("/survey/{token}", TOKEN).with(csrf()).param("reason", "OTHER"))
			.hasStatus(HttpStatus.GONE);
		then(this.surveys).should(never()).answer(anyString(), any());
	}

	@Test
	void showsTheConflictPageWhenAnotherAnswerWonTheRace() {
		given(this.surveys.state(TOKEN)).willReturn(Optional.of(SurveyState.OPEN), Optional.of(SurveyState.ANSWERED));
		given(this.surveys.answer(anyString(), any())).willReturn(false);

		assertThat(this.mvc.post().uri("/survey/{token}", TOKEN).with(csrf()).param("reason", "OTHER"))
			.hasStatus(HttpStatus.CONFLICT)
			.bodyText()
			.contains("already been answered");
	}

	@Test
	void asksForAReasonAndKeepsWhatWasTypedEscaped() {
		given(this.surveys.state(TOKEN)).willReturn(Optional.of(SurveyState.OPEN));

		assertThat(this.mvc.post().uri("/survey/{token}", TOKEN).with(csrf()).param("comment", "<b>no reason</b>"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("id=\"reason-error\"", "&lt;b&gt;no reason&lt;/b&gt;")
			.doesNotContain("<b>no reason</b>");
		assertThat(
				this.mvc.post().uri("/survey/{token}", TOKEN).with(csrf()).param("reason", "'); drop table survey; --"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("Please choose one of the reasons listed.");
		assertThat(this.mvc.post()
			.uri("/survey/{token}", TOKEN)
			.with(csrf())
			.param("reason", "OTHER")
			.param("comment", "x".repeat(2001))).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("id=\"comment-error\"", "Please keep it under 2,000 characters.");
		then(this.surveys).should(never()).answer(anyString(), any());
	}

	@Test
	void refusesAnAnswerWithoutTheFormsCsrfToken() {
		given(this.surveys.state(TOKEN)).willReturn(Optional.of(SurveyState.OPEN));

		assertThat(this.mvc.post().uri("/survey/{token}", TOKEN).param("reason", "OTHER"))
			.hasStatus(HttpStatus.FORBIDDEN);
		then(this.surveys).should(never()).answer(anyString(), any());
	}

	@Test
	void showsTheAnswersOnlyAfterALogin() {
		assertThat(this.mvc.get().uri("/surveys").accept(MediaType.TEXT_HTML)).hasStatus(HttpStatus.FOUND)
			.headers()
			.hasValue(HttpHeaders.LOCATION, "/login");
		then(this.surveys).should(never()).answers();
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void listsTheAnswersEscaped() {
		given(this.surveys.answers()).willReturn(List.of(new SurveyAnswer(Instant.parse("2026-03-01T10:15:00Z"),
				Reason.PRIVACY, "<script>alert('x')</script>")));

		assertThat(this.mvc.get().uri("/surveys")).hasStatusOk()
			.bodyText()
			.contains("Privacy concerns", "2026-03-01", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
			.doesNotContain("<script>alert");
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void saysSoWhenNobodyAnsweredYet() {
		assertThat(this.mvc.get().uri("/surveys")).hasStatusOk().bodyText().contains("id=\"no-answers\"");
	}

}
