package cn.jiangmen.vethub;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * Base of the integration tests: the whole hub (embedded PostgreSQL, Flyway, Camel routes from
 * {@code routes/}, sources from {@code config/sources/}) on a random port, with its data folder in a
 * temporary directory of this test JVM. Every subclass shares one application context (so one database);
 * each test starts from an empty warehouse and ledger.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class HubIntegrationTest {

	/** One data folder per test JVM, shared by every context of that JVM. */
	protected static final Path DATA_DIR = createDataDir();

	@Autowired
	protected JdbcTemplate jdbc;

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void hubProperties(DynamicPropertyRegistry registry) {
		registry.add("hub.data-dir", DATA_DIR::toString);
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
