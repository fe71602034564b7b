package cdcdemo.platformweb.security;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.util.StringUtils;

import tools.jackson.databind.json.JsonMapper;

/**
 * The logins every admin app of the platform shares, applied by each app's own filter
 * chain with the rules of its pages and API. A browser logs in on a form ({@code /login})
 * and keeps a session; curl, scripts and the CLI send HTTP Basic with each request. A
 * request without a login gets the login page if it asks for HTML, and {@code 401} with a
 * problem detail otherwise; a role that may not do something gets {@code 403} saying
 * which role may.
 * <p>
 * The session cookie is HttpOnly and SameSite=Lax. Cross-site request forgery: forms
 * carry a token; the JSON API needs none for the requests a foreign page cannot send
 * without a CORS preflight (which no app grants): {@code PUT}, {@code PATCH},
 * {@code DELETE}, and any request with {@code Content-Type: application/json}. A bare
 * {@code POST} to the API, what an HTML form or a no-cors {@code fetch} can send, is
 * refused with a problem detail saying what to add. Health and Prometheus metrics stay
 * open, for the probes and the scraper; they hold no row and no password.
 */
public final class PlatformSecurity {

	/** What a Prometheus scraper, a health probe and the login page need. */
	private static final String[] PUBLIC = { "/login", "/error", "/platform/**", "/favicon.ico", "/actuator/health",
			"/actuator/health/**", "/actuator/prometheus" };

	private static final Set<String> PREFLIGHTED_METHODS = Set.of("PUT", "PATCH", "DELETE");

	private final AuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint("/login");

	private final AccessDeniedHandlerImpl errorPage = new AccessDeniedHandlerImpl();

	private final JsonMapper json;

	private final PlatformOidc oidc;

	PlatformSecurity(JsonMapper json, PlatformOidc oidc) {
		this.json = json;
		this.oidc = oidc;
	}

	/**
	 * @return the label of the login page's OpenID Connect button, if an issuer is
	 * configured
	 */
	Optional<String> oidcLabel() {
		return Optional.ofNullable(this.oidc).map(PlatformOidc::label);
	}

	/**
	 * Logins on an app's filter chain. Requests the app's rules do not match need the
	 * viewer role.
	 * @param http the app's filter chain
	 * @param rules the app's own rules, e.g. {@code POST /api/**} for an operator
	 * @return the chain, for the app's further settings
	 */
	public HttpSecurity apply(HttpSecurity http,
			Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> rules) {
		http.authorizeHttpRequests((requests) -> {
			requests.requestMatchers(PUBLIC).permitAll();
			rules.customize(requests);
			requests.anyRequest().hasRole(PlatformSecurityProperties.Role.VIEWER.name());
		})
			.formLogin((form) -> form.loginPage("/login"))
			.httpBasic((basic) -> basic.authenticationEntryPoint(this::unauthorized));
		if (this.oidc != null) {
			SimpleUrlAuthenticationFailureHandler backToLogin = new SimpleUrlAuthenticationFailureHandler(
					"/login?oidc-error");
			http.oauth2Login((login) -> login.loginPage("/login")
				.clientRegistrationRepository(this.oidc)
				.userInfoEndpoint((userInfo) -> userInfo.oidcUserService(this.oidc.userService()))
				.failureHandler(backToLogin)
				.withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
					@Override
					public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O redirect) {
						// an issuer that is down: the login page says so, not a bare 500
						redirect.setAuthenticationFailureHandler(backToLogin);
						return redirect;
					}
				})).logout((logout) -> logout.logoutSuccessHandler(this.oidc.logoutSuccess()));
		}
		else {
			http.logout((logout) -> logout.logoutSuccessUrl("/login?logout"));
		}
		return http.csrf((csrf) -> csrf.ignoringRequestMatchers(PlatformSecurity::apiRequestAForeignPageCannotSend))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(this::loginPageOrUnauthorized)
				.accessDeniedHandler(this::forbidden));
	}

	/**
	 * @param request a request
	 * @return whether it is one of the app's JSON API ({@code /api/...})
	 */
	public static boolean isApi(HttpServletRequest request) {
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

	private static boolean wantsPage(HttpServletRequest request) {
		if (isApi(request) || request.getRequestURI().startsWith(request.getContextPath() + "/actuator/")) {
			return false;
		}
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return StringUtils.hasText(accept) && MediaType.parseMediaTypes(accept)
			.stream()
			.anyMatch((type) -> !type.isWildcardType() && type.includes(MediaType.TEXT_HTML));
	}

	private void loginPageOrUnauthorized(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException ex) throws IOException, jakarta.servlet.ServletException {
		if (wantsPage(request)) {
			this.loginPage.commence(request, response, ex);
		}
		else {
			unauthorized(request, response, ex);
		}
	}

	private void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"cdc-platform\"");
		problem(response, HttpStatus.UNAUTHORIZED, "Login required",
				"Log in: HTTP Basic (curl -u admin:PASSWORD, the CLI's --user and --password), or the login page in a"
						+ " browser");
	}

	private void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException, jakarta.servlet.ServletException {
		if (denied instanceof CsrfException) {
			if (isApi(request)) {
				problem(response, HttpStatus.FORBIDDEN, "Cross-site request refused",
						"Send API requests with 'Content-Type: application/json': a plain POST is what a foreign page"
								+ " can forge");
				return;
			}
		}
		else if (isApi(request)) {
			problem(response, HttpStatus.FORBIDDEN, "Not allowed for your role",
					SignedIn.current()
						.map((user) -> user.name() + " (role " + user.role() + ") may not do this")
						.orElse("Not allowed")
							+ ": pausing, resuming, snapshots, creating and updating need the operator role;"
							+ " destroying and revealing masked values need admin");
			return;
		}
		this.errorPage.handle(request, response, denied);
	}

	private void problem(HttpServletResponse response, HttpStatus status, String title, String detail)
			throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
