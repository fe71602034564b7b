package cdcdemo.bridge.connector;

import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cdcdemo.bridge.connector.store.DefinitionStore;

/**
 * The beans of the layers below this package that take the bridge's settings: they are given the values they need,
 * so that they do not depend on {@link ConnectorProperties}, which belongs here.
 */
@Configuration(proxyBeanMethods = false)
class ConnectorConfiguration {

	@Bean
	DefinitionStore definitionStore(ConnectorProperties properties, KafkaProperties kafka, ObjectMapper mapper) {
		return new DefinitionStore(properties.definitionsTopic(), properties.signalsTopic(), kafka, mapper);
	}

}
