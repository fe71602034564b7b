package cdcdemo.bridge.system;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * Cross-site request forgery protection for every state-changing request. The page's
 * forms carry a token. The JSON API, meant for curl and scripts, needs none for the
 * requests a foreign page cannot send without a CORS preflight (which this bridge never
 * grants): {@code PUT}, {@code PATCH}, {@code DELETE}, and any request with
 * {@code Content-Type: application/json}. A bare {@code POST} to the API (what an HTML
 * form or a no-cors {@code fetch} can send) is refused with a problem detail saying what
 * to add. No login yet: the bridge is an admin surface to keep on a trusted network.
 * <p>
 * Every response carries a strict Content-Security-Policy: scripts, styles and everything
 * else only from the bridge itself, no inline script or style, so that a table, column or
 * warning text that slipped past escaping could still run nothing; no plugin, no framing,
 * forms posted only to the bridge.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Set<String> PREFLIGHTED_METHODS = Set.of("PUT", "PATCH", "DELETE");

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, JsonMapper json) {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.ignoringRequestMatchers(SecurityConfiguration::apiRequestAForeignPageCannotSend))
			.exceptionHandling((exceptions) -> exceptions.defaultAccessDeniedHandlerFor(problemDetail(json),
					SecurityConfiguration::isApi))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
			.build();
	}

	private static boolean isApi(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
	}

	private static boolean apiRequestAForeignPageCannotSend(HttpServletRequest request) {
		if (!isApi(request)) {
			return false;
		}
		if (PREFLIGHTED_METHODS.contains(request.getMethod())) {
			return true;
		}
		String contentType = request.getContentType();
		return contentType != null
				&& MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
	}

	private static AccessDeniedHandler problemDetail(JsonMapper json) {
		return (request, response, denied) -> {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
					"Send API requests with 'Content-Type: application/json': a plain POST is what a foreign page can forge");
			problem.setTitle("Cross-site request refused");
			response.setStatus(HttpStatus.FORBIDDEN.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			json.writeValue(response.getOutputStream(), problem);
		};
	}

}
