package cdcdemo.onboarding.dashboard;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page: the journeys with the state of each step, the emails sent, the backlog
 * of steps due, the dead-letter count, and which consumer owns each partition of the
 * change-event topic ({@link PartitionOwners}; the rest of the page shows while Kafka
 * does not answer).
 */
@Controller
class DashboardController {

	private final Dashboard dashboard;

	private final PartitionOwners partitionOwners;

	DashboardController(Dashboard dashboard, PartitionOwners partitionOwners) {
		this.dashboard = dashboard;
		this.partitionOwners = partitionOwners;
	}

	@GetMapping("/")
	String dashboard(Model model) {
		model.addAttribute("journeys", this.dashboard.journeys(50));
		model.addAttribute("emailsPerStep", this.dashboard.emailsSentPerStep());
		model.addAttribute("backlog", this.dashboard.backlog());
		model.addAttribute("recentEmails", this.dashboard.recentEmails(20));
		model.addAttribute("deadLetters", this.dashboard.deadLetters());
		model.addAttribute("surveysAnswered", this.dashboard.surveysAnswered());
		model.addAttribute("partitions", this.partitionOwners.read());
		return "dashboard";
	}

}
