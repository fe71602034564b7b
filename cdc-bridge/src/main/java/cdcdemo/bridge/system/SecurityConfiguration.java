package cdcdemo.bridge.system;

import cdcdemo.platformweb.security.PlatformSecurity;
import cdcdemo.platformweb.security.PlatformSecurityConfiguration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what on the bridge, on the platform's logins ({@link PlatformSecurity}: a
 * login form for the page, HTTP Basic for the API and the CLI, CSRF tokens on forms): a
 * viewer reads the page and every {@code GET} of the API; an operator also creates,
 * updates, pauses, resumes, skips and snapshots; only an admin destroys a connector.
 * <p>
 * Every response carries a strict Content-Security-Policy: scripts, styles and everything
 * else only from the bridge itself, no inline script or style, so that a table, column or
 * warning text that slipped past escaping could still run nothing; no plugin, no framing,
 * forms posted only to the bridge.
 */
@Configuration(proxyBeanMethods = false)
@Import(PlatformSecurityConfiguration.class)
class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

	private static final String ADMIN = "ADMIN";

	private static final String OPERATOR = "OPERATOR";

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, PlatformSecurity logins) {
		return logins.apply(http, (requests) -> requests
			// stopping a snapshot is an operator's; destroying the connector an admin's
			.requestMatchers(HttpMethod.DELETE, "/api/connectors/*/snapshots")
			.hasRole(OPERATOR)
			.requestMatchers(HttpMethod.DELETE, "/api/connectors/*")
			.hasRole(ADMIN)
			.requestMatchers("/connectors/*/destroy")
			.hasRole(ADMIN)
			.requestMatchers(HttpMethod.GET, "/connectors/new", "/connectors/*/edit")
			.hasRole(OPERATOR)
			.requestMatchers(HttpMethod.POST, "/api/**", "/connectors/**")
			.hasRole(OPERATOR)
			.requestMatchers(HttpMethod.PUT, "/api/**")
			.hasRole(OPERATOR)
			.requestMatchers(HttpMethod.PATCH, "/api/**")
			.hasRole(OPERATOR))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
			.build();
	}

}
