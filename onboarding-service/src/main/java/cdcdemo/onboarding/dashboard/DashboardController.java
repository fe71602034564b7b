package cdcdemo.onboarding.dashboard;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page: the journeys with the state of each step, the emails sent, the backlog
 * of steps due and the dead-letter count.
 */
@Controller
class DashboardController {

	private final Dashboard dashboard;

	DashboardController(Dashboard dashboard) {
		this.dashboard = dashboard;
	}

	@GetMapping("/")
	String dashboard(Model model) {
		model.addAttribute("journeys", this.dashboard.journeys(50));
		model.addAttribute("emailsPerStep", this.dashboard.emailsSentPerStep());
		model.addAttribute("backlog", this.dashboard.backlog());
		model.addAttribute("recentEmails", this.dashboard.recentEmails(20));
		model.addAttribute("deadLetters", this.dashboard.deadLetters());
		model.addAttribute("surveysAnswered", this.dashboard.surveysAnswered());
		return "dashboard";
	}

}
