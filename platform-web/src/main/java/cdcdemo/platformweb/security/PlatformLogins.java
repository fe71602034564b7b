package cdcdemo.platformweb.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cdcdemo.platformweb.security.PlatformSecurityProperties.Login;
import cdcdemo.platformweb.security.PlatformSecurityProperties.Role;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The users of {@link PlatformSecurityProperties}, checked at start: an app that no one
 * could log in to (no user, and no OpenID Connect issuer), or a user whose password is
 * written in plain text, does not start.
 */
final class PlatformLogins {

	/**
	 * bcrypt's lowest cost, for the admin password only. A work factor slows down the
	 * guessing of a password whose hash leaked; this hash is made at start and lives in
	 * memory only, next to the secret itself, so a higher cost would protect nothing and
	 * would cost about 80 ms of CPU on every HTTP Basic request (scripts and the CLI send
	 * their password with each one). The admin password's strength is its randomness.
	 */
	private static final int IN_MEMORY_COST = 4;

	private PlatformLogins() {
	}

	static InMemoryUserDetailsManager of(PlatformSecurityProperties properties) {
		List<UserDetails> users = new ArrayList<>();
		if (properties.adminPassword() != null) {
			users.add(user(PlatformSecurityProperties.ADMIN,
					"{bcrypt}" + new BCryptPasswordEncoder(IN_MEMORY_COST).encode(properties.adminPassword()),
					Role.ADMIN));
		}
		for (Map.Entry<String, Login> entry : properties.users().entrySet()) {
			String name = entry.getKey();
			Login login = entry.getValue();
			if (name.equals(PlatformSecurityProperties.ADMIN) && properties.adminPassword() != null) {
				throw new IllegalStateException(
						"platform.security.users.admin is also set by " + "platform.security.admin-password: keep one");
			}
			users.add(user(name, hashOf(name, login), login.role()));
		}
		if (users.isEmpty() && !properties.oidc().enabled()) {
			throw new IllegalStateException("No one can log in: set PLATFORM_ADMIN_PASSWORD (the password of the user"
					+ " 'admin'), platform.security.users.<name>.password (a bcrypt hash) and .role, or"
					+ " PLATFORM_SECURITY_OIDC_ISSUER_URI (login with OpenID Connect)");
		}
		return new InMemoryUserDetailsManager(users);
	}

	private static String hashOf(String name, Login login) {
		String hash = login.password();
		if (hash == null || !hash.startsWith("{") || hash.startsWith("{noop}")) {
			throw new IllegalStateException("platform.security.users." + name + ".password must be a hash with its"
					+ " encoding, e.g. {bcrypt}$2a$10$...; a password in plain text is refused");
		}
		return hash;
	}

	private static UserDetails user(String name, String hash, Role role) {
		return User.withUsername(name).password(hash).roles(role.name()).build();
	}

}
