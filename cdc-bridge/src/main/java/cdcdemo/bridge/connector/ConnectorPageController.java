package cdcdemo.bridge.connector;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The bridge's page: each connector's status, tables and topics, progress, lag and warnings. Changes go through the
 * API (the page shows the commands).
 */
@Controller
class ConnectorPageController {

	private final ConnectorRegistry registry;

	ConnectorPageController(ConnectorRegistry registry) {
		this.registry = registry;
	}

	@GetMapping("/")
	String connectors(Model model) {
		model.addAttribute("connectors", this.registry.list());
		return "connectors";
	}

}
