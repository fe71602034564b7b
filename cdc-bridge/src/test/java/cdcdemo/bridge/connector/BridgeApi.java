package cdcdemo.bridge.connector;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge's JSON API as a test calls it: each call states the status it expects, and answers the body as JSON.
 */
public final class BridgeApi {

	private final RestClient client;

	private final ObjectMapper mapper;

	public BridgeApi(int port, ObjectMapper mapper) {
		// some actions wait for a broker that is gone (destroy gives up on it after 15 s): no 10 s client timeout
		var requests = new org.springframework.http.client.JdkClientHttpRequestFactory();
		requests.setReadTimeout(java.time.Duration.ofSeconds(90));
		this.client = RestClient.builder().baseUrl("http://localhost:" + port).requestFactory(requests).build();
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

}
