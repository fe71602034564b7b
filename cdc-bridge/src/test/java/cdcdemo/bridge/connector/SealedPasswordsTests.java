package cdcdemo.bridge.connector;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import cdcdemo.bridge.connector.store.DefinitionStore;
import cdcdemo.testsupport.kafka.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whoever can read the definitions topic on a real broker finds no source password in it:
 * the bridge, given a secret key, stores each sealed, and reads it back to connect.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "cdc.connector.secret-key=a-test-key-of-this-bridge")
class SealedPasswordsTests extends BridgeSystemTest {

	@Autowired
	DefinitionStore store;

	@Test
	void theDefinitionsTopicHoldsNoSourcePassword() {
		BridgeApi api = new BridgeApi(this.port, this.mapper);
		this.monolith.sql("create publication sealed_publication for table items").update();
		api.call("POST", "/api/connectors",
				Map.of("name", "sealed", "source",
						Map.of("jdbcUrl", this.postgres.jdbcUrl("users"), "user", "cdc_bridge", "password",
								"cdc_bridge"),
						"tables", List.of("public.items"), "publication", "sealed_publication"),
				201);
		assertThat(api.call("GET", "/api/connectors/sealed/wait?timeout=60s", null, 200).path("status").asString())
			.as("it connects with the password it stored sealed")
			.isEqualTo("available");

		List<ConsumerRecord<String, String>> stored = TopicReader.readAll(this.kafka.bootstrapServers(),
				"cdc-bridge-connectors");
		assertThat(stored).extracting(ConsumerRecord::key).contains("monolith", "sealed");
		for (ConsumerRecord<String, String> record : stored) {
			if (record.value() != null) {
				String password = this.mapper.readTree(record.value()).path("source").path("password").asString();
				assertThat(password).as("the stored password of %s", record.key()).startsWith("{aes-gcm}");
				assertThat(record.value()).doesNotContain("\"password\":\"cdc_bridge\"");
			}
		}
		assertThat(this.store.loadAll().get("sealed").source().password()).isEqualTo("cdc_bridge");
		api.call("DELETE", "/api/connectors/sealed", null, 200);
	}

}
