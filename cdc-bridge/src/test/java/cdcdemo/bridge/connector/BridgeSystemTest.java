package cdcdemo.bridge.connector;

import org.junit.jupiter.api.Tag;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import cdcdemo.platform.kafka.KafkaServer;
import cdcdemo.platform.postgres.PostgresServer;

/**
 * What every system test of the bridge starts from, written once: the whole bridge on a
 * random port, on the real servers of {@link BridgeTestServers} (PostgreSQL 17 and a
 * Kafka broker), and the handles the tests use. Tests that extend it and add no setting
 * of their own share one Spring context, so one set of servers and one bridge; a test
 * with settings of its own ({@code @TestPropertySource}) gets a context of its own.
 */
@Tag("system")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(BridgeTestServers.class)
public abstract class BridgeSystemTest {

	/** The bridge's own JSON mapper. */
	@Autowired
	protected ObjectMapper mapper;

	@Autowired
	protected KafkaServer kafka;

	@Autowired
	protected PostgresServer postgres;

	/** The captured database, as the monolith's role (the owner of its tables). */
	@Autowired
	protected JdbcClient monolith;

	@LocalServerPort
	protected int port;

}
