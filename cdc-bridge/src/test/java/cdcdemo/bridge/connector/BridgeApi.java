package cdcdemo.bridge.connector;

import java.net.HttpCookie;
import cdcdemo.testsupport.TestLogins;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge's JSON API as a test calls it: each call states the status it expects, and
 * answers the body as JSON. Its page too, as a browser session reads it and submits its
 * forms.
 */
public final class BridgeApi {

	private final RestClient client;

	private final ObjectMapper mapper;

	private String session;

	public BridgeApi(int port, ObjectMapper mapper) {
		// some actions wait for a broker that is gone (destroy gives up on it after 15
		// s): no 10 s client timeout
		var requests = new org.springframework.http.client.JdkClientHttpRequestFactory();
		requests.setReadTimeout(java.time.Duration.ofSeconds(90));
		this.client = RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultHeader("Authorization", TestLogins.ADMIN.basic())
			.requestFactory(requests)
			.build();
		this.mapper = mapper;
	}

	public JsonNode call(String method, String path, Object body, int expectedStatus) {
		RestClient.RequestBodySpec request = this.client.method(HttpMethod.valueOf(method)).uri(path);
		request.contentType(MediaType.APPLICATION_JSON);
		if (body != null) {
			request.body(body);
		}
		return request.exchange((req, response) -> {
			String text = response.bodyTo(String.class);
			assertThat(response.getStatusCode().value()).as("%s %s answered %s", method, path, text)
				.isEqualTo(expectedStatus);
			return this.mapper.readTree((text != null && !text.isEmpty()) ? text : "null");
		});
	}

	public JsonNode info(String connector) {
		return call("GET", "/api/connectors/" + connector, null, 200);
	}

	/**
	 * The bridge's page, read as a browser reads it (one session, so a form's CSRF token
	 * is valid for its post).
	 * @return the page
	 */
	Document page() {
		return Jsoup
			.parse(this.client.get().uri("/").cookie("BRIDGE_SESSION", session()).retrieve().body(String.class));
	}

	/**
	 * Submit one of the page's forms, with its CSRF token, as its button does.
	 * @param form the form, from {@link #page()}
	 * @return the page the redirect leads to
	 */
	Document submit(Element form) {
		MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
		form.select("input[name]").forEach((input) -> fields.add(input.attr("name"), input.val()));
		form.select("select[name]").forEach((select) -> {
			Element chosen = select.selectFirst("option[selected]");
			chosen = (chosen != null) ? chosen : select.selectFirst("option");
			if (chosen != null) {
				fields.add(select.attr("name"), chosen.val());
			}
		});
		HttpStatusCode status = this.client.post()
			.uri(form.attr("action"))
			.cookie("BRIDGE_SESSION", session())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(fields)
			.exchange((req, response) -> response.getStatusCode());
		assertThat(status.value()).as("the form %s redirects back to the page", form.attr("action")).isEqualTo(302);
		return page();
	}

	private String session() {
		if (this.session == null) {
			this.session = this.client.get()
				.uri("/")
				.exchange((req, response) -> response.getHeaders()
					.getOrEmpty("Set-Cookie")
					.stream()
					.map(HttpCookie::parse)
					.flatMap(List::stream)
					.filter((cookie) -> cookie.getName().equals("BRIDGE_SESSION"))
					.map(HttpCookie::getValue)
					.findFirst()
					.orElseThrow());
		}
		return this.session;
	}

}
