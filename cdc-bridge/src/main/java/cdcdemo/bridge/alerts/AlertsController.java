package cdcdemo.bridge.alerts;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The alerts firing and the latest transitions: a viewer's to read, like every GET. */
@RestController
class AlertsController {

	private final AlertBook book;

	private final AlertsProperties properties;

	AlertsController(AlertBook book, AlertsProperties properties) {
		this.book = book;
		this.properties = properties;
	}

	@GetMapping("/api/alerts")
	AlertsView alerts() {
		return new AlertsView(this.properties.enabled(), this.book.lastCheck(), this.book.firing(),
				this.book.history());
	}

}
