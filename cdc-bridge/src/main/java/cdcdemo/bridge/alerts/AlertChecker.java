package cdcdemo.bridge.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cdcdemo.bridge.connector.ConnectorInfo;
import cdcdemo.bridge.connector.ConnectorRegistry;
import cdcdemo.bridge.connector.WalTrends;

/**
 * Checks the rules every {@code cdc.alerts.check-interval} (30 s), and tells each
 * transition once ({@link AlertBook}). It reads what the bridge computes already: the
 * connectors' info (status, reason, retained WAL, last event) and the growth warning of
 * {@link WalTrends}, judged against the alerts' own threshold. A part that cannot be
 * checked (Kafka away) is logged and left as it was, and never stops the other parts or
 * the next check.
 */
@Component
class AlertChecker {

	private static final Logger log = LoggerFactory.getLogger(AlertChecker.class);

	private static final Set<AlertRule> CONNECTOR_RULES = EnumSet.of(AlertRule.CONNECTOR_FAILED, AlertRule.RETAINED_WAL,
			AlertRule.WAL_GROWING, AlertRule.SILENT);

	private final AlertsProperties properties;

	private final ConnectorRegistry registry;

	private final WalTrends walTrends;

	private final KafkaTopics kafka;

	private final AlertBook book;

	private final AlertSender sender;

	private final ConnectorRules rules;

	private final ConnectorWatch watch = new ConnectorWatch();

	private final DeadLetters deadLetters = new DeadLetters();

	AlertChecker(AlertsProperties properties, ConnectorRegistry registry, WalTrends walTrends, KafkaTopics kafka,
			AlertBook book, AlertSender sender) {
		this.properties = properties;
		this.registry = registry;
		this.walTrends = walTrends;
		this.kafka = kafka;
		this.book = book;
		this.sender = sender;
		this.rules = new ConnectorRules(properties);
	}

	@Scheduled(fixedDelayString = "${cdc.alerts.check-interval:30s}")
	void check() {
		if (!this.properties.enabled()) {
			return;
		}
		Instant now = Instant.now();
		List<Verdict> verdicts = new ArrayList<>();
		Set<AlertRule> checked = EnumSet.noneOf(AlertRule.class);
		Set<String> names = Set.of();
		try {
			List<ConnectorInfo> connectors = this.registry.list();
			names = connectors.stream().map(ConnectorInfo::name).collect(Collectors.toSet());
			this.watch.retain(names);
			for (ConnectorInfo info : connectors) {
				String growth = this.walTrends.warning(info.name(), this.properties.retainedWalOver().toBytes());
				ConnectorSignals signals = this.watch.observe(info, growth, lastHeartbeat(info), now);
				verdicts.addAll(this.rules.verdicts(info, signals, now));
			}
			checked.addAll(CONNECTOR_RULES);
		}
		catch (RuntimeException ex) {
			log.warn("Alerts: could not check the connectors: {}", ex.getMessage());
		}
		try {
			verdicts.addAll(this.deadLetters
				.verdicts(this.kafka.endOffsets((topic) -> topic.endsWith(DeadLetters.SUFFIX)), names));
			checked.add(AlertRule.DEAD_LETTERS);
		}
		catch (RuntimeException ex) {
			log.warn("Alerts: could not check the dead letter topics: {}", ex.getMessage());
		}
		for (AlertTransition transition : this.book.apply(verdicts, checked, now)) {
			log.info("Alert {} {} for {}: {}", transition.rule(), transition.state(), transition.subject(),
					transition.message());
			this.book.remember(transition.delivered(this.sender.send(transition)));
		}
	}

	private Instant lastHeartbeat(ConnectorInfo info) {
		if (info.heartbeatTopic() == null || !"available".equals(info.status())) {
			return null;
		}
		try {
			return this.kafka.lastRecordAt(info.heartbeatTopic());
		}
		catch (RuntimeException ex) {
			// Kafka away: no heartbeat seen, which is what silence means
			return null;
		}
	}

}
