package cdcdemo.platformweb.security;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page every admin app shows, with the platform's header. */
@Controller
class LoginController {

	@GetMapping("/login")
	String login() {
		return "platform/login";
	}

}
