package cdcdemo.bridge.connector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cdcdemo.bridge.connector.store.DefinitionStore;
import cdcdemo.bridge.connector.store.SourcePasswords;

/**
 * The beans of the layers below this package that take the bridge's settings: they are
 * given the values they need, so that they do not depend on {@link ConnectorProperties},
 * which belongs here.
 */
@Configuration(proxyBeanMethods = false)
class ConnectorConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ConnectorConfiguration.class);

	@Bean
	DefinitionStore definitionStore(ConnectorProperties properties, KafkaProperties kafka, ObjectMapper mapper) {
		SourcePasswords passwords = new SourcePasswords(properties.secretKey());
		if (!passwords.sealing()) {
			log.warn("cdc.connector.secret-key is not set: the connectors' source passwords are stored in {} as given;"
					+ " set it (CDC_CONNECTOR_SECRET_KEY) to store them sealed", properties.definitionsTopic());
		}
		return new DefinitionStore(properties.definitionsTopic(), properties.signalsTopic(), kafka, mapper, passwords);
	}

}
