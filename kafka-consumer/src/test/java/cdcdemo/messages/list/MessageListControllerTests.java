package cdcdemo.messages.list;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import cdcdemo.messages.list.CdcTopics.CdcTopic;
import cdcdemo.messages.list.HistoryReader.History;
import cdcdemo.messages.list.PageReader.Page;
import cdcdemo.messages.masking.Masking;
import cdcdemo.messages.masking.View;
import cdcdemo.platformweb.HeaderAssertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

/**
 * The web layer alone: the page and its security headers, the live list's filters, which
 * topics may be read at all, and how a whole value is served. What sits behind the
 * controllers (the in-memory list, the reader, the archive, the topic list) is a test
 * double here; the list applies the filter the controller builds.
 * {@code MessageBrowsingTests} and {@code MessagePageBrowserTests} run the same on a real
 * broker. The login is a mock one: an admin by default, a viewer where a test says so.
 */
@WebMvcTest({ MessageListController.class, MessageApiController.class, MessageDownloadController.class })
@EnableConfigurationProperties(MessagesProperties.class)
@WithMockUser(roles = "ADMIN")
class MessageListControllerTests {

	private static final String USERS = "monolith.public.users";

	private static final Masking MASKING = Masking.of(JsonMapper.builder().build(), List.of("email"));

	private final MessageMapper mapper = new MessageMapper(JsonMapper.builder().build(), MASKING,
			new TableSchemas(JsonMapper.builder().build()));

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	RecentMessages messages;

	@MockitoBean
	MessageStream stream;

	@MockitoBean
	TopicArchive archive;

	@MockitoBean
	CdcTopics topics;

	@MockitoBean
	TopicExport export;

	@MockitoBean
	TopicReader reader;

	@BeforeEach
	void offerTheUsersTopic() {
		given(this.topics.offers(USERS)).willReturn(true);
		showing();
	}

	@Test
	void showsTheNewestRecordsEscapedWithAPolicyThatRunsOnlyItsOwnScript() {
		showing(record(0, 1, "c", "<script>alert(1)</script>"));

		assertThat(this.mvc.get().uri("/")).hasStatusOk()
			.hasHeader("Content-Security-Policy",
					"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
							+ "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
			.bodyText()
			.contains("data-op=\"c\"", "data-topics=\"" + USERS + "\"", "data-masked-fields=\"email\"")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert(1)</script>");
		then(this.reader).should(never()).watch(anyString());
	}

	@Test
	void carriesThePlatformsHeaderWithinItsPolicy() throws UnsupportedEncodingException {
		MvcTestResult result = this.mvc.get().uri("/").exchange();

		assertThat(result).hasStatusOk();
		HeaderAssertions.assertCarriesTheHeader(result.getResponse().getContentAsString(StandardCharsets.UTF_8),
				"messages");
		assertThat(result).bodyText().doesNotContain("style=", "<style");
	}

	@Test
	void saysSoWhileNoRecordArrived() {
		assertThat(this.mvc.get().uri("/")).hasStatusOk().bodyText().containsPattern("<p id=\"empty\"(?! hidden)");
	}

	@Test
	void startsReadingAnOfferedTopicChosenOnThePage() {
		given(this.topics.offers("monolith.public.orders")).willReturn(true);

		assertThat(this.mvc.get().uri("/").param("topic", "monolith.public.orders")).hasStatusOk()
			.bodyText()
			.contains("data-topic=\"monolith.public.orders\"");
		then(this.reader).should().watch("monolith.public.orders");
	}

	@Test
	void refusesTopicsItDoesNotOffer() {
		assertThat(this.mvc.get().uri("/").param("topic", "__consumer_offsets")).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.mvc.get().uri("/api/history").param("topic", "_schemas").param("key", "1"))
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.mvc.get()
			.uri("/api/value")
			.param("topic", "cdc-offsets")
			.param("partition", "0")
			.param("offset", "0")).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.mvc.get().uri("/stream").param("topic", "cdc-offsets")).hasStatus(HttpStatus.NOT_FOUND);
		then(this.reader).should(never()).watch(anyString());
		then(this.archive).shouldHaveNoInteractions();
	}

	@Test
	void filtersTheLiveListByOperationAndText() {
		showing(record(2, 3, "c", "Grace"), record(1, 2, "u", "Grace"), record(0, 1, "c", "Ada"));

		assertThat(this.mvc.get().uri("/api/messages").param("op", "c").param("text", "grace")).hasStatusOk()
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.bodyJson()
			.extractingPath("$[*].offset")
			.asArray()
			.containsExactly(2);
		assertThat(this.mvc.get().uri("/api/messages")).bodyJson()
			.extractingPath("$[*].offset")
			.asArray()
			.containsExactly(2, 1, 0);
	}

	@Test
	void readsOlderPagesAndAnswersAMissingPartitionWithNotFound() {
		given(this.archive.page(eq(USERS), eq(0), eq(40L), eq(10), any(), eq(MASKING.clear())))
			.willReturn(Optional.of(new Page(USERS, 0, List.of(message(39, 1, "c", "Ada")), 39L, 0, 120)));
		given(this.archive.page(eq(USERS), eq(5), any(), anyInt(), any(), any())).willReturn(Optional.empty());

		assertThat(this.mvc.get()
			.uri("/api/messages")
			.param("topic", USERS)
			.param("partition", "0")
			.param("before", "40")
			.param("limit", "10")).hasStatusOk().bodyJson().extractingPath("$.nextBefore").isEqualTo(39);
		assertThat(this.mvc.get().uri("/api/messages").param("topic", USERS).param("partition", "5"))
			.hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void showsTheHistoryOfOneKey() {
		given(this.archive.history(USERS, "{\"id\":1}", true, MASKING.clear()))
			.willReturn(Optional.of(new History(USERS, "{\"id\":1}",
					List.of(message(0, 1, "c", "Ada"), message(4, 1, "u", "Ada")), 0, true, 2, true, 3)));

		assertThat(this.mvc.get().uri("/api/history").param("topic", USERS).param("key", "{\"id\":1}")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.events[*].op")
			.asArray()
			.containsExactly("c", "u");
	}

	@Test
	void servesAWholeValueAsTextNoBrowserRuns() {
		String value = "{\"payload\":{\"after\":{\"first_name\":\"<img src=x onerror=alert(1)>\"}}}";
		given(this.archive.record(USERS, 0, 7)).willReturn(Optional.of(new ConsumerRecord<>(USERS, 0, 7, "k", value)));

		assertThat(this.mvc.get().uri("/api/value").param("topic", USERS).param("partition", "0").param("offset", "7"))
			.hasStatusOk()
			.hasContentType("text/plain;charset=UTF-8")
			.hasHeader("X-Content-Type-Options", "nosniff")
			.hasHeader("Content-Security-Policy", "default-src 'none'; sandbox")
			.hasHeader("Cache-Control", "no-store")
			.hasBodyTextEqualTo(value);
	}

	@Test
	void answersATombstoneWithNoContentAndAMissingRecordWithNotFound() {
		given(this.archive.record(eq(USERS), eq(0), anyLong())).willReturn(Optional.empty());
		given(this.archive.record(USERS, 0, 8)).willReturn(Optional.of(new ConsumerRecord<>(USERS, 0, 8, "k", null)));

		assertThat(this.mvc.get().uri("/api/value").param("topic", USERS).param("partition", "0").param("offset", "8"))
			.hasStatus(HttpStatus.NO_CONTENT);
		assertThat(this.mvc.get().uri("/api/value").param("topic", USERS).param("partition", "0").param("offset", "9"))
			.hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void showsAnAdminTheClearValuesBlurredWithTheRevealButton() {
		showing(record(0, 1, "c", "Ada", "ada@example.com"));

		assertThat(this.mvc.get().uri("/")).hasStatusOk()
			.bodyText()
			.contains("ada@example.com", "id=\"reveal\"", "data-masking=\"blur\"", "class=\"masked\"");
		assertThat(this.mvc.get().uri("/api/messages").param("text", "ada@example.com")).bodyJson()
			.extractingPath("$[*].offset")
			.asArray()
			.containsExactly(0);
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void showsAViewerTheValuesMaskedByTheServerWithoutARevealButton() {
		showing(record(0, 1, "c", "Ada", "ada@example.com"));

		assertThat(this.mvc.get().uri("/")).hasStatusOk()
			.bodyText()
			.doesNotContain("ada@example.com", "id=\"reveal\"", "class=\"masked\"")
			.contains("data-masking=\"server\"", "data-masked-fields=\"email\"", "class=\"masked-by-server\">masked:");
		assertThat(this.mvc.get().uri("/api/messages")).hasStatusOk()
			.bodyText()
			.doesNotContain("ada@example.com")
			.contains("\"after\":\"masked:");
	}

	@Test
	@WithMockUser(roles = "OPERATOR")
	void neverFindsARecordByAMaskedValueForAnOperator() {
		showing(record(0, 1, "c", "Ada", "ada@example.com"));

		assertThat(this.mvc.get().uri("/api/messages").param("text", "ada@example.com")).bodyJson()
			.extractingPath("$")
			.asArray()
			.isEmpty();
		assertThat(this.mvc.get().uri("/api/messages").param("text", "ada")).bodyJson()
			.extractingPath("$[*].offset")
			.asArray()
			.as("the first name is not masked")
			.containsExactly(0);
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void servesAViewerAWholeValueMasked() {
		String value = "{\"payload\":{\"after\":{\"id\":1,\"email\":\"ada@example.com\",\"note\":null}}}";
		given(this.archive.record(USERS, 0, 7)).willReturn(Optional.of(new ConsumerRecord<>(USERS, 0, 7, "k", value)));

		assertThat(this.mvc.get().uri("/api/value").param("topic", USERS).param("partition", "0").param("offset", "7"))
			.hasStatusOk()
			.bodyText()
			.doesNotContain("ada@example.com")
			.contains("\"email\":\"masked:", "\"note\":null");
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void asksTheArchiveForTheViewersView() {
		given(this.archive.history(eq(USERS), anyString(), eq(true), any())).willReturn(Optional.empty());

		this.mvc.get().uri("/api/history").param("topic", USERS).param("key", "{\"id\":1}").exchange();

		then(this.archive).should().history(USERS, "{\"id\":1}", true, MASKING.masked());
	}

	@Test
	void listsTheTopicsToChooseFrom() {
		given(this.topics.list())
			.willReturn(List.of(new CdcTopic(USERS, 1, true), new CdcTopic("audit.public.users", 3, false)));

		assertThat(this.mvc.get().uri("/api/topics")).hasStatusOk()
			.bodyJson()
			.extractingPath("$[*].name")
			.asArray()
			.containsExactly(USERS, "audit.public.users");
	}

	/**
	 * The in-memory list holds these records, newest first, and gives each view its copy
	 * of them, as the real one does.
	 */
	@SafeVarargs
	@SuppressWarnings("unchecked")
	private void showing(ConsumerRecord<String, String>... newestFirst) {
		given(this.messages.newestFirst(any(View.class), any(Predicate.class)))
			.willAnswer((invocation) -> List.of(newestFirst)
				.stream()
				.map((record) -> this.mapper.map(record, invocation.<View>getArgument(0)))
				.filter(invocation.<Predicate<Message>>getArgument(1))
				.toList());
	}

	private Message message(long offset, int id, String op, String firstName) {
		return this.mapper.map(record(offset, id, op, firstName));
	}

	private static ConsumerRecord<String, String> record(long offset, int id, String op, String firstName) {
		return record(offset, id, op, firstName, null);
	}

	private static ConsumerRecord<String, String> record(long offset, int id, String op, String firstName,
			String email) {
		String after = "{\"id\":" + id + ",\"first_name\":\"" + firstName.replace("\"", "\\\"") + "\""
				+ ((email != null) ? ",\"email\":\"" + email + "\"" : "") + "}";
		return new ConsumerRecord<>(USERS, 0, offset, "{\"payload\":{\"id\":" + id + "}}",
				"{\"schema\":{\"type\":\"struct\"},\"payload\":{\"before\":null,\"after\":" + after
						+ ",\"source\":{\"schema\":\"public\",\"table\":\"users\"},\"op\":\"" + op + "\"}}");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class MaskingOfEmails {

		@Bean
		Masking masking() {
			return MASKING;
		}

	}

}
