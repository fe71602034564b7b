package cdcdemo.bridge.alerts;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * When the bridge raises an alert, and whom it tells.
 *
 * @param enabled whether the rules are checked at all
 * @param checkInterval how often the rules are checked (the schedule reads
 * {@code cdc.alerts.check-interval} itself)
 * @param retainedWalOver retained WAL of a connector's slot above which
 * {@code retained-wal} fires
 * @param walGrowingFor how long the slot's growth warning ({@code WalTrends}: every
 * sample of its window grew, and at that rate {@code retainedWalOver} is within its
 * horizon) must hold before {@code wal-growing} fires
 * @param silentFor how long an available connector may publish neither an event nor a
 * heartbeat before {@code silent} fires
 * @param email who gets the alerts by email
 * @param webhooks URLs each transition is posted to as JSON; none by default
 */
@ConfigurationProperties("cdc.alerts")
record AlertsProperties(@DefaultValue("true") boolean enabled, @DefaultValue("30s") Duration checkInterval,
		@DefaultValue("1GB") DataSize retainedWalOver, @DefaultValue("10m") Duration walGrowingFor,
		@DefaultValue("10m") Duration silentFor, @DefaultValue Email email, List<URI> webhooks) {

	AlertsProperties {
		webhooks = (webhooks != null) ? List.copyOf(webhooks) : List.of();
	}

	/**
	 * Email through the platform's SMTP ({@code spring.mail.*}).
	 *
	 * @param to the recipients; none (the default) sends no email
	 * @param from the sender
	 */
	record Email(List<String> to, @DefaultValue("cdc-bridge@localhost") String from) {

		Email {
			to = (to != null) ? to.stream().filter((address) -> !address.isBlank()).toList() : List.of();
		}

	}

}
