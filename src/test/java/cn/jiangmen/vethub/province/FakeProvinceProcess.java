package cn.jiangmen.vethub.province;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import cn.jiangmen.vethub.source.ProvinceSettings;

import static cn.jiangmen.vethub.province.FakeProvinceApi.VETERANS;

/**
 * {@link FakeProvinceApi} holding {@code n} veterans, served from a JVM of its own, as
 * the provincial system is another machine: its 100,000 records then weigh on its own
 * heap, not on the garbage collector of the hub measured against it (in the hub's heap,
 * the collector's concurrent marking of them took more CPU than the sync itself). It
 * still shares the machine's cores, with the bare fetch and the sync alike. The process
 * ends when closed, or when the JVM that started it ends (its standard input closes).
 */
final class FakeProvinceProcess implements AutoCloseable {

	private final Process process;

	private final URI baseUrl;

	private FakeProvinceProcess(Process process, URI baseUrl) {
		this.process = process;
		this.baseUrl = baseUrl;
	}

	/** Starts a server holding {@code n} veterans and waits until it serves. */
	static FakeProvinceProcess start(int n) throws IOException {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(
				List.of(java, "-Xmx768m", "-cp", classPath, FakeProvinceProcess.class.getName(), Integer.toString(n)))
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line = out.readLine();
		if (line == null || !line.startsWith("PORT ")) {
			process.destroyForcibly();
			throw new IOException("The fake provincial server did not start: " + line);
		}
		return new FakeProvinceProcess(process, URI.create("http://127.0.0.1:" + line.substring(5).strip()));
	}

	/** Settings pointing at this server, as {@link FakeProvinceApi#settings(int)}. */
	ProvinceSettings settings(int pageSize, Duration readTimeout) {
		return new ProvinceSettings(this.baseUrl, FakeProvinceApi.CLIENT_ID, FakeProvinceApi.SECRET, pageSize,
				Duration.ofSeconds(2), readTimeout, 4, Duration.ofMillis(5), Duration.ofMillis(40), "0 0 2 * * ?",
				"Asia/Shanghai");
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	/** The server's JVM: loads the veterans, prints its port, serves until stdin ends. */
	public static void main(String[] args) throws IOException {
		int n = Integer.parseInt(args[0]);
		try (FakeProvinceApi api = new FakeProvinceApi()) {
			LocalDateTime t0 = LocalDateTime.of(2026, 1, 1, 0, 0);
			for (int i = 1; i <= n; i++) {
				// about two records per second, as a day of updates in the provincial
				// system
				api.put(VETERANS, ProvinceSamples.veteran(i, t0.plusSeconds(i / 2)));
			}
			System.out.println("PORT " + api.baseUrl().getPort());
			System.out.flush();
			while (System.in.read() >= 0) {
				// serving until the parent closes our standard input
			}
		}
	}

}
