package cdcdemo.bridge.topics;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class TopicsPageController {

	private final TopicsMonitor monitor;

	TopicsPageController(TopicsMonitor monitor) {
		this.monitor = monitor;
	}

	@GetMapping("/topics")
	String topics(Model model) {
		model.addAttribute("topics", this.monitor.topics());
		return "topics";
	}

}
