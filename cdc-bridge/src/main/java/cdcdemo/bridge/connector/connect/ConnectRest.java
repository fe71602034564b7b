package cdcdemo.bridge.connector.connect;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.ResourceAccessException;

/**
 * The parts of Kafka Connect's REST API the bridge uses for one cluster, with short
 * timeouts: a cluster that does not answer makes a {@link ConnectException} naming it,
 * which the caller turns into a state, never a hung request.
 */
final class ConnectRest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	static final String PLUGIN = "io.debezium.connector.postgresql.PostgresConnector";

	private final String cluster;

	private final List<URI> urls;

	private final List<RestClient> workers;

	/** The worker that answered last: asked first next time. */
	private volatile int current;

	/** The worker the request being made goes to. */
	private RestClient rest;

	ConnectRest(String cluster, List<URI> urls) {
		this.cluster = cluster;
		this.urls = List.copyOf(urls);
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build());
		requests.setReadTimeout(TIMEOUT);
		this.workers = this.urls.stream()
			.map((url) -> RestClient.builder().baseUrl(url.toString()).requestFactory(requests).build())
			.toList();
	}

	String describe() {
		return "the Kafka Connect cluster " + this.cluster + " ("
				+ this.urls.stream().map(URI::toString).collect(Collectors.joining(", ")) + ")";
	}

	/**
	 * @return {@code GET /}: version, commit and the Kafka cluster id it works on
	 */
	JsonNode root() {
		return call(() -> json(this.rest.get().uri("/").retrieve().body(String.class)));
	}

	/**
	 * @param config a connector configuration
	 * @return the problems the cluster finds in it, {@code field: message}; none if it
	 * takes it
	 */
	List<String> validate(Map<String, String> config) {
		JsonNode answer = call(() -> json(this.rest.put()
			.uri("/connector-plugins/{plugin}/config/validate", PLUGIN)
			.contentType(MediaType.APPLICATION_JSON)
			.body(config)
			.retrieve()
			.body(String.class)));
		List<String> problems = new ArrayList<>();
		for (JsonNode entry : answer.path("configs")) {
			for (JsonNode error : entry.path("value").path("errors")) {
				problems.add(entry.path("value").path("name").asString() + ": " + error.asString());
			}
		}
		return problems;
	}

	/** Create the connector, or change its configuration; a stopped one stays stopped. */
	void putConfig(String name, Map<String, String> config) {
		call(() -> this.rest.put()
			.uri("/connectors/{name}/config", name)
			.contentType(MediaType.APPLICATION_JSON)
			.body(config)
			.retrieve()
			.toBodilessEntity());
	}

	/**
	 * Create the connector stopped (KIP-980), so that its offsets can be written first.
	 */
	void createStopped(String name, Map<String, String> config) {
		call(() -> this.rest.post()
			.uri("/connectors")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", name, "config", config, "initial_state", "STOPPED"))
			.retrieve()
			.toBodilessEntity());
	}

	/**
	 * @return its status, {@code null} if the cluster has no such connector (yet)
	 */
	JsonNode status(String name) {
		return call(() -> json(this.rest.get().uri("/connectors/{name}/status", name).retrieve().body(String.class)),
				null);
	}

	boolean exists(String name) {
		return call(() -> {
			this.rest.get().uri("/connectors/{name}", name).retrieve().toBodilessEntity();
			return true;
		}, false);
	}

	/** Stop its tasks, keeping its configuration (KIP-875's STOPPED state). */
	void stop(String name) {
		call(() -> this.rest.put().uri("/connectors/{name}/stop", name).retrieve().toBodilessEntity());
	}

	void resume(String name) {
		call(() -> this.rest.put().uri("/connectors/{name}/resume", name).retrieve().toBodilessEntity());
	}

	/** Restart its failed connector and tasks (KIP-745). */
	void restartFailed(String name) {
		call(() -> this.rest.post()
			.uri("/connectors/{name}/restart?includeTasks=true&onlyFailed=true", name)
			.retrieve()
			.toBodilessEntity());
	}

	/**
	 * @return {@code {"offsets": [{"partition": ..., "offset": ...}]}}
	 */
	JsonNode offsets(String name) {
		return call(() -> json(this.rest.get().uri("/connectors/{name}/offsets", name).retrieve().body(String.class)));
	}

	/** Write its offsets; the connector must be stopped. */
	void patchOffsets(String name, ObjectNode offsets) {
		call(() -> this.rest.patch()
			.uri("/connectors/{name}/offsets", name)
			.contentType(MediaType.APPLICATION_JSON)
			.body(offsets.toString())
			.retrieve()
			.toBodilessEntity());
	}

	/** Forget its offsets; the connector must be stopped. 404 (no connector) is fine. */
	void deleteOffsets(String name) {
		call(() -> this.rest.delete().uri("/connectors/{name}/offsets", name).retrieve().toBodilessEntity(), null);
	}

	/** Delete the connector; one the cluster does not have is deleted already. */
	void delete(String name) {
		call(() -> this.rest.delete().uri("/connectors/{name}", name).retrieve().toBodilessEntity(), null);
	}

	private static JsonNode json(String body) {
		return JsonMapper.shared().readTree(body);
	}

	/**
	 * {@link #call(Supplier)}, for a request about one connector.
	 * @param whenAbsent the answer when the cluster has no such connector (404)
	 */
	private <T> T call(Supplier<T> request, T whenAbsent) {
		return call(() -> {
			try {
				return request.get();
			}
			catch (HttpClientErrorException.NotFound ex) {
				return whenAbsent;
			}
		});
	}

	/**
	 * Make a request of the worker that answered last, or of the next one if it does not
	 * answer: any worker of a cluster takes any request (it forwards writes to its
	 * leader), so a killed worker does not cut the bridge off from the cluster.
	 */
	private synchronized <T> T call(Supplier<T> request) {
		RestClientException unanswered = null;
		for (int tried = 0; tried < this.workers.size(); tried++) {
			int worker = (this.current + tried) % this.workers.size();
			this.rest = this.workers.get(worker);
			try {
				T answer = once(request);
				this.current = worker;
				return answer;
			}
			catch (ResourceAccessException ex) {
				unanswered = ex;
			}
		}
		Throwable cause = unanswered.getMostSpecificCause();
		throw new ConnectException(
				describe() + " does not answer: "
						+ ((cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName()),
				0, unanswered);
	}

	private <T> T once(Supplier<T> request) {
		try {
			return request.get();
		}
		catch (RestClientResponseException ex) {
			String message = ex.getResponseBodyAsString();
			try {
				message = JsonMapper.shared().readTree(message).path("message").asString(message);
			}
			catch (RuntimeException notJson) {
				// the body as it is
			}
			throw new ConnectException(
					describe() + " answered " + ex.getStatusCode().value() + " "
							+ HttpStatus.valueOf(ex.getStatusCode().value()).getReasonPhrase() + ": " + message,
					ex.getStatusCode().value(), ex);
		}
		catch (ResourceAccessException ex) {
			throw ex;
		}
		catch (RestClientException ex) {
			throw new ConnectException(describe() + " answered what the bridge cannot read: " + ex.getMessage(), 0, ex);
		}
	}

	/** A cluster that refused a request or did not answer. */
	static final class ConnectException extends RuntimeException {

		private final int status;

		ConnectException(String message, int status, Throwable cause) {
			super(message, cause);
			this.status = status;
		}

		/**
		 * @return the HTTP status, 0 if the cluster did not answer
		 */
		int status() {
			return this.status;
		}

	}

}
