package cdcdemo.platformweb.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login page every admin app shows, with the platform's header: the password form,
 * and the OpenID Connect button when an issuer is configured, with why the last login at
 * the issuer failed.
 */
@Controller
class LoginController {

	private final PlatformSecurity security;

	LoginController(PlatformSecurity security) {
		this.security = security;
	}

	@GetMapping("/login")
	String login(HttpServletRequest request, Model model) {
		this.security.oidcLabel().ifPresent((label) -> {
			model.addAttribute("oidcLabel", label);
			model.addAttribute("oidcLogin", PlatformOidc.LOGIN_URL);
		});
		HttpSession session = request.getSession(false);
		if (request.getParameter("oidc-error") != null && session != null
				&& session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof AuthenticationException ex) {
			model.addAttribute("oidcError", ex.getMessage());
		}
		return "platform/login";
	}

}
