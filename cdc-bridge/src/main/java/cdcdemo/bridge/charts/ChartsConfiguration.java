package cdcdemo.bridge.charts;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The histories on the system clock; tests give them one of their own.
 */
@Configuration(proxyBeanMethods = false)
class ChartsConfiguration {

	@Bean
	ConnectorHistories connectorHistories(ChartsProperties properties) {
		return new ConnectorHistories(properties, Clock.systemUTC());
	}

}
