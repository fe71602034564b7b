package cdcdemo.platformweb.security;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts who is logged in ({@code platformUser}) in every page's model, for the header. */
@ControllerAdvice
class SignedInAdvice {

	@ModelAttribute("platformUser")
	SignedIn platformUser() {
		return SignedIn.current().orElse(null);
	}

}
