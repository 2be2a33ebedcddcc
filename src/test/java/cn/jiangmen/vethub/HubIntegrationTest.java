package cn.jiangmen.vethub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
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
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path createDataDir() {
		try {
			return Files.createTempDirectory("vethub-it-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@BeforeEach
	void emptyWarehouseAndLedger() {
		this.jdbc.execute("""
				TRUNCATE dw.person, dw.person_observation, dw.visit, dw.assistance_payment, dw.medical_service,
				         dw.insurance_policy, dw.insurance_claim, ops.rejected_row, ops.ingest_run CASCADE""");
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
		return RestClient.builder().baseUrl("http://localhost:" + this.port).build();
	}

	protected RestClient api(String user, String password) {
		return RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeaders((h) -> h.setBasicAuth(user, password))
			.build();
	}

}
