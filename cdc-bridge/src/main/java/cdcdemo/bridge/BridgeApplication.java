package cdcdemo.bridge;

import cdcdemo.bridge.system.ShutdownDeadline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BridgeApplication {

	public static void main(String[] args) {
		ShutdownDeadline.arm();
		SpringApplication.run(BridgeApplication.class, args);
	}

}
