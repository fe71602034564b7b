package cdcdemo.onboarding.user;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import cdcdemo.onboarding.survey.Surveys;
import cdcdemo.platform.mail.ReceivedMail;

import cdcdemo.testsupport.HeadlessChromium;
import cdcdemo.testsupport.TestLogins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The pages people see: the survey behind the link of the exit-survey email (one answer
 * per link, unknown links refused, forms protected against cross-site request forgery,
 * what people write escaped), the results, the dashboard, and the Actuator endpoints. The
 * browser test follows a real survey email in headless Chromium (Debian's chromium and
 * chromium-driver; skipped without them, failed without them in CI) and saves screenshots
 * {@code onboarding-*.png} to {@code target/screenshots} or the directory of
 * {@code -Dscreenshots.dir}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@DirtiesContext
@Tag("system")
@WithMockUser(roles = "VIEWER")
class SurveyPagesTests {

	private static final Pattern SURVEY_LINK = Pattern.compile("http://\\S+/survey/[A-Za-z0-9_-]{22}");

	@RegisterExtension
	static final TestServers servers = new TestServers(1);

	@LocalServerPort
	int port;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Surveys surveys;

	@Autowired
	DataSource dataSource;

	@Autowired
	ObjectMapper objectMapper;

	private final HttpClient http = HttpClient.newBuilder().authenticator(TestLogins.VIEWER.authenticator()).build();

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		servers.register(registry);
	}

	@Test
	void takesOneAnswerPerLinkAndRefusesTheSecond() {
		String token = this.surveys.open(2001);

		assertThat(this.mvc.get().uri("/survey/{token}", token)).hasStatusOk()
			.bodyText()
			.contains("Why did you leave?")
			.contains("name=\"_csrf\"");
		assertThat(this.mvc.post()
			.uri("/survey/{token}", token)
			.with(csrf())
			.param("reason", "TOO_EXPENSIVE")
			.param("comment", "Great, but over my budget")).hasStatus(HttpStatus.FOUND)
			.hasRedirectedUrl("/survey/thanks");
		assertThat(this.mvc.post()
			.uri("/survey/{token}", token)
			.with(csrf())
			.param("reason", "OTHER")
			.param("comment", "changing my answer")).hasStatus(HttpStatus.CONFLICT)
			.bodyText()
			.contains("already been answered");
		assertThat(this.mvc.get().uri("/survey/{token}", token)).hasStatus(HttpStatus.CONFLICT)
			.bodyText()
			.contains("already been answered");
		assertThat(this.mvc.get().uri("/surveys")).hasStatusOk()
			.bodyText()
			.contains("Great, but over my budget")
			.contains("Too expensive")
			.doesNotContain("changing my answer");
	}

	@Test
	void aLinkPastItsTimeShowsThatItExpiredAndTakesNoAnswer() throws Exception {
		String token = this.surveys.open(2090);
		JdbcClient.create(this.dataSource)
			.sql("update survey set sent_at = now() - interval '31 days' where token = ?")
			.param(token)
			.update();

		HttpResponse<String> get = get("/survey/" + token);
		assertThat(get.statusCode()).isEqualTo(410);
		assertThat(get.body()).contains("This link has expired");
		assertThat(this.mvc.post().uri("/survey/{token}", token).with(csrf()).param("reason", "OTHER"))
			.hasStatus(HttpStatus.GONE);
		assertThat(JdbcClient.create(this.dataSource)
			.sql("select answered_at is null from survey where token = ?")
			.param(token)
			.query(Boolean.class)
			.single()).as("no answer recorded").isTrue();
	}

	@Test
	void answersAnUnknownLinkWithANotFoundPage() throws Exception {
		HttpResponse<String> get = get("/survey/AAAAAAAAAAAAAAAAAAAAAA");
		assertThat(get.statusCode()).isEqualTo(404);
		assertThat(get.body()).contains("This link is not known here");
		assertThat(
				this.mvc.post().uri("/survey/{token}", "AAAAAAAAAAAAAAAAAAAAAA").with(csrf()).param("reason", "OTHER"))
			.hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void refusesAnAnswerWithoutTheFormsCsrfToken() {
		String token = this.surveys.open(2002);

		assertThat(this.mvc.post().uri("/survey/{token}", token).param("reason", "OTHER"))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.get().uri("/survey/{token}", token)).hasStatusOk();
	}

	@Test
	void refusesHostileAnswersAndKeepsWhatIsStoredAsText() {
		String token = this.surveys.open(2004);

		assertThat(this.mvc.post()
			.uri("/survey/{token}", token)
			.with(csrf())
			.param("reason", "OTHER")
			.param("comment", "x".repeat(10_000))).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("id=\"comment-error\"")
			.contains("Please keep it under 2,000 characters.");
		assertThat(
				this.mvc.post().uri("/survey/{token}", token).with(csrf()).param("reason", "'); drop table survey; --"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("Please choose one of the reasons listed.");
		assertThat(this.mvc.get().uri("/survey/{token}", token)).as("nothing recorded yet").hasStatusOk();

		assertThat(this.mvc.post()
			.uri("/survey/{token}", token)
			.with(csrf())
			.param("reason", "OTHER")
			.param("comment", "'); drop table survey; --")).hasStatus(HttpStatus.FOUND);
		assertThat(this.mvc.get().uri("/surveys")).hasStatusOk().bodyText().contains("&#39;); drop table survey; --");
	}

	@Test
	void asksForAReasonAndEscapesWhatPeopleWrite() {
		String token = this.surveys.open(2003);

		assertThat(this.mvc.post().uri("/survey/{token}", token).with(csrf()).param("comment", "<b>no reason</b>"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("id=\"reason-error\"")
			.contains("&lt;b&gt;no reason&lt;/b&gt;");
		assertThat(this.mvc.post()
			.uri("/survey/{token}", token)
			.with(csrf())
			.param("reason", "PRIVACY")
			.param("comment", "<script>alert('x')</script>")).hasStatus(HttpStatus.FOUND);
		assertThat(this.mvc.get().uri("/surveys")).hasStatusOk()
			.bodyText()
			.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
			.doesNotContain("<script>alert");
	}

	@Test
	void reportsHealthAndCountsEmailsSent() throws Exception {
		ChangeEvents events = new ChangeEvents(this.objectMapper);
		servers.send(events.key(2101), events.created(2101, "Katherine", "Johnson", "katherine@pages.example"));
		servers.awaitMailTo("katherine@pages.example", "Welcome");

		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"");
		HttpResponse<String> scheduler = get("/actuator/health/scheduler");
		assertThat(scheduler.statusCode()).isEqualTo(200);
		assertThat(scheduler.body()).contains("\"status\":\"UP\"");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			HttpResponse<String> metric = get("/actuator/metrics/onboarding.emails.sent?tag=step:welcome");
			assertThat(metric.statusCode()).isEqualTo(200);
			assertThat(metric.body()).contains("\"COUNT\"");
		});
		assertThat(this.mvc.get().uri("/")).hasStatusOk()
			.bodyText()
			.contains("Katherine Johnson &lt;katherine@pages.example&gt;")
			.containsPattern("data-step=\"welcome\" data-state=\"SENT\"|data-state=\"SENT\" data-step=\"welcome\"")
			.containsPattern("data-step=\"tips\" data-state=\"SCHEDULED\"|data-state=\"SCHEDULED\" data-step=\"tips\"");
	}

	@Test
	void aPersonAnswersTheSurveyFromTheEmailInABrowser() {
		ChangeEvents events = new ChangeEvents(this.objectMapper);
		servers.send(events.key(2201), events.created(2201, "Barbara", "Liskov", "barbara@pages.example"));
		servers.awaitMailTo("barbara@pages.example", "Welcome");
		servers.send(events.key(2201), events.deleted(2201));
		MimeMessage survey = servers.awaitMailTo("barbara@pages.example", "sorry to see you go");
		Matcher link = SURVEY_LINK.matcher(ReceivedMail.textOf(survey, "text/plain"));
		assertThat(link.find()).as("a survey link in the email").isTrue();
		assertThat(ReceivedMail.textOf(survey, "text/html")).contains("href=\"" + link.group() + "\"");

		WebDriver browser = HeadlessChromium.start(1280, 900);
		try {
			browser.get(link.group());
			assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Why did you leave?");
			new Select(browser.findElement(By.id("reason"))).selectByValue("MISSING_FEATURE");
			browser.findElement(By.id("comment")).sendKeys("I needed <b>dark mode</b> & an export.");
			screenshot(browser, "onboarding-01-survey-form");
			browser.findElement(By.id("send")).click();
			// click() returns once the event is dispatched; the post, its redirect and
			// the thank-you page follow
			new WebDriverWait(browser, Duration.ofSeconds(20))
				.until(ExpectedConditions.presenceOfElementLocated(By.id("thanks")));
			assertThat(browser.findElement(By.id("thanks")).getText()).contains("Your answer has been recorded");
			screenshot(browser, "onboarding-02-survey-thanks");

			browser.get(link.group());
			assertThat(browser.findElement(By.id("already-answered")).getText()).contains("already been answered");
			screenshot(browser, "onboarding-03-survey-already-answered");

			// the survey needs no login; its results do
			browser.get(url("/surveys"));
			assertThat(browser.getCurrentUrl()).endsWith("/login");
			TestLogins.VIEWER.logIn(browser, url(""));
			browser.get(url("/surveys"));
			assertThat(browser.findElement(By.id("answers")).getText()).contains("A feature I need is missing")
				.contains("I needed <b>dark mode</b> & an export.");
			screenshot(browser, "onboarding-04-survey-results");

			browser.get(url("/"));
			assertThat(browser
				.findElement(By.cssSelector("tr[data-user='2201'] [data-step='exit-survey'][data-state='SENT']"))
				.isDisplayed()).isTrue();
			assertThat(browser.findElement(By.cssSelector("tr[data-user='2201']")).getText()).contains("(erased)")
				.doesNotContain("barbara@pages.example");
			assertThat(browser.findElements(By.cssSelector("tr[data-user='2201'] [data-state='CANCELLED']")))
				.hasSize(2);
			screenshot(browser, "onboarding-05-dashboard");
		}
		finally {
			browser.quit();
		}
	}

	private void screenshot(WebDriver browser, String name) {
		HeadlessChromium.screenshot((TakesScreenshot) browser, name);
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Accept", "text/html,*/*").build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
