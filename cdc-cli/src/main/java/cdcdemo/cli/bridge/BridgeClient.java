package cdcdemo.cli.bridge;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * The bridge's JSON API over the JDK's HTTP client. Every answer that is not a success
 * becomes a {@link CommandFailure} with the exit code scripts rely on and the bridge's
 * own words: its errors are RFC 9457 problem details, and a refused request lists each
 * field at fault in {@code errors}.
 */
public final class BridgeClient {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

	private final URI base;

	private final String user;

	private final String authorization;

	private final HttpClient http;

	BridgeClient(URI base, String user, String password) {
		this.base = base;
		this.user = user;
		this.authorization = (user != null) ? "Basic " + Base64.getEncoder()
			.encodeToString((user + ":" + ((password != null) ? password : "")).getBytes(StandardCharsets.UTF_8))
				: null;
		this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
	}

	public JsonNode get(String path) {
		return send("GET", path, null);
	}

	public JsonNode post(String path, Object body) {
		return send("POST", path, body);
	}

	public JsonNode patch(String path, Object body) {
		return send("PATCH", path, body);
	}

	public JsonNode delete(String path) {
		return send("DELETE", path, null);
	}

	/**
	 * A path segment, encoded: connector names are checked by the bridge, not here.
	 * @param segment the segment
	 * @return it, percent-encoded
	 */
	public static String segment(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/**
	 * Every request says it sends JSON, even a bodyless {@code POST}: the bridge refuses
	 * a plain {@code POST} to its API, as that is what a foreign web page could forge.
	 */
	private JsonNode send(String method, String path, Object body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path.replaceFirst("^/", "")))
			.timeout(REQUEST_TIMEOUT)
			.header("Accept", "application/json, application/problem+json")
			.header("Content-Type", "application/json")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body))
					: HttpRequest.BodyPublishers.noBody());
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		HttpResponse<String> response;
		try {
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new CommandFailure(ExitCode.UNREACHABLE,
					"cannot reach the bridge at " + this.base.toString().replaceFirst("/$", "") + ": " + describe(ex)
							+ " (give its address with --bridge URL or CDC_BRIDGE_URL)");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CommandFailure(ExitCode.OTHER, "interrupted");
		}
		JsonNode answer = parse(response.body());
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			if (answer == null) {
				throw new CommandFailure(ExitCode.OTHER,
						"the answer is not JSON; is --bridge the bridge's address? It starts with: "
								+ response.body().strip().lines().findFirst().orElse(""));
			}
			return answer;
		}
		throw failure(status, (answer != null) ? answer : NullNode.getInstance());
	}

	private CommandFailure failure(int status, JsonNode problem) {
		String detail = problem.path("detail").asString("");
		if (status == 401) {
			return new CommandFailure(ExitCode.LOGIN_FAILED, "login failed: " + ((this.user == null)
					? "the bridge asks for a login; give --user and --password (or CDC_USER and CDC_PASSWORD)"
					: "the bridge refused user '" + this.user + "'" + (detail.isEmpty() ? "" : " (" + detail + ")")));
		}
		if (status == 403) {
			return new CommandFailure(ExitCode.NOT_ALLOWED,
					"not allowed: " + (detail.isEmpty() ? "the bridge refused this request (HTTP 403)" : detail));
		}
		if (status == 404) {
			return new CommandFailure(ExitCode.NOT_FOUND, detail.isEmpty() ? "not found (HTTP 404)" : detail);
		}
		if (status == 400) {
			List<String> lines = new ArrayList<>();
			lines.add("refused: " + problem.path("title").asString("the request is invalid") + ":");
			JsonNode errors = problem.path("errors");
			if (errors.isArray() && !errors.isEmpty()) {
				for (JsonNode error : errors) {
					lines.add("  " + error.path("field").asString("?") + ": " + error.path("message").asString(""));
				}
			}
			else {
				lines.add("  " + detail);
			}
			return new CommandFailure(ExitCode.REFUSED, String.join(System.lineSeparator(), lines));
		}
		if (status == 409) {
			return new CommandFailure(ExitCode.REFUSED, "refused: " + (detail.isEmpty()
					? "the action does not apply " + "to the connector in its current state (HTTP 409)" : detail));
		}
		String error = problem.path("error").asString("");
		String said = !detail.isEmpty() ? detail : error;
		return new CommandFailure(ExitCode.OTHER, "the bridge answered HTTP " + status
				+ (said.isEmpty() ? "" : ": " + said) + ((status >= 500) ? " (its log says why)" : ""));
	}

	/** The answer's JSON; {@code null} if it is not JSON (a page, a proxy's error). */
	private static JsonNode parse(String body) {
		if (body == null || body.isBlank()) {
			return NullNode.getInstance();
		}
		try {
			return Json.MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * The JDK's connection errors often have no message of their own: the cause says what
	 * happened.
	 */
	private static String describe(Throwable ex) {
		if (ex instanceof ConnectException && ex.getMessage() == null) {
			return "connection refused";
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
				return cause.getMessage();
			}
		}
		return ex.getClass().getSimpleName();
	}

}
