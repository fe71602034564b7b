package cdcdemo.onboarding.dashboard;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
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
import cdcdemo.onboarding.dashboard.PartitionTable.Consumer;
import cdcdemo.onboarding.dashboard.PartitionTable.Partition;
import cdcdemo.onboarding.system.SecurityTestSupport;
import cdcdemo.platformweb.HeaderAssertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

/**
 * The dashboard's web layer alone: what the page shows of the journeys, the counts, the
 * recent emails and the owners of the partitions, escaped. The queries behind it are test
 * doubles here; {@code SurveyPagesTests} shows the page on a real database and
 * {@code PartitionsTests} its partitions on a real broker.
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

	@MockitoBean
	PartitionOwners partitionOwners;

	@BeforeEach
	void noPartitionsYet() {
		given(this.partitionOwners.read())
			.willReturn(new PartitionTable("onboarding-service", "onboarding-1a2b3c4d", List.of(), List.of(), null));
	}

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

	@Test
	void showsWhoOwnsEachPartitionWithItsLag() throws UnsupportedEncodingException {
		Consumer mine = new Consumer("onboarding-1a2b3c4d-0", "10.0.0.7", true);
		Consumer theirs = new Consumer("onboarding-99ff00ee-0", "10.0.0.8", false);
		given(this.partitionOwners.read()).willReturn(new PartitionTable("onboarding-service", "onboarding-1a2b3c4d",
				List.of(new Partition("monolith.public.users", 0, mine, 40L, 42, 2L),
						new Partition("monolith.public.users", 1, theirs, 17L, 17, 0L),
						new Partition("monolith.public.users", 2, null, null, 5, null)),
				List.of(new Consumer("onboarding-1a2b3c4d-1", "10.0.0.7", true)), null));

		Document page = page();

		assertThat(page.select("#partitions tr.partition"))
			.extracting((row) -> row.attr("data-partition"), (row) -> row.attr("data-replica"),
					(row) -> row.select("td").stream().map(Element::text).toList())
			.containsExactly(
					tuple("0", "this",
							List.of("monolith.public.users-0", "onboarding-1a2b3c4d-0", "10.0.0.7", "this replica",
									"40", "42", "2")),
					tuple("1", "other",
							List.of("monolith.public.users-1", "onboarding-99ff00ee-0", "10.0.0.8", "another replica",
									"17", "17", "0")),
					tuple("2", "none",
							List.of("monolith.public.users-2", "nobody (rebalancing)", "", "none yet", "5", "")));
		assertThat(page.select("#idle-consumers .idle").eachText())
			.containsExactly("onboarding-1a2b3c4d-1 (this replica)");
		assertThat(page.text()).contains("Consumer group onboarding-service",
				"this replica's consumers are onboarding-1a2b3c4d-0");
		assertThat(page.select("#partitions-unavailable")).isEmpty();
	}

	@Test
	void saysKafkaDidNotAnswerAndShowsTheRestOfThePage() throws UnsupportedEncodingException {
		given(this.partitionOwners.read()).willReturn(
				PartitionTable.failed("onboarding-service", "onboarding-1a2b3c4d", "Kafka did not answer within 3 s."));
		given(this.dashboard.journeys(anyInt())).willReturn(List.of(new Journey(7, "Ada", "Lovelace", "ada@example.com",
				List.of(new Step("welcome", "SENT", null, SENT, 0, null)))));
		given(this.dashboard.deadLetters()).willReturn(1L);

		Document page = page();

		assertThat(page.select("#partitions-unavailable").text()).isEqualTo("Kafka did not answer within 3 s.");
		assertThat(page.select("#partitions")).isEmpty();
		assertThat(page.select("#journeys tr.journey").eachAttr("data-user")).containsExactly("7");
		assertThat(page.select("#dead-letters").text()).isEqualTo("1");
	}

	@Test
	void escapesWhatCameFromKafka() {
		given(this.partitionOwners.read()).willReturn(new PartitionTable("onboarding-service", "onboarding-1a2b3c4d",
				List.of(new Partition("monolith.public.users", 0, new Consumer("<b>x</b>", "h", false), 0L, 0, 0L)),
				List.of(), null));

		assertThat(this.mvc.get().uri("/")).hasStatusOk()
			.bodyText()
			.contains("&lt;b&gt;x&lt;/b&gt;")
			.doesNotContain("<b>x</b>");
	}

	private Document page() throws UnsupportedEncodingException {
		MvcTestResult result = this.mvc.get().uri("/").exchange();
		assertThat(result).hasStatusOk();
		return Jsoup.parse(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
	}

}
