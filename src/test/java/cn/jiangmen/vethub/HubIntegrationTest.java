package cn.jiangmen.vethub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Base of the integration tests: the whole hub (embedded PostgreSQL, Flyway, Camel routes
 * from {@code routes/}, sources from {@code config/sources/}) on a free port, with its
 * data folder in a temporary directory of this test JVM. Every subclass shares one
 * application context (so one database); each test starts from an empty warehouse and
 * ledger. The {@code demo} profile is on, and the province source points at the hub's own
 * demo provincial API, so that "run the province now" is a real sync.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
@ActiveProfiles({ "test", "demo" })
public abstract class HubIntegrationTest {

	private static final String OWNER_FILE = "owner.pid";

	/** One data folder per test JVM, shared by every context of that JVM. */
	protected static final Path DATA_DIR = createDataDir();

	/**
	 * The port of the hub under test, chosen before it starts (the province source's URL
	 * needs it).
	 */
	protected static final int HUB_PORT = freePort();

	@Autowired
	protected JdbcTemplate jdbc;

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void hubProperties(DynamicPropertyRegistry registry) {
		registry.add("hub.data-dir", DATA_DIR::toString);
		registry.add("server.port", () -> HUB_PORT);
		registry.add("PROVINCE_BASE_URL", () -> "http://127.0.0.1:" + HUB_PORT + "/demo/province");
		registry.add("SI_BASE_URL", () -> "http://127.0.0.1:" + HUB_PORT + "/demo/social-insurance");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A temporary data folder owned by this JVM (its PID in {@value #OWNER_FILE}). The
	 * folders of test JVMs that have ended are removed first: a test JVM cannot delete
	 * its own on exit, as the embedded PostgreSQL in it stops in a shutdown hook of its
	 * own, and after a million-row benchmark a folder holds some 2 GB.
	 */
	private static Path createDataDir() {
		try {
			Path dir = Files.createTempDirectory("vethub-it-");
			try (DirectoryStream<Path> siblings = Files.newDirectoryStream(dir.getParent(), "vethub-it-*")) {
				for (Path sibling : siblings) {
					if (!sibling.equals(dir) && abandoned(sibling)) {
						deleteLeftOver(sibling);
					}
				}
			}
			Files.writeString(dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Removes a left-over folder; another test JVM starting at the same moment may be
	 * removing it too, so files vanishing under it are not an error.
	 */
	private static void deleteLeftOver(Path dir) {
		try {
			FileSystemUtils.deleteRecursively(dir);
		}
		catch (IOException ex) {
			// removed meanwhile by another test JVM, or removed at its next start
		}
	}

	/** A data folder whose JVM has ended (or one of before owner files, a day old). */
	private static boolean abandoned(Path dir) throws IOException {
		Path owner = dir.resolve(OWNER_FILE);
		if (!Files.exists(owner)) {
			return Files.getLastModifiedTime(dir).toInstant().isBefore(Instant.now().minus(Duration.ofDays(1)));
		}
		try {
			return ProcessHandle.of(Long.parseLong(Files.readString(owner).strip()))
				.map((p) -> !p.isAlive())
				.orElse(true);
		}
		catch (NumberFormatException ex) {
			return true;
		}
	}

	/**
	 * Empties the warehouse, the ledger and the high-water marks: a mark left by an
	 * earlier test would make a sync read nothing.
	 */
	@BeforeEach
	void emptyWarehouseAndLedger() {
		this.jdbc.execute("""
				TRUNCATE dw.person, dw.person_observation_log, dw.visit, dw.assistance_payment, dw.medical_service,
				         dw.insurance_policy, dw.insurance_claim, ops.rejected_row, ops.ingest_run, ops.sync_mark,
				         ops.source_pause, dw.job_fair, dw.legal_aid_station,
				         dw.volunteer_team, dw.volunteer_activity, dw.service_station CASCADE""");
	}

	/** A client of this hub's API authenticated as the test administrator. */
	protected RestClient adminApi() {
		return api("admin", "admin-test-pw");
	}

	/** A client of this hub's API authenticated as the read-only test user. */
	protected RestClient viewerApi() {
		return api("viewer", "viewer-test-pw");
	}

	protected RestClient anonymousApi() {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://localhost:" + this.port)
			.build();
	}

	/**
	 * A client of this hub's API as the given user, over the JDK's HTTP client (named:
	 * with Apache HttpClient 5 on the class path, for camel-http, Spring would take that
	 * one, which waits out a 429's Retry-After and tries again, where a test wants the
	 * 429).
	 */
	protected RestClient api(String user, String password) {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://localhost:" + this.port)
			.defaultHeaders((h) -> h.setBasicAuth(user, password))
			.build();
	}

	/**
	 * The dry run of a file uploaded as an ADMIN would: {@code POST
	 * /api/sources/{id}/preview} with the file as the multipart part {@code file}; the
	 * answer as JSON values.
	 */
	protected Map<String, Object> previewUpload(String source, String fileName, byte[] bytes) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("file", new ByteArrayResource(bytes) {
			@Override
			public String getFilename() {
				return fileName;
			}
		});
		return adminApi().post()
			.uri("/api/sources/{id}/preview", source)
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(parts)
			.retrieve()
			.body(new ParameterizedTypeReference<Map<String, Object>>() {
			});
	}

}
