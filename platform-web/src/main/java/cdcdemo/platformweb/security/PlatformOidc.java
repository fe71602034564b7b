package cdcdemo.platformweb.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import cdcdemo.platformweb.security.PlatformSecurityProperties.Oidc;
import cdcdemo.platformweb.security.PlatformSecurityProperties.Role;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;

/**
 * Login with an OpenID Connect issuer ({@code platform.security.oidc.*}), beside the
 * platform's own users: the authorization code flow of Spring Security's OAuth2 client,
 * with the issuer's metadata read at the first login rather than at start (an app whose
 * issuer is down still starts, and its password logins still work), and the user's role
 * taken from a claim of the ID token. Logging out also ends the session at the issuer
 * (RP-initiated logout), so the next "single sign-on" asks for the password again.
 */
final class PlatformOidc implements ClientRegistrationRepository {

	/** The one registration, as Spring Security's login URL names it. */
	static final String REGISTRATION_ID = "platform";

	/** Where the login page's button sends the browser. */
	static final String LOGIN_URL = "/oauth2/authorization/" + REGISTRATION_ID;

	private static final Log logger = LogFactory.getLog(PlatformOidc.class);

	private final Oidc settings;

	private final OidcUserService users = new OidcUserService();

	private volatile ClientRegistration registration;

	PlatformOidc(Oidc settings) {
		this.settings = settings;
	}

	/**
	 * @return the button's label on the login page
	 */
	String label() {
		return this.settings.label();
	}

	@Override
	public ClientRegistration findByRegistrationId(String registrationId) {
		if (!REGISTRATION_ID.equals(registrationId)) {
			return null;
		}
		ClientRegistration known = this.registration;
		if (known == null) {
			known = discover();
			this.registration = known;
		}
		return known;
	}

	private ClientRegistration discover() {
		try {
			ClientRegistration.Builder builder = ClientRegistrations.fromIssuerLocation(this.settings.issuerUri())
				.registrationId(REGISTRATION_ID)
				.clientName(this.settings.label())
				.clientId(this.settings.clientId())
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
				.scope("openid", "profile");
			if (this.settings.clientSecret() != null) {
				builder.clientSecret(this.settings.clientSecret())
					.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
			}
			else {
				builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
			}
			return builder.build();
		}
		catch (RuntimeException ex) {
			String reason = String.valueOf(ex.getMessage());
			logger.warn("OpenID Connect issuer " + this.settings.issuerUri() + " could not be read: "
					+ ((reason.length() > 300) ? reason.substring(0, 300) + "..." : reason));
			throw new IllegalStateException("The OpenID Connect issuer " + this.settings.issuerUri()
					+ " could not be read; log in with a password, or try again when it is up", ex);
		}
	}

	/**
	 * @return the users the ID token logs in, with the platform's role from its roles
	 * claim
	 */
	OAuth2UserService<OidcUserRequest, OidcUser> userService() {
		return (request) -> {
			OidcUser user = this.users.loadUser(request);
			Role role = roleOf(user.getClaims().get(this.settings.rolesClaim()))
				.or(() -> Optional.ofNullable(this.settings.defaultRole()))
				.orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error("no_platform_role",
						nameOf(user) + " is logged in at the issuer, but its ID token names no platform role (viewer,"
								+ " operator or admin) in the claim '" + this.settings.rolesClaim() + "'",
						null)));
			String nameClaim = (user.getClaims().get(this.settings.userNameClaim()) != null)
					? this.settings.userNameClaim() : "sub";
			return new DefaultOidcUser(List.of(new SimpleGrantedAuthority("ROLE_" + role.name())), user.getIdToken(),
					user.getUserInfo(), nameClaim);
		};
	}

	/**
	 * @param claim the roles claim: a list of names, one name, or nothing
	 * @return the highest platform role it names
	 */
	static Optional<Role> roleOf(Object claim) {
		Collection<?> names = (claim instanceof Collection<?> many) ? many
				: (claim != null) ? List.of(claim) : List.of();
		Role highest = null;
		for (Object name : names) {
			for (Role role : Role.values()) {
				if (role.label().equals(String.valueOf(name).toLowerCase(Locale.ROOT))
						&& (highest == null || role.compareTo(highest) > 0)) {
					highest = role;
				}
			}
		}
		return Optional.ofNullable(highest);
	}

	private String nameOf(OidcUser user) {
		Object name = user.getClaims().get(this.settings.userNameClaim());
		return (name != null) ? name.toString() : user.getSubject();
	}

	/**
	 * @return what logging out does: the issuer's end of the session too, for a user it
	 * logged in, then the login page
	 */
	LogoutSuccessHandler logoutSuccess() {
		OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(this);
		handler.setPostLogoutRedirectUri("{baseUrl}/login?logout");
		handler.setDefaultTargetUrl("/login?logout");
		return handler;
	}

}
