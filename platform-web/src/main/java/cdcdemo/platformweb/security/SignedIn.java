package cdcdemo.platformweb.security;

import java.util.Arrays;
import java.util.Optional;

import cdcdemo.platformweb.security.PlatformSecurityProperties.Role;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is logged in, and with which role: what the header shows and what an app asks
 * before it shows a masked value.
 *
 * @param name the user
 * @param role the highest role the user has
 */
public record SignedIn(String name, String role) {

	/**
	 * @return the user of the current request, if one is logged in
	 */
	public static Optional<SignedIn> current() {
		return of(SecurityContextHolder.getContext().getAuthentication());
	}

	/**
	 * @param authentication a request's authentication, or {@code null}
	 * @return its user, unless it is anonymous or not authenticated
	 */
	public static Optional<SignedIn> of(Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return Optional.empty();
		}
		Role highest = null;
		for (Role role : Role.values()) {
			if (authentication.getAuthorities()
				.stream()
				.anyMatch((granted) -> ("ROLE_" + role.name()).equals(granted.getAuthority()))) {
				highest = role;
			}
		}
		return Optional.of(new SignedIn(authentication.getName(), (highest != null) ? highest.label() : "none"));
	}

	/**
	 * @param role a role
	 * @return whether this user has it, or one above it
	 */
	public boolean mayAct(Role role) {
		return Arrays.stream(Role.values())
			.filter((each) -> each.label().equals(this.role))
			.anyMatch((each) -> each.compareTo(role) >= 0);
	}

	/**
	 * @return whether this user may act (pause, resume, create...): what a page asks
	 * before it shows the buttons, as {@code platformUser.operator}
	 */
	public boolean isOperator() {
		return mayAct(Role.OPERATOR);
	}

	/**
	 * @return whether this user may destroy and reveal, as {@code platformUser.admin}
	 */
	public boolean isAdmin() {
		return mayAct(Role.ADMIN);
	}

	/**
	 * @param role a role
	 * @return whether the current request's user has it, or one above it
	 */
	public static boolean currentMay(Role role) {
		return current().map((user) -> user.mayAct(role)).orElse(false);
	}

}
