package cdcdemo.onboarding.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import cdcdemo.onboarding.user.TestServers;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cdcdemo.testsupport.HeadlessChromium;
import cdcdemo.testsupport.TestLogins;
import cdcdemo.testsupport.oidc.TestIssuer;
import cdcdemo.testsupport.oidc.TestIssuer.IssuerUser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login with OpenID Connect, against a real issuer (Spring Security's authorization
 * server, test-support's {@link TestIssuer}) and in headless Chromium: the login page
 * offers the issuer beside the password form, the issuer's user comes back logged in with
 * the role its ID token names, a user whose token names none is refused with the reason,
 * logging out ends the session at the issuer too, and the passwords of the platform's own
 * users still work beside it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@DirtiesContext
@Tag("system")
class OidcLoginTests {

	@RegisterExtension
	static final TestServers servers = new TestServers(1);

	static final TestIssuer issuer = TestIssuer.start(
			new IssuerUser("olivia", "olivia-issuer-password", "billing", "Operator"),
			new IssuerUser("nadia", "nadia-issuer-password"));

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		servers.register(registry);
		registry.add("platform.security.oidc.issuer-uri", issuer::issuerUri);
		registry.add("platform.security.oidc.client-id", issuer::clientId);
		registry.add("platform.security.oidc.client-secret", issuer::clientSecret);
	}

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	@BeforeEach
	void registerThisAppAtTheIssuer() {
		issuer.allowApp(url(""));
	}

	@Test
	void logsInAtTheIssuerWithTheRoleItsTokenNamesAndLogsOutThere() {
		WebDriver browser = HeadlessChromium.start(1280, 900);
		try {
			browser.get(url("/"));
			assertThat(browser.getCurrentUrl()).isEqualTo(url("/login"));
			assertThat(browser.findElement(By.id("oidc-login")).getText()).isEqualTo("Log in with single sign-on");
			HeadlessChromium.screenshot((org.openqa.selenium.TakesScreenshot) browser, "login-01-single-sign-on");

			logInAtTheIssuer(browser, "olivia", "olivia-issuer-password");
			wait(browser).until((shown) -> shown.getCurrentUrl().startsWith(url("/")));
			assertThat(browser.findElement(By.cssSelector(".platform-user span")).getText())
				.isEqualTo("olivia (operator)");

			browser.findElement(By.cssSelector(".platform-user button")).click();
			wait(browser).until((shown) -> shown.getCurrentUrl().equals(url("/login?logout")));
			browser.get(url("/"));
			assertThat(browser.getCurrentUrl()).as("logged out here").isEqualTo(url("/login"));
			browser.findElement(By.id("oidc-login")).click();
			wait(browser).until((shown) -> shown.getCurrentUrl().startsWith(issuer.issuerUri()));
			assertThat(browser.getCurrentUrl()).as("and at the issuer, which asks for the password again")
				.isEqualTo(issuer.issuerUri() + "/login");
		}
		finally {
			browser.quit();
		}
	}

	@Test
	void refusesAnIssuerUserWhoseTokenNamesNoPlatformRoleAndSaysWhy() {
		WebDriver browser = HeadlessChromium.start(1280, 900);
		try {
			browser.get(url("/login"));
			logInAtTheIssuer(browser, "nadia", "nadia-issuer-password");
			wait(browser).until((shown) -> shown.getCurrentUrl().startsWith(url("/login?oidc-error")));
			assertThat(browser.findElement(By.id("oidc-error")).getText())
				.isEqualTo("nadia is logged in at the issuer, but its ID token names no platform role (viewer,"
						+ " operator or admin) in the claim 'roles'");
			HeadlessChromium.screenshot((org.openqa.selenium.TakesScreenshot) browser, "login-02-no-platform-role");
			browser.get(url("/"));
			assertThat(browser.getCurrentUrl()).as("not logged in").isEqualTo(url("/login"));
		}
		finally {
			browser.quit();
		}
	}

	@Test
	void keepsThePlatformsOwnPasswordsBesideTheIssuer() throws Exception {
		HttpClient http = HttpClient.newBuilder().authenticator(TestLogins.VIEWER.authenticator()).build();

		HttpResponse<String> dashboard = http.send(HttpRequest.newBuilder(URI.create(url("/"))).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(dashboard.statusCode()).isEqualTo(200);
		assertThat(dashboard.body()).contains("viewer (viewer)");
	}

	private void logInAtTheIssuer(WebDriver browser, String user, String password) {
		browser.findElement(By.id("oidc-login")).click();
		wait(browser).until((shown) -> shown.getCurrentUrl().equals(issuer.issuerUri() + "/login"));
		browser.findElement(By.id("username")).sendKeys(user);
		browser.findElement(By.id("password")).sendKeys(password);
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
	}

	private static WebDriverWait wait(WebDriver browser) {
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		wait.withMessage(() -> "the browser is at " + browser.getCurrentUrl() + ", showing: "
				+ browser.findElement(By.tagName("body")).getText());
		return wait;
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
