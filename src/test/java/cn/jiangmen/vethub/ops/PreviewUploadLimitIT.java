package cn.jiangmen.vethub.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

import cn.jiangmen.vethub.FormLoginSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file over the upload limit ({@code VETHUB_PREVIEW_MAX_UPLOAD}, here 4 KB) is refused
 * with 413 and a message saying so, never a 500; a file under it is read. The limit is
 * read at start, so this hub is one of its own: not a {@code HubIntegrationTest} (whose
 * context, data folder and port every other IT shares), but the same hub on a data folder
 * and port of its own, closed after this class.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT,
		properties = { "spring.servlet.multipart.max-file-size=4KB", "spring.servlet.multipart.max-request-size=4KB" })
@ActiveProfiles({ "test", "demo" })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class PreviewUploadLimitIT {

	private static final Path OWN_DATA_DIR = ownDataDir();

	private static final int OWN_PORT = ownPort();

	@DynamicPropertySource
	static void ownFolderAndPort(DynamicPropertyRegistry registry) {
		registry.add("hub.data-dir", OWN_DATA_DIR::toString);
		registry.add("server.port", () -> OWN_PORT);
		registry.add("PROVINCE_BASE_URL", () -> "http://127.0.0.1:" + OWN_PORT + "/demo/province");
	}

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void aFileOverTheLimitIsRefusedWith413AndAMessage() {
		StringBuilder csv = new StringBuilder("序号,姓名,身份证号码,救助类别,救助金额（元）,发放日期\r\n");
		for (int i = 1; csv.length() < 8 * 1024; i++) {
			csv.append(i).append(",某某,440784195004023110,生活困难救助,800,2026-11-15\r\n");
		}
		ResponseEntity<String> answer = upload(csv.toString().getBytes(Charset.forName("GBK")));

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(413));
		assertThat(answer.getBody()).contains("too large", "4096 bytes", "VETHUB_PREVIEW_MAX_UPLOAD")
			.doesNotContain("440784195004023110");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM ops.ingest_run", Long.class)).isZero();
	}

	@Test
	void theRefusalIsNotLoggedAsAServerError(CapturedOutput output) {
		upload(new byte[16 * 1024]);
		assertThat(output.getOut()).doesNotContain("Servlet.service()", "Exception Processing", "SizeLimitExceeded");
	}

	@Test
	void aFileUnderTheLimitIsRead() {
		ResponseEntity<String> answer = upload(
				"序号,姓名,身份证号码,救助类别,救助金额（元）,发放日期\r\n1,某某,44078419500402311,生活困难救助,800,2026-11-15\r\n"
					.getBytes(Charset.forName("GBK")));
		assertThat(answer.getStatusCode().value()).isEqualTo(200);
		assertThat(answer.getBody()).contains("\"bad_id_format\":1");
	}

	@Test
	void aFileSentThroughTheConsoleOverTheLimitIsRefusedWith413AndNothingReachesTheInbox() throws IOException {
		FormLoginSession admin = FormLoginSession.login(OWN_PORT, "admin", "admin-test-pw");
		admin.get("/inbox/heshan");
		java.net.http.HttpResponse<String> answer = admin.postFile("/inbox/heshan/upload", "file", "救助发放.csv",
				new byte[16 * 1024]);
		assertThat(answer.statusCode()).isEqualTo(413);
		assertThat(answer.body()).contains("too large", "VETHUB_PREVIEW_MAX_UPLOAD");
		try (var files = Files.list(OWN_DATA_DIR.resolve("inbox/county/heshan"))) {
			assertThat(files).isEmpty();
		}
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM ops.inbox_drop", Long.class)).isZero();
	}

	private ResponseEntity<String> upload(byte[] bytes) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("file", new ByteArrayResource(bytes) {
			@Override
			public String getFilename() {
				return "救助发放.csv";
			}
		});
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://localhost:" + OWN_PORT)
			.defaultHeaders((h) -> h.setBasicAuth("admin", "admin-test-pw"))
			.build()
			.post()
			.uri("/api/sources/heshan/preview")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(parts)
			.exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
				.body(new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
	}

	private static Path ownDataDir() {
		try {
			Path dir = Files.createTempDirectory("vethub-it-");
			Files.writeString(dir.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int ownPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
