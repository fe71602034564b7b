package cdcdemo.e2e;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import cdcdemo.testsupport.TestLogins;

/**
 * Drives the apps over plain HTTP, and users-app's HTML forms, as a browser would: a
 * session cookie, and the CSRF token read from the form it is about to submit.
 */
final class UsersAppClient {

	private final String baseUrl;

	private final HttpClient http;

	UsersAppClient(String baseUrl) {
		this.baseUrl = baseUrl;
		this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
	}

	/**
	 * @param baseUrl the app
	 * @param password the password of {@code admin}, sent with HTTP Basic when an admin
	 * app asks for a login
	 */
	UsersAppClient(String baseUrl, String password) {
		this.baseUrl = baseUrl;
		this.http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.authenticator(new TestLogins.Login("admin", password).authenticator())
			.build();
	}

	Document get(String path) {
		return Jsoup.parse(body(path), this.baseUrl);
	}

	String body(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET().build()).body();
	}

	/**
	 * Submit a form of a page with the CSRF token the page carries.
	 * @param page the path of the page holding the form
	 * @param formSelector which form
	 * @param fields the fields to fill
	 * @return the response (a redirect after a successful change)
	 */
	HttpResponse<String> submit(String page, String formSelector, Map<String, String> fields) {
		Document document = get(page);
		var form = document.selectFirst(formSelector);
		if (form == null) {
			throw new IllegalStateException("no form " + formSelector + " on " + page);
		}
		Map<String, String> values = new LinkedHashMap<>();
		values.put("_csrf", form.selectFirst("input[name=_csrf]").val());
		values.putAll(fields);
		String body = values.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(form.absUrl("action")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	/**
	 * Send a request as is: no CSRF token is added.
	 * @param request the request
	 * @return the response
	 */
	HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
