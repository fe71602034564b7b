package cdcdemo.testsupport.oidc;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * A real OpenID Connect issuer for the login tests: Spring Security's authorization
 * server, on its own Tomcat on a free port of {@code localhost}, in its own application
 * context without Spring Boot's auto-configuration (the test's classpath holds a whole
 * app). Its users log in on its own login page; their ID token carries their roles in the
 * claim {@code roles} and their name in {@code preferred_username}. The client is
 * confidential, with a random secret, and asks no consent.
 * <p>
 * An app under test runs on {@code 127.0.0.1}, another host than the issuer's for the
 * browser, so that the two sessions' cookies stay apart; {@link #allowApp} registers its
 * redirect URIs once its port is known.
 */
public final class TestIssuer implements AutoCloseable {

	private final AnnotationConfigServletWebServerApplicationContext context;

	private final InMemoryRegisteredClientRepository clients;

	private final String clientSecret = UUID.randomUUID().toString();

	private TestIssuer(AnnotationConfigServletWebServerApplicationContext context) {
		this.context = context;
		this.clients = context.getBean(InMemoryRegisteredClientRepository.class);
	}

	/**
	 * Start an issuer.
	 * @param users its users
	 * @return the started issuer
	 */
	public static TestIssuer start(IssuerUser... users) {
		AnnotationConfigServletWebServerApplicationContext context = new AnnotationConfigServletWebServerApplicationContext();
		context.registerBean(IssuerUsers.class, () -> new IssuerUsers(List.of(users)));
		context.register(IssuerConfiguration.class);
		context.refresh();
		return new TestIssuer(context);
	}

	/**
	 * @return the issuer's URI, what an app's {@code platform.security.oidc.issuer-uri}
	 * names
	 */
	public String issuerUri() {
		return "http://localhost:" + this.context.getWebServer().getPort();
	}

	/**
	 * @return the client id the apps log in with
	 */
	public String clientId() {
		return "cdc-platform";
	}

	/**
	 * @return the client's secret
	 */
	public String clientSecret() {
		return this.clientSecret;
	}

	/**
	 * Let an app log its users in here, at the redirect URIs of the platform's logins.
	 * @param appUrl the app, e.g. {@code http://127.0.0.1:8083}
	 */
	public void allowApp(String appUrl) {
		this.clients.save(RegisteredClient.withId("cdc-platform")
			.clientId(clientId())
			.clientSecret("{bcrypt}" + new BCryptPasswordEncoder(4).encode(this.clientSecret))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(appUrl + "/login/oauth2/code/platform")
			.postLogoutRedirectUri(appUrl + "/login?logout")
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
			.build());
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * A user of the issuer.
	 *
	 * @param name the user, also its {@code preferred_username}
	 * @param password its password
	 * @param roles what its ID token's {@code roles} claim lists, none for an empty claim
	 */
	public record IssuerUser(String name, String password, String... roles) {
	}

	private record IssuerUsers(List<IssuerUser> users) {
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebSecurity
	static class IssuerConfiguration {

		@Bean
		TomcatServletWebServerFactory issuerWebServer() {
			TomcatServletWebServerFactory tomcat = new TomcatServletWebServerFactory(0);
			// a servlet for every path, without which Tomcat answers 404 before any
			// filter: the issuer's endpoints and login page are all Spring Security's
			// filters
			tomcat.setRegisterDefaultServlet(true);
			return tomcat;
		}

		@Bean
		@Order(1)
		SecurityFilterChain protocol(HttpSecurity http) {
			http.oauth2AuthorizationServer((server) -> {
				http.securityMatcher(server.getEndpointsMatcher());
				server.oidc(Customizer.withDefaults());
			})
				.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.oauth2ResourceServer((userInfo) -> userInfo.jwt(Customizer.withDefaults()))
				.exceptionHandling((exceptions) -> exceptions
					.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")));
			return http.build();
		}

		@Bean
		@Order(2)
		SecurityFilterChain loginPage(HttpSecurity http) {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.formLogin(Customizer.withDefaults())
				.build();
		}

		@Bean
		InMemoryUserDetailsManager issuerUsers(IssuerUsers users) {
			var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
			return new InMemoryUserDetailsManager(users.users()
				.stream()
				.map((user) -> (UserDetails) User.withUsername(user.name())
					.password(encoder.encode(user.password()))
					.authorities(Arrays.stream(user.roles()).map((role) -> "CLAIM_" + role).toArray(String[]::new))
					.build())
				.toList());
		}

		@Bean
		InMemoryRegisteredClientRepository clients() {
			// a placeholder until allowApp names the app's redirect URIs: the repository
			// needs one client
			return new InMemoryRegisteredClientRepository(RegisteredClient.withId("cdc-platform")
				.clientId("cdc-platform")
				.clientSecret("{noop}" + UUID.randomUUID())
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("http://127.0.0.1/unused")
				.scope(OidcScopes.OPENID)
				.build());
		}

		@Bean
		OAuth2TokenCustomizer<JwtEncodingContext> rolesInTheIdToken() {
			return (context) -> {
				if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
					context.getClaims()
						.claim("preferred_username", context.getPrincipal().getName())
						.claim("roles",
								context.getPrincipal()
									.getAuthorities()
									.stream()
									.map(GrantedAuthority::getAuthority)
									.filter((authority) -> authority.startsWith("CLAIM_"))
									.map((authority) -> authority.substring("CLAIM_".length()))
									.toList());
				}
			};
		}

		@Bean
		JWKSource<SecurityContext> signingKeys() throws NoSuchAlgorithmException {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
				.privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(UUID.randomUUID().toString())
				.build();
			return new ImmutableJWKSet<>(new JWKSet(key));
		}

		@Bean
		JwtDecoder userInfoTokens(JWKSource<SecurityContext> signingKeys) {
			return OAuth2AuthorizationServerConfiguration.jwtDecoder(signingKeys);
		}

		@Bean
		AuthorizationServerSettings authorizationServerSettings() {
			return AuthorizationServerSettings.builder().build();
		}

	}

}
