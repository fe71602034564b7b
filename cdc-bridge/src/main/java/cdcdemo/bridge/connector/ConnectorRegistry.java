package cdcdemo.bridge.connector;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import cdcdemo.bridge.connector.ConnectorValidationException.FieldProblem;
import cdcdemo.bridge.connector.connect.ConnectClusters;
import cdcdemo.bridge.connector.connect.ConnectEngines;
import cdcdemo.bridge.connector.definition.ConnectorDefinition;
import cdcdemo.bridge.connector.definition.SkippedEvent;
import cdcdemo.bridge.connector.engine.ConnectorEngine;
import cdcdemo.bridge.connector.engine.ConnectorRuntime;
import cdcdemo.bridge.connector.engine.OffsetsTopic;
import cdcdemo.bridge.connector.engine.RefusedEvent;
import cdcdemo.bridge.connector.postgres.SourceDatabaseInspector;
import cdcdemo.bridge.connector.store.DefinitionStore;

/**
 * The connectors of this bridge and their lifecycle: create, update, pause, resume, skip,
 * destroy. Definitions are loaded from the definitions topic when the bridge starts, so
 * connectors survive restarts; the connector declared in the settings is created on the
 * first start. Each connector has its own engine, slot and producer. What a change means
 * for the source database ({@link SourceDdl}), for an update's definition
 * ({@link UpdatedDefinition}) and for the info shown ({@link ConnectorInfoAssembler}) is
 * decided elsewhere; this class holds the running connectors and the order of the steps.
 */
@Component
public class ConnectorRegistry implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ConnectorRegistry.class);

	private final ConnectorProperties properties;

	private final KafkaProperties kafka;

	private final DefinitionStore store;

	private final ConnectorValidator validator;

	private final ConnectorRuntimes runtimes;

	private final SourceDdl ddl;

	private final ConnectorInfoAssembler infos;

	private final ConnectorGauges gauges;

	private final SnapshotSignals signals;

	private final SourceDatabaseInspector inspector;

	private final OnDemandSnapshots onDemand;

	private final ConnectEngines connect;

	private final ConnectClusters connectClusters;

	private final Map<String, ConnectorEngine> connectors = new ConcurrentHashMap<>();

	/**
	 * Where a runtime's {@link #stillCurrent} replaces it, and where the definitions
	 * topic is read for changes another bridge process made ({@link #follow}).
	 */
	private volatile ScheduledExecutorService takeovers;

	private volatile boolean running;

	ConnectorRegistry(ConnectorProperties properties, KafkaProperties kafka, DefinitionStore store,
			ConnectorValidator validator, ConnectorRuntimes runtimes, SourceDdl ddl, ConnectorInfoAssembler infos,
			ConnectorGauges gauges, SnapshotSignals signals, SourceDatabaseInspector inspector,
			OnDemandSnapshots onDemand, ConnectEngines connect, ConnectClusters connectClusters) {
		this.connectClusters = connectClusters;
		this.onDemand = onDemand;
		this.connect = connect;
		this.properties = properties;
		this.kafka = kafka;
		this.store = store;
		this.validator = validator;
		this.runtimes = runtimes;
		this.ddl = ddl;
		this.infos = infos;
		this.gauges = gauges;
		this.signals = signals;
		this.inspector = inspector;
	}

	@Override
	public synchronized void start() {
		Map<String, ConnectorDefinition> definitions = this.store.loadAll();
		ConnectorDefinition declared = this.properties.declared(String.join(",", this.kafka.getBootstrapServers()));
		if (declared != null && !definitions.containsKey(declared.name())) {
			this.store.save(declared);
			definitions.put(declared.name(), declared);
			log.info("Created the declared connector {}", declared.name());
		}
		definitions.values().forEach(this::run);
		this.running = true;
		// made at each start: a context can be stopped and started again (the test
		// framework's context cache does so), and a stopped executor takes no task
		this.takeovers = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "cdc-takeovers");
			thread.setDaemon(true);
			return thread;
		});
		long every = this.properties.definitionsCheckInterval().toMillis();
		this.takeovers.scheduleWithFixedDelay(this::follow, every, every, TimeUnit.MILLISECONDS);
	}

	/**
	 * Apply what another bridge process changed in this one's connectors: each bridge
	 * keeps its own copy of the definitions, and one changed through the other's API or
	 * page (an update, a pause, a resume, a destroy) is read here from the definitions
	 * topic and replaces the copy, as Kafka Connect's workers follow their config topic.
	 * Connectors created elsewhere are not taken up: this bridge runs those it was
	 * started with, and those created or moved here. Read and applied under the
	 * registry's lock, so that a change made here meanwhile is never undone by an older
	 * read.
	 */
	private synchronized void follow() {
		if (!this.running) {
			return;
		}
		Map<String, ConnectorDefinition> stored;
		try {
			stored = this.store.readAll();
		}
		catch (RuntimeException ex) {
			log.debug("Could not read the definitions topic: {}", ex.getMessage());
			return;
		}
		for (ConnectorEngine connector : List.copyOf(this.connectors.values())) {
			ConnectorDefinition mine = connector.definition();
			ConnectorDefinition theirs = stored.get(mine.name());
			if (!mine.equals(theirs)) {
				takeOver(mine, theirs);
			}
		}
	}

	private void run(ConnectorDefinition definition) {
		String name = definition.name();
		this.signals.open(definition, this.runtimes.producerConfig(definition));
		ConnectorEngine runtime = this.runtimes.create(definition, this::stillCurrent);
		this.connectors.put(name, runtime);
		this.gauges.register(name, () -> this.connectors.get(name), () -> retainedWalBytes(name));
		if (!definition.paused()) {
			runtime.start();
		}
	}

	/**
	 * Asked by a connector's runtime that stood by while another bridge process streamed
	 * it, once it has the lock: the definitions topic is read again, and a definition
	 * that changed meanwhile (updated, paused, moved, destroyed) replaces the runtime's,
	 * on another thread, as the runtime asking cannot stop itself.
	 */
	private boolean stillCurrent(ConnectorDefinition definition) {
		ConnectorDefinition stored = this.store.readAll().get(definition.name());
		if (definition.equals(stored)) {
			return true;
		}
		ScheduledExecutorService replacing = this.takeovers;
		if (replacing == null) {
			return false;
		}
		try {
			replacing.execute(() -> takeOver(definition, stored));
		}
		catch (RejectedExecutionException ex) {
			// the bridge is stopping
		}
		return false;
	}

	private synchronized void takeOver(ConnectorDefinition old, ConnectorDefinition stored) {
		String name = old.name();
		ConnectorEngine runtime = this.connectors.get(name);
		if (!this.running || runtime == null || !runtime.definition().equals(old)) {
			return;
		}
		// what the change needed on a Kafka Connect cluster the other bridge did there;
		// only this bridge's copy is replaced
		retire(name, old.embedded() ? ConnectorEngine::stop : ConnectorEngine::stopForShutdown);
		if (stored == null) {
			this.connectors.remove(name);
			this.runtimes.releaseLock(name);
			log.warn("Connector {} was destroyed by another bridge process", name);
			return;
		}
		log.info("Connector {}: going on with the definition another bridge process stored ({})", name, where(stored));
		run(stored);
	}

	/**
	 * Skip the change event that Kafka refused and that stopped the connector: record it
	 * in the definition (which table, key, LSN, size, who and when), then start the
	 * connector again. When the engine reads the event again it sends a small reference
	 * record to the topic's dead-letter topic instead, and goes on with the next change.
	 * @param name the connector
	 * @param by who asked
	 * @return its info afterwards
	 * @throws ConnectorStateException if the connector is not failed on a refused event
	 */
	public synchronized ConnectorInfo skip(String name, String by) {
		ConnectorEngine runtime = get(name);
		RefusedEvent refused = runtime.health().refused();
		if (runtime.status().state() != ConnectorRuntime.State.FAILED || refused == null) {
			throw new ConnectorStateException(name + " has no event to skip: only a connector that failed on an event "
					+ "Kafka refused can skip it (it is " + runtime.status().state().name().toLowerCase() + ")");
		}
		ConnectorDefinition skipping = retire(name)
			.withSkipped(new SkippedEvent(refused.topic(), refused.key(), refused.bytes(), refused.lsn(),
					runtime.health().lastError(), by, Instant.now()))
			.withPaused(false);
		this.store.save(skipping);
		log.warn("Connector {}: {} skips the event on {} with key {} at LSN {} ({} bytes)", name, by, refused.topic(),
				refused.key(), refused.lsn(), refused.bytes());
		run(skipping);
		return info(name);
	}

	public synchronized ConnectorInfo create(ConnectorRequest request) {
		ConnectorValidator.Validated validated = this.validator.validate(request, this.connectors.keySet());
		ConnectorDefinition definition = validated.definition();
		checkCluster(definition);
		if (definition.publicationOwned()) {
			this.ddl.createPublication(definition, validated.shape());
		}
		this.store.save(definition);
		run(definition);
		return info(definition.name());
	}

	/**
	 * Change a connector's tables, excluded columns or settings: validated like a new
	 * connector, then the connector restarts from its committed position with the new
	 * definition (and an owned publication is altered to match). Tables it starts
	 * capturing are snapshotted together, in one request (see {@link #snapshot}); a
	 * paused connector takes that snapshot when it is resumed.
	 * @param name the connector
	 * @param update the change
	 * @return its info afterwards
	 */
	public synchronized ConnectorInfo update(String name, ConnectorUpdate update) {
		ConnectorDefinition current = get(name).definition();
		UpdatedDefinition merged = UpdatedDefinition.of(current, update);
		Set<String> others = new HashSet<>(this.connectors.keySet());
		others.remove(name);
		ConnectorValidator.Validated validated = this.validator.validate(merged.asRequest(current), others);
		List<String> identityChanges = SourceDdl.replicaIdentityChanges(current, merged.excludedColumns(),
				update.replicaIdentity());
		ConnectorDefinition updated = merged.applyTo(current, validated.definition());
		if (current.publicationOwned()) {
			this.ddl.alterPublication(updated, validated.shape());
		}
		this.ddl.changeReplicaIdentities(current.source(), identityChanges);
		retire(name);
		this.store.save(updated);
		run(updated);
		List<String> added = merged.addedTables(current);
		if (!added.isEmpty()) {
			this.onDemand.requesting(name);
			this.signals.request(updated, added);
		}
		return info(name);
	}

	/**
	 * Check a request as {@link #create} would, creating nothing: for a form that has
	 * problems of its own to show together with the validator's.
	 * @param request the request
	 * @throws ConnectorValidationException naming every field at fault
	 */
	public void check(ConnectorRequest request) {
		this.validator.validate(request, this.connectors.keySet());
	}

	/**
	 * @return the names of the datasources a request may name: {@code default} first
	 */
	public List<String> datasourceNames() {
		return Stream.concat(Stream.of("default"), this.properties.datasources().keySet().stream().sorted()).toList();
	}

	/**
	 * The tables of a source database, as its role sees them, for a person choosing what
	 * to capture (see {@link SourceDatabaseInspector#tables}).
	 * @param source a configured datasource's name, or a JDBC URL with a role
	 * @return its tables
	 * @throws ConnectorValidationException naming the source's field at fault, as
	 * {@link #create} would
	 */
	public List<SourceDatabaseInspector.TableShape> sourceTables(ConnectorRequest.Source source) {
		List<FieldProblem> problems = new ArrayList<>();
		ConnectorDefinition.SourceDatabase database = this.validator.source(source, problems);
		if (database == null) {
			throw new ConnectorValidationException(problems);
		}
		return tables(database);
	}

	/**
	 * @param name a connector
	 * @return the tables of its source database, to add to it
	 * @throws ConnectorValidationException if the database cannot be asked
	 */
	public List<SourceDatabaseInspector.TableShape> sourceTables(String name) {
		return tables(get(name).definition().source());
	}

	private List<SourceDatabaseInspector.TableShape> tables(ConnectorDefinition.SourceDatabase database) {
		try {
			return this.inspector.tables(database);
		}
		catch (SQLException ex) {
			throw refused("source.jdbcUrl", "cannot connect as " + database.user() + ": " + ex.getMessage());
		}
	}

	private static ConnectorValidationException refused(String field, String message) {
		return new ConnectorValidationException(List.of(new FieldProblem(field, message)));
	}

	public List<ConnectorInfo> list() {
		return this.connectors.keySet().stream().sorted().map(this::info).toList();
	}

	public ConnectorInfo info(String name) {
		return this.infos.info(get(name));
	}

	public Map<String, String> kafkaConnectConfig(String name) {
		return this.runtimes.kafkaConnectConfig(get(name).definition());
	}

	/**
	 * Wait until the connector is available or failed.
	 * @param name the connector
	 * @param timeout how long at most
	 * @return its info at the end of the wait
	 */
	public ConnectorInfo await(String name, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			ConnectorRuntime.State state = get(name).status().state();
			if (state == ConnectorRuntime.State.AVAILABLE || state == ConnectorRuntime.State.FAILED
					|| state == ConnectorRuntime.State.PAUSED || state == ConnectorRuntime.State.STANDBY) {
				break;
			}
			try {
				TimeUnit.MILLISECONDS.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return info(name);
	}

	public synchronized ConnectorInfo pause(String name) {
		ConnectorDefinition paused = retire(name).withPaused(true);
		this.store.save(paused);
		run(paused);
		return info(name);
	}

	/**
	 * Resume a paused connector, or start again one that failed and is not retried (after
	 * its maximum event size was raised, say): from its last committed position either
	 * way.
	 * @param name the connector
	 * @return its info afterwards
	 */
	public synchronized ConnectorInfo resume(String name) {
		ConnectorEngine runtime = get(name);
		if (!runtime.definition().paused() && runtime.status().state() != ConnectorRuntime.State.FAILED) {
			return info(name);
		}
		ConnectorDefinition resumed = retire(name).withPaused(false);
		this.store.save(resumed);
		run(resumed);
		return info(name);
	}

	public synchronized DestroyedConnector destroy(String name) {
		refuseOnAStandby(name, "destroyed");
		ConnectorDefinition definition = retire(name);
		this.connectors.remove(name);
		this.runtimes.releaseLock(name);
		this.store.delete(name);
		this.onDemand.forget(name);
		boolean positionForgotten = true;
		try {
			if (definition.embedded()) {
				OffsetsTopic.forget(this.runtimes.producerConfig(definition), this.properties.offsetsTopic(), name);
			}
			else {
				positionForgotten = this.connect.delete(definition);
			}
		}
		catch (RuntimeException ex) {
			positionForgotten = false;
			log.warn("Connector {} destroyed, but its position could not be forgotten in its Kafka store", name, ex);
		}
		return DestroyedConnector.of(definition, this.ddl.drop(definition), positionForgotten,
				this.properties.offsetsTopic());
	}

	/**
	 * Move a connector to another engine: from the embedded engine to a Kafka Connect
	 * cluster, back, or between clusters. The connector stops at a committed position
	 * (its last events and their position in one transaction, with exactly-once), that
	 * position is handed to the other engine (on a cluster through Kafka Connect's
	 * offsets API, KIP-875, before the connector's first start there; back here into the
	 * bridge's offsets topic), and it starts there with the same slot, topics and topic
	 * prefix: no snapshot is taken again and no change is skipped. A connector inside its
	 * initial snapshot is refused, as that snapshot would start over.
	 * @param name the connector
	 * @param engine {@code embedded} or {@code kafka-connect}
	 * @param cluster with {@code kafka-connect}, which cluster (optional when there is
	 * one)
	 * @return its info afterwards
	 * @throws ConnectorValidationException if the engine cannot take it
	 * @throws ConnectorStateException if it is in its initial snapshot or runs there
	 * already
	 */
	public synchronized ConnectorInfo move(String name, String engine, String cluster) {
		refuseOnAStandby(name, "moved");
		ConnectorDefinition current = get(name).definition();
		String target;
		try {
			target = this.connectClusters.choose(engine, cluster);
		}
		catch (ConnectClusters.Refused ex) {
			throw refused(ex.field(), ex.getMessage());
		}
		if (Objects.equals(target, current.connectCluster())) {
			throw new ConnectorStateException(name + " runs on " + where(current) + " already");
		}
		ConnectorDefinition moved = current.withConnectCluster(target);
		checkCluster(moved);
		if (current.embedded()
				&& OffsetsTopic.inInitialSnapshot(current.bootstrapServers(), this.properties.offsetsTopic(), name)) {
			throw new ConnectorStateException(name + " is still taking its initial snapshot (or has no committed "
					+ "position yet): moving it now would start that snapshot over; move it once it streams");
		}
		retire(name);
		try {
			if (current.embedded()) {
				this.connect.handOver(moved, this.runtimes.connectorConfig(moved),
						OffsetsTopic.connectOffsets(current.bootstrapServers(), this.properties.offsetsTopic(), name));
			}
			else {
				var offsets = this.connect.takeBack(current);
				if (!moved.embedded()) {
					this.connect.handOver(moved, this.runtimes.connectorConfig(moved), (ObjectNode) offsets);
				}
				else {
					OffsetsTopic.replace(this.runtimes.producerConfig(moved), this.properties.offsetsTopic(), name,
							offsets);
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Connector {} could not be moved to {}; it goes on on {}", name, where(moved), where(current), ex);
			run(current);
			throw new ConnectorStateException(
					name + " could not be moved to " + where(moved) + " (it goes on where it was): " + ex.getMessage());
		}
		this.store.save(moved);
		run(moved);
		log.info("Connector {} moved from {} to {}", name, where(current), where(moved));
		return info(name);
	}

	/**
	 * A move or a destroy needs the connector stopped at its committed position, which
	 * only the bridge process that streams it can do: here, that one would go on
	 * streaming while its position is handed over or its slot dropped.
	 */
	private void refuseOnAStandby(String name, String what) {
		if (get(name).status().state() == ConnectorRuntime.State.STANDBY) {
			throw new ConnectorStateException(name + " is streamed by another bridge process (this one stands by): it "
					+ "can be " + what + " there");
		}
	}

	/**
	 * @return the Kafka Connect clusters a connector may run on or move to, by name
	 */
	public List<String> connectClusterNames() {
		return List.copyOf(this.connectClusters.clusters().keySet());
	}

	private String where(ConnectorDefinition definition) {
		return definition.embedded() ? "the embedded engine" : this.connect.describe(definition);
	}

	private void checkCluster(ConnectorDefinition definition) {
		if (!definition.embedded()) {
			try {
				this.connect.check(definition);
			}
			catch (IllegalArgumentException ex) {
				throw refused("cluster", ex.getMessage());
			}
		}
	}

	/**
	 * Stop a connector's engine, do something while it is stopped, and start it again
	 * with the same definition.
	 * @param name the connector
	 * @param whileStopped what to do meanwhile, with its definition
	 * @return its info afterwards, the engine starting
	 */
	synchronized ConnectorInfo restart(String name, Consumer<ConnectorDefinition> whileStopped) {
		ConnectorDefinition definition = retire(name);
		try {
			whileStopped.accept(definition);
		}
		finally {
			run(definition);
		}
		return info(name);
	}

	/**
	 * Stop a connector's engine (its offsets flushed, its threads ended, its lock kept)
	 * and close its signals producer, so that it can be run again with a new definition
	 * or removed.
	 * @param name the connector
	 * @return its definition
	 */
	private ConnectorDefinition retire(String name) {
		return retire(name, ConnectorEngine::stop);
	}

	/**
	 * As the process ends: {@link ConnectorEngine#stopForShutdown()}, bounded in time.
	 */
	private ConnectorDefinition retireForShutdown(String name) {
		return retire(name, ConnectorEngine::stopForShutdown);
	}

	/**
	 * The stopped engine stays listed until {@link #run} replaces it or the connector is
	 * removed: a connector is never missing while it is changed, which the charts'
	 * sampler took for a destroy (it forgot the connector's history when a sample fell
	 * between a pause's stop and its start again, seen in {@code ConnectorChartsTests}).
	 */
	private ConnectorDefinition retire(String name, Consumer<ConnectorEngine> stop) {
		ConnectorEngine runtime = get(name);
		stop.accept(runtime);
		this.signals.close(name);
		return runtime.definition();
	}

	/**
	 * WAL a connector's slot holds back on its source database.
	 * @param name the connector
	 * @return the bytes; {@code null} if the connector or its slot is gone, or the
	 * database cannot be asked
	 */
	Long retainedWalBytes(String name) {
		ConnectorEngine runtime = this.connectors.get(name);
		return (runtime != null) ? this.infos.retainedWalBytes(runtime.definition()) : null;
	}

	/**
	 * @param name a connector
	 * @return its definition
	 * @throws ConnectorNotFoundException if there is no such connector
	 */
	ConnectorDefinition definition(String name) {
		return get(name).definition();
	}

	Set<String> names() {
		return Set.copyOf(this.connectors.keySet());
	}

	ConnectorRuntime.Status status(String name) {
		return get(name).status();
	}

	private ConnectorEngine get(String name) {
		ConnectorEngine runtime = this.connectors.get(name);
		if (runtime == null) {
			throw new ConnectorNotFoundException(name);
		}
		return runtime;
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		ScheduledExecutorService replacing = this.takeovers;
		if (replacing != null) {
			replacing.shutdownNow();
		}
		this.connectors.keySet().parallelStream().forEach((name) -> {
			try {
				retireForShutdown(name);
			}
			catch (RuntimeException ex) {
				log.warn("Connector {} did not stop cleanly", name, ex);
			}
			finally {
				this.runtimes.releaseLock(name);
			}
		});
		this.connectors.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
