package cdcdemo.onboarding.dashboard;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.KafkaAdmin;

import cdcdemo.onboarding.system.Replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The partition owners when Kafka is not there: a table that says so within the timeout,
 * never a page that waits, and an Admin client that closes within its bound.
 * {@code PartitionsTests} reads them from a real broker.
 */
class PartitionOwnersTests {

	@Test
	void saysKafkaDidNotAnswerWithinTheTimeoutAndClosesWithinTwoSeconds() throws IOException {
		OwnedPartitions owned = mock(OwnedPartitions.class);
		given(owned.topics()).willReturn(List.of("monolith.public.users"));
		given(owned.groupId()).willReturn(Optional.of("onboarding-service"));
		given(owned.byClientId()).willReturn(Map.of());
		PartitionOwners owners = new PartitionOwners(
				new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort())), owned,
				new Replica());
		try {
			long started = System.nanoTime();
			PartitionTable table = owners.read();

			assertThat(Duration.ofNanos(System.nanoTime() - started))
				.isLessThan(PartitionOwners.TIMEOUT.plusSeconds(1));
			assertThat(table.answered()).isFalse();
			assertThat(table.error()).startsWith("Kafka did not answer");
			assertThat(table.partitions()).isEmpty();
			assertThat(table.groupId()).isEqualTo("onboarding-service");
		}
		finally {
			long closing = System.nanoTime();
			owners.destroy();
			assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(3));
		}
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
