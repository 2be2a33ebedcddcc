package cn.jiangmen.vethub.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.jiangmen.vethub.FormLoginSession;
import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.ops.RunStatus;
import cn.jiangmen.vethub.ops.RunTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad input never makes a server error: every parameter (path variables and query
 * parameters) of every endpoint the hub maps, found from Spring MVC's own handler mapping
 * so that a new endpoint is covered without touching this test, receives each of a list
 * of bad values (huge and negative numbers, an offset that overflows, NUL, invalid UTF-8,
 * 4 kB and 10 kB strings, SQL and path fragments) as ADMIN, as VIEWER and anonymously.
 * Every answer must be below 500 and the log must show no error with a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadInputIT extends HubIntegrationTest {

	/** Bad values, already percent-encoded as they travel in a URL. */
	static final List<String> BAD_VALUES = List.of("99999999999999999999", "-1", "10737419", "a%00b", "%ff%fe",
			"x".repeat(4_000), "y".repeat(10_000), "'%20OR%201%3D1--", "..%2F..%2Fetc%2Fpasswd", "%2B999999999-12-31",
			"%E4%BD%A0%0A%0D");

	/** A valid value for each path variable, so that only one value at a time is bad. */
	private static final Map<String, String> VALID = Map.of("key", "persons", "endpoint", "veterans", "id", "heshan");

	private static final Pattern PATH_VARIABLE = Pattern.compile("\\{(\\w+)(?::[^}]*)?}");

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Autowired
	private RunLedger ledger;

	@Autowired
	private LoginAttemptLimiter limiter;

	@AfterEach
	void unlockEveryone() {
		this.limiter.clear();
	}

	@Test
	void everyParameterOfEveryEndpointAnswersBadValuesBelow500AsAdminViewerAndStranger(CapturedOutput output) {
		long run = this.ledger.start("heshan", RunTrigger.FILE, "鹤山市退役军人花名册_20261115.xlsx", "b".repeat(64));
		this.ledger.finish(run, RunStatus.SUCCEEDED, 10, 10, 0, null, null);
		FormLoginSession adminSession = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		FormLoginSession viewerSession = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		List<Endpoint> endpoints = endpoints();
		assertThat(endpoints).extracting(Endpoint::pattern)
			.as("the console's and the API's endpoints are found")
			.contains("/runs/{id}", "/api/runs", "/api/sources/{id}/sync", "/reports/{key}.xlsx");
		List<String> failures = new ArrayList<>();
		int requests = 0;
		for (Endpoint endpoint : endpoints) {
			for (String parameter : endpoint.parameters()) {
				for (String bad : BAD_VALUES) {
					String path = endpoint.path(parameter, bad, run);
					boolean api = path.startsWith("/api/") || path.startsWith("/demo/");
					List<Caller> callers = List.of(api ? basic("admin", "admin-test-pw") : session(adminSession),
							api ? basic("viewer", "viewer-test-pw") : session(viewerSession), anonymous());
					for (Caller caller : callers) {
						int status = caller.send(endpoint.method(), path);
						requests++;
						if (status >= 500) {
							failures
								.add(status + " " + endpoint.method() + " " + shorten(path) + " as " + caller.name());
						}
					}
				}
			}
		}
		// the login form is Spring Security's, not in the handler mapping
		for (String bad : BAD_VALUES) {
			for (String field : List.of("username", "password")) {
				String other = field.equals("username") ? "password=x" : "username=someone";
				int status = anonymous().send("POST", "/login?" + field + "=" + bad + "&" + other);
				requests++;
				if (status >= 500) {
					failures.add(status + " POST /login " + field + "=" + shorten(bad));
				}
			}
		}
		System.out.println("BadInputIT: " + requests + " requests to " + endpoints.size() + " endpoints");
		assertThat(failures).as("server errors out of " + requests + " requests").isEmpty();
		assertThat(requests).as("a few hundred requests, not thousands").isBetween(300, 2500);
		assertThat(output.getAll()).as("no error with a stack trace in the log")
			.doesNotContain(" ERROR ")
			.doesNotContainPattern("\n\tat [a-z]");
	}

	@Test
	void aLanguageCookieThatIsNoLocaleIsIgnoredOnEveryPageTheLoginPageIncluded(CapturedOutput output) {
		for (String bad : List.of("%", "%ff%fe", "zh_CN%00", "en%0d%0aSet-Cookie")) {
			FormLoginSession stranger = FormLoginSession.anonymous(this.port);
			stranger.setCookie("vethub-lang", bad);
			HttpResponse<String> login = stranger.get("/login");
			assertThat(login.statusCode()).as("login page with cookie " + bad).isEqualTo(200);
			assertThat(login.body()).contains("<html lang=\"zh\"", "用户名");
			FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
			admin.setCookie("vethub-lang", bad);
			assertThat(admin.get("/sources").statusCode()).as("sources page with cookie " + bad).isEqualTo(200);
			assertThat(admin.get("/runs/123456789").statusCode()).as("error page with cookie " + bad).isEqualTo(404);
			assertThat(admin.get("/api/sources").statusCode()).isEqualTo(200);
		}
		// a good cookie still works
		FormLoginSession english = FormLoginSession.anonymous(this.port);
		english.setCookie("vethub-lang", "en");
		assertThat(english.get("/login").body()).contains("<html lang=\"en\"", "User name");
		assertThat(output.getAll()).doesNotContain(" ERROR ").doesNotContainPattern("\n\tat [a-z]");
	}

	@Test
	void aNulInASearchParameterIsRefusedWith400AndAMessageNamingIt() {
		HttpResponse<String> api = FormLoginSession.login(this.port, "admin", "admin-test-pw")
			.get("/api/runs?source=a%00b");
		assertThat(api.statusCode()).isEqualTo(400);
		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		HttpResponse<String> page = viewer.get("/runs?source=a%00b");
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("请求有误", "source", "control character");
		assertThat(viewer.get("/runs?from=%2B999999999-12-31").body()).contains("from must be a day between");
		assertThat(send("GET", "/api/runs?status=x%00", basicHeader("viewer", "viewer-test-pw"))).isEqualTo(400);
		assertThatThrownBy(() -> viewerApi().get()
			.uri(URI.create("http://localhost:" + this.port + "/api/runs?source=a%00b"))
			.retrieve()
			.toBodilessEntity()).isInstanceOfSatisfying(HttpClientErrorException.class, (ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(400);
				assertThat(ex.getResponseBodyAsString()).contains("\"message\"", "'source'", "control character");
			});
	}

	@Test
	void aBadValueHoldingAnIdNumberIsNotWrittenToTheLog(CapturedOutput output) {
		String id = "440784198503120017";
		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		assertThat(admin.get("/runs/1?page=" + id).statusCode()).isEqualTo(400);
		assertThat(admin.get("/api/runs/" + id + "x").statusCode()).isEqualTo(400);
		assertThat(output.getAll()).doesNotContain(id);
	}

	/** Every mapped handler method with its path variables and query parameters. */
	private List<Endpoint> endpoints() {
		List<Endpoint> endpoints = new ArrayList<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> e : this.mappings.getHandlerMethods().entrySet()) {
			Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
			String method = methods.isEmpty() ? "GET" : methods.iterator().next().name();
			List<String> query = new ArrayList<>();
			for (MethodParameter p : e.getValue().getMethodParameters()) {
				RequestParam param = p.getParameterAnnotation(RequestParam.class);
				if (param != null) {
					String name = param.name().isEmpty() ? p.getParameterName() : param.name();
					if (!name.isEmpty()) {
						query.add(name);
					}
				}
			}
			for (String pattern : e.getKey().getPatternValues()) {
				endpoints.add(new Endpoint(method, pattern, query));
			}
		}
		return endpoints;
	}

	private Caller basic(String user, String password) {
		String header = basicHeader(user, password);
		return new Caller(user + " (Basic)", (method, path) -> send(method, path, header));
	}

	private static String basicHeader(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private Caller anonymous() {
		return new Caller("stranger", (method, path) -> send(method, path, null));
	}

	private static Caller session(FormLoginSession session) {
		return new Caller("session", (method, path) -> "GET".equals(method) ? session.get(path).statusCode()
				: session.postForm(path, Map.of()).statusCode());
	}

	private int send(String method, String path, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String shorten(String text) {
		return (text.length() > 120) ? text.substring(0, 120) + "..." : text;
	}

	interface Send {

		int send(String method, String path);

	}

	record Caller(String name, Send sender) {

		int send(String method, String path) {
			return this.sender.send(method, path);
		}

	}

	/**
	 * @param parameters path variables first, then query parameters
	 */
	record Endpoint(String method, String pattern, List<String> query) {

		List<String> parameters() {
			Set<String> all = new LinkedHashSet<>(pathVariables());
			all.addAll(this.query);
			return new ArrayList<>(all);
		}

		List<String> pathVariables() {
			List<String> names = new ArrayList<>();
			Matcher m = PATH_VARIABLE.matcher(this.pattern);
			while (m.find()) {
				names.add(m.group(1));
			}
			return names;
		}

		/** The endpoint's URL with {@code bad} as the value of {@code parameter}. */
		String path(String parameter, String bad, long run) {
			Map<String, String> values = new LinkedHashMap<>();
			for (String name : pathVariables()) {
				String valid = ("id".equals(name) && this.pattern.contains("/runs/")) ? Long.toString(run)
						: VALID.getOrDefault(name, "x");
				values.put(name, name.equals(parameter) ? bad : valid);
			}
			Matcher m = PATH_VARIABLE.matcher(this.pattern);
			StringBuilder path = new StringBuilder();
			while (m.find()) {
				m.appendReplacement(path, Matcher.quoteReplacement(values.get(m.group(1))));
			}
			m.appendTail(path);
			if (this.query.contains(parameter)) {
				path.append('?').append(parameter).append('=').append(bad);
			}
			return path.toString();
		}

	}

}
