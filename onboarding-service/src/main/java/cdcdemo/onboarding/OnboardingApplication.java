package cdcdemo.onboarding;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A service that learns about users only from the change events of the monolith's
 * {@code users} table: it never calls the monolith and the monolith does not know it
 * exists.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OnboardingApplication {

	public static void main(String[] args) {
		SpringApplication.run(OnboardingApplication.class, args);
	}

}
