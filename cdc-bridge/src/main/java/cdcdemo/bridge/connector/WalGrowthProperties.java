package cdcdemo.bridge.connector;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a slot's growing retained WAL warns ({@link WalTrend}). The samples are taken
 * every {@code cdc.charts.interval} (10 s, {@link ConnectorSampler}), and one is kept
 * every {@code cdc.connector.wal-sample-interval} (30 s).
 *
 * @param window how long every sample must have grown
 * @param horizon how soon, at the rate of that window, the slot must reach
 * {@code cdc.connector.wal-warning-bytes} for the growth to warn
 */
@ConfigurationProperties("cdc.connector.wal-growth")
record WalGrowthProperties(@DefaultValue("5m") Duration window, @DefaultValue("1h") Duration horizon) {
}
