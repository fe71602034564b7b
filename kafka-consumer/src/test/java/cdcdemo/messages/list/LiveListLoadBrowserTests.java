package cdcdemo.messages.list;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cdcdemo.testsupport.HeadlessChromium;
import cdcdemo.testsupport.TestLogins;
import cdcdemo.testsupport.kafka.TopicWriter;
import cdcdemo.testsupport.servers.RealServers;
import cdcdemo.testsupport.servers.RealServersExtension;
import static cdcdemo.messages.list.ChangeEventRecords.event;
import static cdcdemo.messages.list.ChangeEventRecords.key;
import static cdcdemo.messages.list.ChangeEventRecords.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live list under load in headless Chromium: a producer writes change events at a
 * steady rate (5,000 a second by default) while the test types into a filter. The page
 * renders only its window (the newest {@code capacity} records) once per animation frame,
 * so the DOM stays small and input is handled promptly. Measured in the page: long tasks
 * (PerformanceObserver), the delay from each key press to its handler and to the next
 * frame, and the number of rows in the DOM. The figures are logged; what is asserted is
 * behaviour: the DOM never holds more than the window, every key press is handled, the
 * filter applies, and the list shows the newest record once the burst ends. Rate and
 * duration: {@code -Dliveload.rate=5000 -Dliveload.seconds=10}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "messages.topics=monolith.public.users", "messages.capacity=200",
				"messages.discovery-interval=200ms" })
@Tag("system")
@RealServers(kafka = true, shared = false)
class LiveListLoadBrowserTests {

	private static final Logger log = LoggerFactory.getLogger(LiveListLoadBrowserTests.class);

	private static final String USERS = "monolith.public.users";

	private static final int RATE = Integer.getInteger("liveload.rate", 5_000);

	private static final int SECONDS = Integer.getInteger("liveload.seconds", 10);

	private static final int CAPACITY = 200;

	private static final String OBSERVE = """
			window.perf = { longTasks: [], inputs: [], maxRows: 0 };
			try {
				new PerformanceObserver((entries) => entries.getEntries()
					.forEach((e) => window.perf.longTasks.push(e.duration))).observe({ type: 'longtask' });
			} catch (e) { window.perf.noLongTasks = true; }
			document.getElementById('filter-text').addEventListener('input', (event) => {
				const handled = performance.now() - event.timeStamp;
				requestAnimationFrame(() => window.perf.inputs.push(
					{ handled: handled, frame: performance.now() - event.timeStamp }));
			});
			window.perf.renders = [];
			window.perf.sampler = setInterval(() => {
				window.perf.maxRows = Math.max(window.perf.maxRows, document.querySelectorAll('#events li.event').length);
				const render = document.getElementById('events').dataset.renderMs;
				if (render !== undefined && render !== window.perf.lastRender) {
					window.perf.lastRender = render;
					window.perf.renders.push(Number(render));
				}
			}, 50);
			""";

	static TopicWriter kafka;

	static WebDriver browser;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startKafkaAndBrowser() throws Exception {
		browser = HeadlessChromium.start();
		kafka = TopicWriter.to(RealServersExtension.kafka().bootstrapServers());
		kafka.createTopics(USERS);
		kafka.send(USERS, key(0), event("c", "null", row(0, "First", "first@example.com")));
	}

	@AfterAll
	static void stopBrowserAndKafka() {
		if (browser != null) {
			browser.quit();
		}
		if (kafka != null) {
			kafka.close();
		}
	}

	@DynamicPropertySource
	static void kafkaProperties(DynamicPropertyRegistry registry) {
		registry.add("messages.bootstrap-servers", () -> kafka.bootstrapServers());
	}

	@Test
	@SuppressWarnings("unchecked")
	void keepsTheDomToItsWindowAndStaysResponsiveWhileEventsPourIn() throws Exception {
		// an admin: the test finds the newest record by its email, which anyone else sees
		// masked
		TestLogins.ADMIN.logIn(browser, "http://127.0.0.1:" + this.port);
		browser.get("http://127.0.0.1:" + this.port + "/");
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(browser.findElement(By.id("live")).getAttribute("data-state")).isEqualTo("live"));
		JavascriptExecutor page = (JavascriptExecutor) browser;
		page.executeScript(OBSERVE);
		WebElement filter = browser.findElement(By.id("filter-text"));

		int total = RATE * SECONDS;
		List<ProducerRecord<String, String>> records = new ArrayList<>(total);
		for (long id = 1; id <= total; id++) {
			records.add(new ProducerRecord<>(USERS, key(id),
					event("u", "null", row(id, "User " + id, "user" + id + "@example.com"))));
		}
		AtomicInteger sent = new AtomicInteger();
		AtomicReference<Exception> failed = new AtomicReference<>();
		long started = System.nanoTime();
		int keyPresses = 0;
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map
			.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5),
				new StringSerializer(), new StringSerializer())) {
			ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
			int perTick = Math.max(1, RATE / 100);
			ticks.scheduleAtFixedRate(() -> {
				for (int i = 0; i < perTick && sent.get() < total; i++) {
					producer.send(records.get(sent.getAndIncrement()), (metadata, ex) -> {
						if (ex != null) {
							failed.compareAndSet(null, ex);
						}
					});
				}
			}, 0, 10, TimeUnit.MILLISECONDS);
			while (sent.get() < total) {
				filter.sendKeys("x");
				filter.sendKeys(Keys.BACK_SPACE);
				keyPresses += 2;
			}
			ticks.shutdown();
			assertThat(ticks.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
			producer.flush();
		}
		double producedRate = total / (Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
		assertThat(failed.get()).isNull();
		int presses = keyPresses;

		String newest = "user" + total + "@example.com";
		long drainStarted = System.nanoTime();
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> page.executeScript("const first = document.querySelector('#events li.event');"
					+ " return first !== null && first.textContent.includes(arguments[0]);", newest),
					Boolean.TRUE::equals);
		long drainMs = Duration.ofNanos(System.nanoTime() - drainStarted).toMillis();
		Map<String, Object> perf = (Map<String, Object>) page.executeScript(
				"clearInterval(window.perf.sampler); window.perf.rows = document.querySelectorAll('#events li.event')"
						+ ".length; window.perf.received = Number(document.getElementById('events').dataset.received);"
						+ " return window.perf;");

		List<Map<String, Object>> inputs = (List<Map<String, Object>>) perf.get("inputs");
		List<Number> longTasks = (List<Number>) perf.get("longTasks");
		assertThat(((Number) perf.get("maxRows")).intValue()).isBetween(1, CAPACITY);
		assertThat(inputs).as("every key press handled").hasSize(presses);
		filter.sendKeys("user" + total + "@");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> page
				.executeScript("return document.querySelectorAll('#events li.event:not([hidden])').length;"),
					(shown) -> ((Number) shown).intValue() == 1);
		List<Double> renders = ((List<Number>) perf.get("renders")).stream().map(Number::doubleValue).sorted().toList();
		List<Double> frame = inputs.stream()
			.map((input) -> ((Number) input.get("frame")).doubleValue())
			.sorted()
			.toList();
		List<Double> handled = inputs.stream()
			.map((input) -> ((Number) input.get("handled")).doubleValue())
			.sorted()
			.toList();
		log.warn(
				"""
						Live list under load, {} events at {}/s for {} s (produced at {}/s), capacity {} (machine load {}):
						  DOM rows: at most {} during the burst, {} after; the page received {} events; newest shown {} ms \
						after the producer finished
						  key press to handler: median {} ms, p95 {} ms, max {} ms; to the next frame: median {} ms, p95 {} ms, \
						max {} ms ({} key presses)
						  long tasks: {} (total {} ms, max {} ms){}
						  renders of the window: {}, median {} ms, max {} ms""",
				total, RATE, SECONDS, String.format("%.0f", producedRate), CAPACITY, load(), perf.get("maxRows"),
				perf.get("rows"), perf.get("received"), drainMs, percentile(handled, 50), percentile(handled, 95),
				percentile(handled, 100), percentile(frame, 50), percentile(frame, 95), percentile(frame, 100),
				inputs.size(), longTasks.size(),
				String.format("%.0f", longTasks.stream().mapToDouble(Number::doubleValue).sum()),
				String.format("%.0f", longTasks.stream().mapToDouble(Number::doubleValue).max().orElse(0)),
				Boolean.TRUE.equals(perf.get("noLongTasks")) ? " (no Long Tasks API)" : "", renders.size(),
				percentile(renders, 50), percentile(renders, 100));
	}

	private static String percentile(List<Double> sorted, int percent) {
		if (sorted.isEmpty()) {
			return "-";
		}
		int index = Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1);
		return String.format("%.1f", sorted.get(Math.max(0, index)));
	}

	private static String load() {
		return String.format("%.2f",
				java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
	}

}
