package cdcdemo.domains.stats;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The counts as a page and as JSON.
 */
@Controller
class DomainStatsController {

	private final DomainCounts counts;

	DomainStatsController(DomainCounts counts) {
		this.counts = counts;
	}

	@GetMapping("/")
	String page(Model model) {
		model.addAttribute("domains", this.counts.counts());
		return "domains";
	}

	@GetMapping("/api/domains")
	@ResponseBody
	List<DomainCount> domains() {
		return this.counts.counts();
	}

}
