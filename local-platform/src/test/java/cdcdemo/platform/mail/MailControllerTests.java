package cdcdemo.platform.mail;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import cdcdemo.platformweb.HeaderAssertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/**
 * The mail catcher's page alone, on caught mail given directly: it carries the header the
 * platform's apps share, with its own page and the home page linked relative to this
 * server, and the mail as text.
 */
@WebMvcTest(MailController.class)
class MailControllerTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	MailCatcher mailCatcher;

	@Test
	void showsTheMailUnderThePlatformsHeader() throws UnsupportedEncodingException {
		given(this.mailCatcher.received()).willReturn(List.of(new ReceivedMail(1, Instant.parse("2026-03-01T10:15:00Z"),
				"onboarding@example.com", "ada@example.com", "Welcome <b>Ada</b>", "Hello", null)));

		String page = page("/");

		HeaderAssertions.assertCarriesTheHeader(page, "mail", Map.of("home", "/platform", "mail", "/"));
		assertThat(page).contains("id=\"mail-1\"", "Welcome &lt;b&gt;Ada&lt;/b&gt;");
	}

	private String page(String path) throws UnsupportedEncodingException {
		MvcTestResult result = this.mvc.get().uri(path).exchange();
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

}
