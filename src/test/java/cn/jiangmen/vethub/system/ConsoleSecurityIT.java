package cn.jiangmen.vethub.system;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.FormLoginSession;
import cn.jiangmen.vethub.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The console's and the API's doors, through real HTTP on the running hub. */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleSecurityIT extends HubIntegrationTest {

	@Autowired
	private LoginAttemptLimiter limiter;

	@Autowired
	private HubSecurityProperties security;

	@Autowired
	private org.springframework.core.env.Environment environment;

	@Autowired
	private org.apache.camel.CamelContext camel;

	@AfterEach
	void unlockEveryone() {
		this.limiter.clear();
	}

	@Test
	void theConsoleSendsStrangersToABilingualLoginPage() {
		FormLoginSession anonymous = FormLoginSession.anonymous(this.port);
		HttpResponse<String> sources = anonymous.get("/sources");
		assertThat(sources.statusCode()).isEqualTo(302);
		assertThat(sources.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/login"));
		assertThat(anonymous.get("/login").body()).contains("<html lang=\"zh\"", "用户名", "密码");
		assertThat(anonymous.get("/login?lang=en").body()).contains("<html lang=\"en\"", "User name", "Password");
		assertThat(anonymous.get("/reports/persons.xlsx").statusCode()).isEqualTo(302);
	}

	@Test
	void aLoggedInViewerSeesTheSourcesButNoButtonsAndIsRefusedWhenPausing() {
		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		String page = viewer.get("/sources").body();
		assertThat(page).contains("鹤山市", "恩平市", "广东省退役军人信息管理系统", "只读用户").doesNotContain("id=\"pause-heshan\"");
		HttpResponse<String> pause = viewer.postForm("/sources/heshan/pause", Map.of());
		assertThat(pause.statusCode()).isEqualTo(403);
		assertThat(pause.body()).contains("无权操作");
	}

	@Test
	void formsWithoutTheCsrfTokenAreRefusedEvenForAnAdministrator() {
		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		assertThat(admin.postRaw("/sources/heshan/pause", Map.of()).statusCode()).isEqualTo(403);
		// the API honours the console's session for reading (live progress), but not for
		// changing without the token
		assertThat(admin.get("/api/sources").statusCode()).isEqualTo(200);
		assertThat(admin.postRaw("/api/sources/heshan/pause", Map.of()).statusCode()).isEqualTo(403);
	}

	@Test
	void pagesCarryAStrictContentSecurityPolicyAndNoCaching() {
		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		HttpResponse<String> page = admin.get("/sources");
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((csp) -> assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'"));
		assertThat(page.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((c) -> assertThat(c).contains("no-store"));
		assertThat(page.body()).doesNotContain("<script>");
	}

	@Test
	void aBrowserDrivenByAnotherSiteCannotWriteWithTheAdministratorsBasicLogin() {
		String basic = "Basic "
				+ java.util.Base64.getEncoder().encodeToString("admin:admin-test-pw".getBytes(StandardCharsets.UTF_8));
		// heshan is a file source: a sync that gets through is answered 409, not run
		assertThat(post("/api/sources/heshan/sync", basic, "Origin", "https://evil.example")).isEqualTo(403);
		assertThat(post("/api/sources/heshan/sync", basic, "Sec-Fetch-Site", "cross-site")).isEqualTo(403);
		assertThat(post("/api/sources/heshan/sync", basic, "Sec-Fetch-Site", "same-site")).isEqualTo(403);
		assertThat(post("/api/sources/heshan/pause", basic, "Origin", "null")).isEqualTo(403);
		assertThat(this.camel.getRouteController().getRouteStatus("heshan").isStarted()).isTrue();
		// the hub's own pages, and scripts (which send neither header), may
		assertThat(post("/api/sources/heshan/sync", basic, "Origin", "http://localhost:" + this.port)).isEqualTo(409);
		assertThat(post("/api/sources/heshan/sync", basic, "Sec-Fetch-Site", "same-origin")).isEqualTo(409);
		assertThat(post("/api/sources/heshan/sync", basic, "User-Agent", "curl/8.5.0")).isEqualTo(409);
		// reading stays open to every origin's browser (CORS still keeps the answer from
		// it)
		assertThat(send("GET", "/api/sources", basic, "Sec-Fetch-Site", "cross-site")).isEqualTo(200);
	}

	@Test
	void aConsoleFormPostedFromAnotherSiteIsRefusedEvenWithItsCsrfToken() {
		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		admin.get("/sources");
		HttpResponse<String> refused = admin.postForm("/sources/heshan/pause", Map.of(), "Sec-Fetch-Site",
				"cross-site");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(this.camel.getRouteController().getRouteStatus("heshan").isStarted()).isTrue();
		assertThat(admin
			.postForm("/login", Map.of("username", "admin", "password", "admin-test-pw"), "Origin",
					"https://evil.example")
			.statusCode()).as("login CSRF").isEqualTo(403);
	}

	@Test
	void redirectsAreRelativeSoAForgedHostNeverReachesLocation() throws IOException {
		String anonymous = rawGet("/sources", "evil.example", null);
		assertThat(anonymous).startsWith("HTTP/1.1 302");
		assertThat(location(anonymous)).isEqualTo("/login");
		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		String home = rawGet("/", "evil.example", "JSESSIONID=" + admin.cookie("JSESSIONID"));
		assertThat(home).startsWith("HTTP/1.1 302");
		assertThat(location(home)).isEqualTo("/sources");
	}

	@Test
	void everyAnswerSaysToSendNoReferrerElsewhereAndToUseNoCameraOrLocation() {
		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		for (HttpResponse<String> page : List.of(FormLoginSession.anonymous(this.port).get("/login"),
				admin.get("/sources"), admin.get("/api/sources"))) {
			assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
			assertThat(page.headers().firstValue("Permissions-Policy"))
				.hasValueSatisfying((p) -> assertThat(p).contains("camera=()", "geolocation=()", "microphone=()"));
		}
		assertThat(adminApi().get()
			.uri("/api/status")
			.retrieve()
			.toBodilessEntity()
			.getHeaders()
			.getFirst("Referrer-Policy")).isEqualTo("same-origin");
	}

	@Test
	void noServerSessionExistsBeforeALogin() {
		FormLoginSession stranger = FormLoginSession.anonymous(this.port);
		HttpResponse<String> login = stranger.get("/login");
		HttpResponse<String> protectedPage = stranger.get("/runs?source=heshan");
		HttpResponse<String> error = stranger.get("/login?error");
		for (HttpResponse<String> response : List.of(login, protectedPage, error)) {
			assertThat(response.headers().allValues("Set-Cookie")).noneMatch((c) -> c.startsWith("JSESSIONID"));
		}
		assertThat(stranger.cookie("JSESSIONID")).isNull();
		// the login form still carries its CSRF token (in a cookie, not a session) and,
		// once logged in, goes back to the page asked for
		HttpResponse<String> loggedIn = stranger.postForm("/login",
				Map.of("username", "viewer", "password", "viewer-test-pw"));
		assertThat(loggedIn.statusCode()).isEqualTo(302);
		assertThat(loggedIn.headers().firstValue("Location")).hasValue("/runs?source=heshan");
		assertThat(stranger.cookie("JSESSIONID")).isNotNull();
		assertThat(stranger.get("/sources").statusCode()).isEqualTo(200);
		// a login without the token is refused
		assertThat(FormLoginSession.anonymous(this.port)
			.postRaw("/login", Map.of("username", "viewer", "password", "viewer-test-pw"))
			.statusCode()).isEqualTo(403);
	}

	private int post(String path, String authorization, String header, String value) {
		return send("POST", path, authorization, header, value);
	}

	private int send(String method, String path, String authorization, String header, String value) {
		try {
			java.net.http.HttpRequest request = java.net.http.HttpRequest
				.newBuilder(java.net.URI.create("http://localhost:" + this.port + path))
				.method(method, java.net.http.HttpRequest.BodyPublishers.noBody())
				.header("Authorization", authorization)
				.header(header, value)
				.build();
			return java.net.http.HttpClient.newHttpClient()
				.send(request, HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A GET written by hand on a socket: Java's HTTP clients do not let a caller choose
	 * the {@code Host} header.
	 */
	private String rawGet(String path, String host, String cookie) throws IOException {
		try (java.net.Socket socket = new java.net.Socket("localhost", this.port)) {
			String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
					+ ((cookie != null) ? "Cookie: " + cookie + "\r\n" : "") + "Connection: close\r\n\r\n";
			socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	private static String location(String response) {
		return response.lines()
			.filter((line) -> line.regionMatches(true, 0, "Location:", 0, 9))
			.map((line) -> line.substring(9).strip())
			.findFirst()
			.orElse(null);
	}

	@Test
	void prometheusNeedsALoginAndShowsTheHubsMetrics() {
		assertThatThrownBy(() -> anonymousApi().get().uri("/actuator/prometheus").retrieve().toBodilessEntity())
			.isInstanceOfSatisfying(HttpClientErrorException.class,
					(ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED));
		String metrics = viewerApi().get().uri("/actuator/prometheus").retrieve().body(String.class);
		assertThat(metrics).contains("vethub_files_waiting{", "source=\"heshan\"");
		assertThat(anonymousApi().get().uri("/actuator/health").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void repeatedBasicFailuresLockTheUserEvenWithTheRightPasswordAndAreLoggedWithoutIt(CapturedOutput output) {
		for (int i = 0; i < 5; i++) {
			assertThatThrownBy(
					() -> api("admin", "Guess-" + "Zx9q").get().uri("/api/sources").retrieve().toBodilessEntity())
				.isInstanceOfSatisfying(HttpClientErrorException.class,
						(ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED));
		}
		assertThatThrownBy(() -> adminApi().get().uri("/api/sources").retrieve().toBodilessEntity())
			.isInstanceOfSatisfying(HttpClientErrorException.class, (ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
				assertThat(ex.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
			});
		// the form is the same door: locked too
		HttpResponse<String> form = FormLoginSession.anonymous(this.port)
			.postForm("/login", Map.of("username", "admin", "password", "admin-test-pw"));
		assertThat(form.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/login?locked"));
		assertThat(output).contains("Login failed: user 'admin' from 127.0.0.1", "now locked")
			.doesNotContain("Guess-Zx9q")
			.doesNotContain("admin-test-pw");
		this.limiter.clear();
		assertThat(adminApi().get().uri("/api/sources").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void onceUsersAreConfiguredTheGeneratedAdministratorCannotLogIn() {
		this.jdbc.update("INSERT INTO ops.app_user (username, password_hash, role) VALUES ('firstadmin', ?, 'ADMIN')",
				new BCryptPasswordEncoder(4).encode("generated-pw-1234"));
		try {
			assertThatThrownBy(() -> api("firstadmin", "generated-pw-1234").get()
				.uri("/api/sources")
				.retrieve()
				.toBodilessEntity()).isInstanceOfSatisfying(HttpClientErrorException.class,
						(ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED));
		}
		finally {
			this.jdbc.update("DELETE FROM ops.app_user");
		}
	}

	@Test
	void scriptsNeverGetASessionCookie() {
		assertThat(adminApi().get().uri("/api/sources").retrieve().toBodilessEntity().getHeaders().get("Set-Cookie"))
			.isNull();
		assertThatThrownBy(() -> anonymousApi().get().uri("/api/sources").retrieve().toBodilessEntity())
			.isInstanceOfSatisfying(HttpClientErrorException.class, (ex) -> {
				assertThat(ex.getResponseHeaders().get("Set-Cookie")).isNull();
				assertThat(ex.getResponseHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
			});
		assertThat(viewerApi().get()
			.uri("/actuator/prometheus")
			.retrieve()
			.toBodilessEntity()
			.getHeaders()
			.get("Set-Cookie")).isNull();
	}

	@Test
	void consoleSessionsTimeOutAfterTheConfiguredInactivity() {
		assertThat(this.security.sessionTimeout()).isEqualTo(Duration.ofMinutes(30));
		assertThat(this.environment.getProperty("server.servlet.session.timeout", Duration.class))
			.isEqualTo(this.security.sessionTimeout());
	}

	@Test
	void aWrongFormPasswordReturnsToTheLoginPageWithAMessage() {
		FormLoginSession anonymous = FormLoginSession.anonymous(this.port);
		HttpResponse<String> response = anonymous.postForm("/login",
				Map.of("username", "viewer", "password", "not-the-password"));
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/login?error"));
		assertThat(anonymous.get("/login?error").body()).contains("用户名或密码错误");
	}

	@Test
	void aFirstStartWithoutUsersKeepsTheGeneratedPasswordInAPrivateFileAndPrintsOnlyItsPath(CapturedOutput output)
			throws IOException {
		HubSecurityProperties none = new HubSecurityProperties(List.of(), Duration.ofMinutes(30),
				new HubSecurityProperties.Lockout(5, 20, Duration.ofMinutes(10), Duration.ofMinutes(15)));
		Path dataDir = Files.createTempDirectory(DATA_DIR, "first-start-");
		HubProperties hub = new HubProperties(dataDir, Path.of("config/sources"),
				new HubProperties.EmbeddedDb(0, "pg"));
		HubUserDetailsService firstStart = new HubUserDetailsService(none, hub, this.jdbc);
		Path file = dataDir.resolve("secrets/initial-admin-password").toAbsolutePath().normalize();
		try {
			this.jdbc.update("DELETE FROM ops.app_user");
			firstStart.generateFirstAdministrator();
			firstStart.generateFirstAdministrator();
			String password = Files.readString(file).strip();
			assertThat(password).hasSizeGreaterThanOrEqualTo(20);
			if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
			}
			assertThat(output.getAll()).contains("log in as  admin  with the password in", file.toString())
				.doesNotContain(password);
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM ops.app_user", Integer.class))
				.as("one administrator, also across a second start")
				.isEqualTo(1);
			String hash = this.jdbc.queryForObject("SELECT password_hash FROM ops.app_user WHERE username = 'admin'",
					String.class);
			assertThat(hash).startsWith("$2").doesNotContain(password);
			assertThat(new BCryptPasswordEncoder().matches(password, hash)).isTrue();
			assertThat(firstStart.loadUserByUsername("admin").getAuthorities()).extracting(Object::toString)
				.containsExactly("ROLE_ADMIN");
			// once users are configured, the file is stale and goes
			new HubUserDetailsService(this.security, hub, this.jdbc).generateFirstAdministrator();
			assertThat(file).doesNotExist();
			assertThat(output.getAll()).contains("deleted the generated administrator's password file " + file);
		}
		finally {
			this.jdbc.update("DELETE FROM ops.app_user");
		}
	}

}
