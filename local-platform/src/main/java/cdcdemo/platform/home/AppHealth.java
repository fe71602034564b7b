package cdcdemo.platform.home;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Asks each app's {@code /actuator/health} how it is, all at once and briefly: the home
 * page waits for the slowest answer, so an app that hangs must not hold it up for long.
 * The supervisor's state alone would not do: a running process can be unhealthy (its
 * database gone), and an app started from an IDE has no supervisor at all.
 */
@Component
class AppHealth {

	/** The longest the page waits for any one app. */
	static final Duration TIMEOUT = Duration.ofSeconds(1);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * @param urls each app's base URL, by name
	 * @return each app's health, by name, in the same order
	 */
	Map<String, Health> of(Map<String, String> urls) {
		Map<String, CompletableFuture<Health>> asked = new LinkedHashMap<>();
		urls.forEach((name, url) -> asked.put(name, ask(url)));
		Map<String, Health> health = new LinkedHashMap<>();
		asked.forEach((name, answer) -> health.put(name, answer.join()));
		return health;
	}

	private CompletableFuture<Health> ask(String url) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
			.header("Accept", "application/json")
			.timeout(TIMEOUT)
			.build();
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
			.thenApply(this::read)
			.orTimeout(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS)
			.exceptionally(Health::noAnswer);
	}

	/**
	 * Actuator answers 200 when UP and 503 with the same body when DOWN or
	 * OUT_OF_SERVICE.
	 */
	private Health read(HttpResponse<String> response) {
		try {
			JsonNode status = this.json.readTree(response.body()).path("status");
			if (status.isString()) {
				return new Health(status.asString(), "HTTP " + response.statusCode());
			}
		}
		catch (JacksonException ex) {
			// not actuator's JSON: said below
		}
		return new Health("UNKNOWN", "HTTP " + response.statusCode() + " without a health status");
	}

	/**
	 * What an app said of its health.
	 *
	 * @param status actuator's status ({@code UP}, {@code DOWN}, {@code OUT_OF_SERVICE}),
	 * {@code DOWN} when it does not answer, {@code UNKNOWN} when the answer has no status
	 * @param detail how the answer came, or why none did
	 */
	record Health(String status, String detail) {

		static Health noAnswer(Throwable failure) {
			Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
			if (cause instanceof ConnectException) {
				return new Health("DOWN", "not listening");
			}
			if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
				return new Health("DOWN", "no answer within " + TIMEOUT.toMillis() + " ms");
			}
			return new Health("DOWN", "no answer: " + cause);
		}

	}

}
