package cdcdemo.platformweb;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the header in every page's model, so that no controller of the apps has to know
 * about it: a template only includes {@code ~{platform/header :: header}}.
 */
@ControllerAdvice
final class PlatformHeaderAdvice {

	private final PlatformHeader header;

	PlatformHeaderAdvice(PlatformHeader header) {
		this.header = header;
	}

	@ModelAttribute(PlatformHeader.MODEL_ATTRIBUTE)
	PlatformHeader platformHeader() {
		return this.header;
	}

}
