package cdcdemo.platformweb.security;

import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may log in to the platform's admin pages and APIs.
 *
 * @param adminPassword the password of the user {@code admin} (role admin), read from a
 * secret at start and hashed in memory: the embedded platform generates it and passes
 * {@code PLATFORM_ADMIN_PASSWORD}; docker-compose.yml reads it from
 * {@code secrets/platform_admin.password}. Empty for no such user
 * @param users more users, each with a password hash in Spring Security's format
 * ({@code {bcrypt}$2a$10$...}) and a role, e.g.
 * {@code platform.security.users.alice.password} and {@code ...alice.role=operator}
 * @param oidc login with an OpenID Connect issuer (Keycloak, Entra ID, Okta, Spring
 * Authorization Server...), besides the users above; off unless its issuer is set
 */
@ConfigurationProperties("platform.security")
public record PlatformSecurityProperties(String adminPassword, Map<String, Login> users, Oidc oidc) {

	/** The user the admin password logs in. */
	public static final String ADMIN = "admin";

	public PlatformSecurityProperties {
		adminPassword = (adminPassword == null || adminPassword.isBlank()) ? null : adminPassword;
		users = (users != null) ? Map.copyOf(users) : Map.of();
		oidc = (oidc != null) ? oidc : new Oidc(null, null, null, null, null, null, null);
	}

	/**
	 * One configured user.
	 *
	 * @param password the password's hash, with its encoding's id in braces
	 * @param role what the user may do
	 */
	public record Login(String password, Role role) {

		public Login {
			role = (role != null) ? role : Role.VIEWER;
		}

	}

	/**
	 * The roles, each allowed what the one before it is: a viewer reads (masked values
	 * stay masked), an operator also pauses, resumes, snapshots, creates and updates, an
	 * admin also destroys and reveals masked values.
	 */
	public enum Role {

		VIEWER, OPERATOR, ADMIN;

		/**
		 * @return the role's name as settings and pages write it, e.g. {@code operator}
		 */
		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * Login with an OpenID Connect issuer: the login page offers it beside the password
	 * form, the issuer logs the user in, and the ID token's roles claim says what the
	 * user may do here. Each setting is also read from the environment variable named
	 * after it (Spring's relaxed binding), as written below.
	 *
	 * @param issuerUri the issuer, whose {@code /.well-known/openid-configuration} the
	 * app reads at the first login ({@code PLATFORM_SECURITY_OIDC_ISSUER_URI}); empty for
	 * no OpenID Connect login
	 * @param clientId this platform's client at the issuer
	 * ({@code PLATFORM_SECURITY_OIDC_CLIENT_ID}, default {@code cdc-platform}); its
	 * redirect URI is {@code <app>/login/oauth2/code/platform}, its post-logout redirect
	 * URI {@code <app>/login?logout}
	 * @param clientSecret its secret ({@code PLATFORM_SECURITY_OIDC_CLIENT_SECRET}, from
	 * a secret like the admin password); empty for a public client, which logs in with
	 * PKCE
	 * @param rolesClaim the ID token's claim holding the user's roles, a list or one
	 * string (default {@code roles}); the names {@code viewer}, {@code operator} and
	 * {@code admin} count, case aside, others are ignored
	 * @param userNameClaim the claim the header and the logs show as the user (default
	 * {@code preferred_username}, then {@code sub})
	 * @param defaultRole the role of a user whose token names none; empty (the default)
	 * refuses such a login, saying why
	 * @param label what the login page's button says (default {@code single sign-on})
	 */
	public record Oidc(String issuerUri, String clientId, String clientSecret, String rolesClaim, String userNameClaim,
			Role defaultRole, String label) {

		public Oidc {
			issuerUri = blankToNull(issuerUri);
			clientId = (blankToNull(clientId) != null) ? clientId : "cdc-platform";
			clientSecret = blankToNull(clientSecret);
			rolesClaim = (blankToNull(rolesClaim) != null) ? rolesClaim : "roles";
			userNameClaim = (blankToNull(userNameClaim) != null) ? userNameClaim : "preferred_username";
			label = (blankToNull(label) != null) ? label : "single sign-on";
		}

		/**
		 * @return whether an issuer is configured
		 */
		public boolean enabled() {
			return this.issuerUri != null;
		}

		private static String blankToNull(String value) {
			return (value == null || value.isBlank()) ? null : value;
		}

	}

}
