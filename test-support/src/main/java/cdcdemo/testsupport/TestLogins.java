package cdcdemo.testsupport;

import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.util.ClassUtils;

/**
 * The logins of every app a test starts in its own JVM, one per role, added to each
 * Spring application's settings behind everything else (a test's own settings win). Apps
 * started as processes by the embedded platform get the platform's generated admin
 * password instead.
 */
public final class TestLogins implements EnvironmentPostProcessor {

	/** The user {@code admin}, from {@code platform.security.admin-password}. */
	public static final Login ADMIN = new Login("admin", "admin-test-password");

	/** A user with the operator role. */
	public static final Login OPERATOR = new Login("operator", "operator-test-password");

	/** A user with the viewer role. */
	public static final Login VIEWER = new Login("viewer", "viewer-test-password");

	private static final String BCRYPT = "org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!ClassUtils.isPresent(BCRYPT, TestLogins.class.getClassLoader())) {
			// a module without Spring Security (one that takes test-support for its
			// servers only) has no logins to set
			return;
		}
		BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
		Map<String, Object> settings = new LinkedHashMap<>();
		// what the admin apps' settings read platform.security.admin-password from
		settings.put("PLATFORM_ADMIN_PASSWORD", ADMIN.password());
		settings.put("platform.security.admin-password", ADMIN.password());
		for (Login login : new Login[] { OPERATOR, VIEWER }) {
			settings.put("platform.security.users." + login.user() + ".password",
					"{bcrypt}" + bcrypt.encode(login.password()));
			settings.put("platform.security.users." + login.user() + ".role", login.user());
		}
		environment.getPropertySources().addLast(new MapPropertySource("testLogins", settings));
	}

	/**
	 * A test login.
	 *
	 * @param user the user, which is also its role's name
	 * @param password its password
	 */
	public record Login(String user, String password) {

		/**
		 * @return what a {@link java.net.http.HttpClient} answers a {@code 401} with
		 */
		public Authenticator authenticator() {
			PasswordAuthentication login = new PasswordAuthentication(this.user, this.password.toCharArray());
			return new Authenticator() {
				@Override
				protected PasswordAuthentication getPasswordAuthentication() {
					return login;
				}
			};
		}

		/**
		 * Log in on an app's login form.
		 * @param browser the browser
		 * @param appUrl the app
		 */
		public void logIn(org.openqa.selenium.WebDriver browser, String appUrl) {
			HeadlessChromium.logIn(browser, appUrl, this.user, this.password);
		}

		/**
		 * @return the value of an {@code Authorization} header for HTTP Basic
		 */
		public String basic() {
			return "Basic " + Base64.getEncoder().encodeToString((this.user + ":" + this.password).getBytes());
		}

	}

}
