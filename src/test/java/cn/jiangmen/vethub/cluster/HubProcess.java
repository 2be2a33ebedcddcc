package cn.jiangmen.vethub.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.jiangmen.vethub.VethubApplication;

import static org.awaitility.Awaitility.await;

/**
 * A hub in a JVM of its own: {@code java} with this test's class path, started in the
 * project folder (its {@code routes/} and {@code config/}) with the {@code test} profile
 * and the given arguments, its output in a log file. {@link #kill()} is {@code kill -9}
 * ({@link Process#destroyForcibly()} sends SIGKILL on Linux): no shutdown hook, no clean
 * stop. The hub also ends when the JVM that started it does ({@link #main}: its standard
 * input closes), so that a test JVM that is itself killed leaves no hub behind.
 */
final class HubProcess implements AutoCloseable {

	private static final Pattern INSTANCE = Pattern.compile("This hub is instance ([0-9a-f-]{36})");

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	final String name;

	final int port;

	final Path log;

	private final Process process;

	private final OutputStream stdin;

	private UUID instanceId;

	private HubProcess(String name, int port, Path log, Process process) {
		this.name = name;
		this.port = port;
		this.log = log;
		this.process = process;
		this.stdin = process.getOutputStream();
	}

	/** Starts a hub; {@link #awaitUp()} waits until it serves. */
	static HubProcess start(String name, int port, Path log, List<String> args) throws IOException {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp", classPath,
				HubProcess.class.getName(), "--spring.profiles.active=test", "--server.port=" + port));
		command.addAll(args);
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(command).directory(Path.of(System.getProperty("user.dir")).toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		return new HubProcess(name, port, log, process);
	}

	/**
	 * Waits until the hub answers {@code /actuator/health} and has said its instance id.
	 */
	HubProcess awaitUp(Duration atMost) throws IOException {
		await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " ended while starting:\n" + tail(60));
			}
			return instanceIdInLog() != null && healthy();
		});
		this.instanceId = instanceIdInLog();
		return this;
	}

	UUID instanceId() {
		return this.instanceId;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** {@code POST path} as the test administrator; the HTTP status. */
	int post(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString("admin:admin-test-pw".getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(30))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	/** kill -9, and waits until the process is gone. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException(this.name + " survived SIGKILL");
		}
	}

	/** The last lines of the hub's log, for failure messages. */
	String tail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	/** A clean stop (SIGTERM), forced after 30 s. */
	@Override
	public void close() throws InterruptedException {
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		try {
			this.stdin.close();
		}
		catch (IOException ex) {
			// the process is gone
		}
	}

	@Override
	public String toString() {
		return this.name + " (port " + this.port + ", instance " + this.instanceId + ")";
	}

	private boolean healthy() {
		try {
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health"))
				.timeout(Duration.ofSeconds(5))
				.build();
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private UUID instanceIdInLog() throws IOException {
		if (!Files.exists(this.log)) {
			return null;
		}
		Matcher m = INSTANCE.matcher(Files.readString(this.log, StandardCharsets.ISO_8859_1));
		return m.find() ? UUID.fromString(m.group(1)) : null;
	}

	/**
	 * The hub's JVM: the hub's own main, and a watch on standard input that ends the JVM
	 * at once when the test JVM that started it is gone.
	 */
	public static void main(String[] args) {
		Thread watch = new Thread(() -> {
			try {
				while (System.in.read() >= 0) {
					// nothing is ever sent: the read ends when the parent's end closes
				}
			}
			catch (IOException ex) {
				// the parent is gone
			}
			Runtime.getRuntime().halt(3);
		}, "parent-watch");
		watch.setDaemon(true);
		watch.start();
		VethubApplication.main(args);
	}

}
