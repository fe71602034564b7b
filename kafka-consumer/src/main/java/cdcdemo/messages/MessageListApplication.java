package cdcdemo.messages;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The message list: a read-only window on the CDC topics, for people who want to see what
 * the connector actually publishes.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MessageListApplication {

	public static void main(String[] args) {
		SpringApplication.run(MessageListApplication.class, args);
	}

}
