package cdcdemo.benchmark.processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import cdcdemo.benchmark.BenchmarkApplication;

/**
 * A JVM started from this benchmark's own class path in another role (Kafka broker, Kafka
 * Connect worker), so that its CPU time and memory are its own. From the executable jar
 * it goes through Spring Boot's launcher; from a class path (the smoke test) straight to
 * the main class.
 */
public final class ChildJvm implements AutoCloseable {

	private final Process process;

	private final Path log;

	private ChildJvm(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	static ChildJvm start(String role, String jvmOptions, List<String> args, Path logDir) {
		return start(role, role, jvmOptions, args, logDir);
	}

	/**
	 * Start a JVM in the role; its output goes to {@code <name>.log} in the log
	 * directory.
	 */
	static ChildJvm start(String role, String name, String jvmOptions, List<String> args, Path logDir) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(Arrays.stream(jvmOptions.trim().split("\\s+")).filter((o) -> !o.isEmpty()).toList());
		String classPath = System.getProperty("java.class.path");
		command.add("-cp");
		command.add(classPath);
		command.add(isBootJar(classPath) ? "org.springframework.boot.loader.launch.JarLauncher"
				: BenchmarkApplication.class.getName());
		command.add(role);
		command.addAll(args);
		try {
			Files.createDirectories(logDir);
			Path log = logDir.resolve(name + ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			return new ChildJvm(process, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start the " + role, ex);
		}
	}

	private static boolean isBootJar(String classPath) {
		if (classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
			return false;
		}
		try (JarFile jar = new JarFile(classPath)) {
			return jar.getEntry("BOOT-INF/") != null;
		}
		catch (IOException ex) {
			return false;
		}
	}

	public long pid() {
		return this.process.pid();
	}

	public Path log() {
		return this.log;
	}

	void assertAlive(String what) {
		if (!this.process.isAlive()) {
			throw new IllegalStateException(what + " exited with " + this.process.exitValue() + "; see " + this.log);
		}
	}

	void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
