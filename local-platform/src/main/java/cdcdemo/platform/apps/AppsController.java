package cdcdemo.platform.apps;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The state of the platform's apps as JSON, for a script or a glance: which run, which
 * are being restarted, which were given up on, and how often each was restarted. Empty
 * when the platform runs without its apps.
 */
@RestController
class AppsController {

	private final ObjectProvider<PlatformApps> apps;

	AppsController(ObjectProvider<PlatformApps> apps) {
		this.apps = apps;
	}

	@GetMapping("/platform/apps")
	List<AppStatus> apps() {
		PlatformApps platform = this.apps.getIfAvailable();
		return (platform != null) ? platform.statuses() : List.of();
	}

}
