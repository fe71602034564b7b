package cdcdemo.domains;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The tutorial's example consumer: how many users each email domain has, learnt only from
 * the change events of the monolith's {@code users} table. Small on purpose, to be copied
 * as the start of your own consumer.
 */
@SpringBootApplication
public class DomainStatsApplication {

	public static void main(String[] args) {
		SpringApplication.run(DomainStatsApplication.class, args);
	}

}
