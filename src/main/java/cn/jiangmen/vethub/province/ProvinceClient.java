package cn.jiangmen.vethub.province;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import cn.jiangmen.vethub.normalize.Text;
import cn.jiangmen.vethub.source.ProvinceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client of the provincial API on {@link HttpClient}, built to survive the ways such
 * government backends fail:
 * <ul>
 * <li>OAuth2 client credentials: the token is fetched with a form-encoded POST, cached
 * until shortly before it expires, and fetched again once when a call answers 401
 * (expired or revoked);</li>
 * <li>HTTP 5xx, timeouts, refused connections and a page whose JSON is cut off are
 * retried with exponential backoff ({@code backoff}, doubled, at most
 * {@code maxBackoff});</li>
 * <li>HTTP 429 waits as long as {@code Retry-After} says (seconds or an HTTP date), but
 * never longer than {@code maxBackoff}: a sync never hangs for an hour;</li>
 * <li>an error sent as HTTP 200 with a non-200 {@code code} in the body is treated
 * exactly like the HTTP status it names;</li>
 * <li>after {@code maxAttempts} attempts the call fails with a message naming the request
 * and the last error.</li>
 * </ul>
 * The client secret never appears in a log line or an exception message, even if the
 * server echoes it. Thread-safe; one instance per run.
 */
public class ProvinceClient {

	/**
	 * The API's time format ({@code updatedSince}, {@code gxsj}), wall time in
	 * Asia/Shanghai.
	 */
	public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	/**
	 * Parses a time of the API ({@link #TIME}, surrounding whitespace ignored) exactly as
	 * {@code LocalDateTime.parse(value.strip(), TIME)} does, throwing what it throws; a
	 * plain valid time (every {@code gxsj} of a page, three times each) is read directly,
	 * as the formatter takes some microseconds a value.
	 */
	public static LocalDateTime parseTime(String value) {
		String v = value.strip();
		if (v.length() == 19 && v.charAt(4) == '-' && v.charAt(7) == '-' && v.charAt(10) == ' ' && v.charAt(13) == ':'
				&& v.charAt(16) == ':') {
			int year = Text.asciiNumber(v, 0, 4);
			int month = Text.asciiNumber(v, 5, 7);
			int day = Text.asciiNumber(v, 8, 10);
			int hour = Text.asciiNumber(v, 11, 13);
			int minute = Text.asciiNumber(v, 14, 16);
			int second = Text.asciiNumber(v, 17, 19);
			// out of range (or not digits): the formatter decides, with its own leniency
			// and message
			if (year >= 1 && month >= 1 && month <= 12 && day >= 1
					&& (day <= 28 || day <= Month.of(month).length(Year.isLeap(year))) && hour >= 0 && hour <= 23
					&& minute >= 0 && minute <= 59 && second >= 0 && second <= 59) {
				return LocalDateTime.of(year, month, day, hour, minute, second);
			}
		}
		return LocalDateTime.parse(v, TIME);
	}

	private static final Logger log = LoggerFactory.getLogger(ProvinceClient.class);

	private static final int SNIPPET = 200;

	private final ProvinceSettings settings;

	private final String baseUrl;

	private final JsonMapper json;

	private final Sleeper sleeper;

	private final Clock clock;

	/**
	 * The HTTP clients, one per connect timeout, shared by every run: an
	 * {@link HttpClient} is made to be kept (its connections and its selector thread),
	 * and one a run left a thread behind each time, until collected.
	 */
	private static final Map<Duration, HttpClient> HTTP_CLIENTS = new ConcurrentHashMap<>();

	private final HttpClient http;

	private String token;

	private Instant tokenRenewAt = Instant.MIN;

	private long tokensFetched;

	public ProvinceClient(ProvinceSettings settings, JsonMapper json) {
		this(settings, json, Sleeper.REAL, Clock.systemUTC());
	}

	ProvinceClient(ProvinceSettings settings, JsonMapper json, Sleeper sleeper, Clock clock) {
		this.settings = settings;
		String base = settings.baseUrl().toString();
		this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		this.json = json;
		this.sleeper = sleeper;
		this.clock = clock;
		this.http = HTTP_CLIENTS.computeIfAbsent(settings.connectTimeout(),
				(timeout) -> HttpClient.newBuilder()
					.connectTimeout(timeout)
					.version(HttpClient.Version.HTTP_1_1)
					.followRedirects(HttpClient.Redirect.NEVER)
					.build());
	}

	/**
	 * Reads one page of an endpoint.
	 * @param path e.g. {@code /api/v1/veterans}
	 * @param updatedSince inclusive lower bound of {@code gxsj}, or null for everything
	 * @param current page number from 1
	 * @param size page size asked for (the server may use less; read
	 * {@link ProvincePage#size()})
	 */
	public ProvincePage fetch(String path, LocalDateTime updatedSince, long current, int size) {
		StringBuilder query = new StringBuilder();
		if (updatedSince != null) {
			query.append("updatedSince=").append(encode(TIME.format(updatedSince))).append('&');
		}
		query.append("current=").append(current).append("&size=").append(size);
		URI uri = URI.create(this.baseUrl + path + "?" + query);
		String what = "GET " + path + " (updatedSince=" + ((updatedSince != null) ? TIME.format(updatedSince) : "-")
				+ ", current=" + current + ", size=" + size + ")";
		JsonNode body = call(what,
				() -> HttpRequest.newBuilder(uri)
					.timeout(this.settings.readTimeout())
					.header("Accept", "application/json")
					.header("Authorization", "Bearer " + token())
					.GET()
					.build(),
				true);
		return toPage(what, body);
	}

	/** Number of tokens fetched so far (for tests and the run log). */
	public synchronized long tokensFetched() {
		return this.tokensFetched;
	}

	private synchronized String token() {
		if (this.token == null || !this.clock.instant().isBefore(this.tokenRenewAt)) {
			fetchToken();
		}
		return this.token;
	}

	private synchronized void forgetToken() {
		this.token = null;
	}

	private void fetchToken() {
		String form = "grant_type=client_credentials&client_id=" + encode(this.settings.clientId()) + "&client_secret="
				+ encode((this.settings.clientSecret() != null) ? this.settings.clientSecret() : "");
		URI uri = URI.create(this.baseUrl + "/oauth/token");
		JsonNode body = call("POST /oauth/token (client-id " + this.settings.clientId() + ")",
				() -> HttpRequest.newBuilder(uri)
					.timeout(this.settings.readTimeout())
					.header("Content-Type", "application/x-www-form-urlencoded")
					.header("Accept", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build(),
				false);
		JsonNode grant = body.has("access_token") ? body : body.path("data");
		String accessToken = text(grant.get("access_token"));
		if (accessToken == null || accessToken.isEmpty()) {
			throw new ProvinceApiException("POST /oauth/token answered without an access_token");
		}
		long expiresIn = grant.path("expires_in").asLong(300);
		long margin = Math.min(30, expiresIn / 10);
		this.token = accessToken;
		this.tokenRenewAt = this.clock.instant().plusSeconds(Math.max(1, expiresIn - margin));
		this.tokensFetched++;
		log.info("Provincial API token obtained for client-id {}, valid {} s", this.settings.clientId(), expiresIn);
	}

	/**
	 * One request with the retry policy. {@code authenticated}: a 401 fetches a new token
	 * once and retries; otherwise a 401 means the credentials were refused.
	 */
	private JsonNode call(String what, RequestFactory request, boolean authenticated) {
		boolean renewed = false;
		String lastError = null;
		int attempt = 1;
		while (true) {
			Outcome outcome;
			try {
				outcome = attempt(request.create(), attempt);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new ProvinceApiException(what + " interrupted");
			}
			switch (outcome.kind) {
				case OK:
					return outcome.body;
				case UNAUTHORIZED:
					if (!authenticated) {
						throw new ProvinceApiException(what + " refused the client credentials: " + outcome.error
								+ " (check province.client-id and PROVINCE_CLIENT_SECRET)");
					}
					if (renewed) {
						throw new ProvinceApiException(what + " refused a freshly fetched token: " + outcome.error);
					}
					log.info("{}: token refused ({}), fetching a new one", what, outcome.error);
					forgetToken();
					renewed = true;
					continue;
				case FAIL:
					throw new ProvinceApiException(what + " failed: " + outcome.error);
				default:
					lastError = outcome.error;
			}
			if (attempt >= this.settings.maxAttempts()) {
				throw new ProvinceApiException(
						what + " failed after " + attempt + " attempts; last error: " + lastError);
			}
			Duration wait = outcome.delay;
			log.warn("{}: {} (attempt {} of {}), retrying in {} ms", what, lastError, attempt,
					this.settings.maxAttempts(), wait.toMillis());
			try {
				this.sleeper.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new ProvinceApiException(what + " interrupted");
			}
			attempt++;
		}
	}

	private Outcome attempt(HttpRequest request, int attempt) throws InterruptedException {
		HttpResponse<byte[]> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (HttpTimeoutException ex) {
			return Outcome.retry("no answer within " + this.settings.readTimeout().toMillis() + " ms",
					backoff(attempt));
		}
		catch (IOException ex) {
			return Outcome.retry("connection failed (" + ex.getClass().getSimpleName() + ": "
					+ sanitize(String.valueOf(ex.getMessage())) + ")", backoff(attempt));
		}
		int status = response.statusCode();
		byte[] bytes = response.body();
		Optional<String> retryAfter = response.headers().firstValue("Retry-After");
		JsonNode body;
		try {
			body = this.json.readTree(bytes);
		}
		catch (JacksonException ex) {
			body = null;
		}
		if (status == 200) {
			if (body == null || body.isMissingNode() || !body.isObject()) {
				return Outcome.retry("the answer is not complete JSON (cut off after " + bytes.length + " bytes?)",
						backoff(attempt));
			}
			JsonNode code = body.get("code");
			if (code != null && !code.isNull() && code.asInt(200) != 200) {
				return classify(code.asInt(),
						"code " + code.asInt() + " in an HTTP 200 answer: " + message(body, bytes), retryAfter, attempt,
						body);
			}
			return Outcome.ok(body);
		}
		return classify(status, "HTTP " + status + ": " + message(body, bytes), retryAfter, attempt, body);
	}

	private Outcome classify(int status, String error, Optional<String> retryAfter, int attempt, JsonNode body) {
		if (status == 401) {
			return new Outcome(Kind.UNAUTHORIZED, null, error, Duration.ZERO);
		}
		if (status == 429) {
			Duration wait = retryAfter.flatMap(this::parseRetryAfter).orElse(backoff(attempt));
			if (wait.compareTo(this.settings.maxBackoff()) > 0) {
				wait = this.settings.maxBackoff();
			}
			return Outcome.retry(error, wait);
		}
		if (status >= 500 || status == 408) {
			return Outcome.retry(error, backoff(attempt));
		}
		return new Outcome(Kind.FAIL, body, error, Duration.ZERO);
	}

	/** {@code backoff * 2^(attempt-1)}, at most {@code maxBackoff}. */
	Duration backoff(int attempt) {
		Duration wait = this.settings.backoff();
		for (int i = 1; i < attempt && wait.compareTo(this.settings.maxBackoff()) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return (wait.compareTo(this.settings.maxBackoff()) > 0) ? this.settings.maxBackoff() : wait;
	}

	/** Retry-After is either delay-seconds or an HTTP date (RFC 7231). */
	Optional<Duration> parseRetryAfter(String value) {
		String v = value.trim();
		try {
			return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
		}
		catch (NumberFormatException ex) {
			// not seconds: an HTTP date
		}
		try {
			Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration wait = Duration.between(this.clock.instant(), at);
			return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	private ProvincePage toPage(String what, JsonNode body) {
		JsonNode data = body.path("data");
		JsonNode records = data.path("records");
		if (!data.isObject() || !records.isArray()) {
			throw new ProvinceApiException(what + " answered without data.records: " + message(body, null));
		}
		List<Map<String, String>> list = new ArrayList<>(records.size());
		for (JsonNode record : records) {
			Map<String, String> fields = new LinkedHashMap<>();
			Iterator<Map.Entry<String, JsonNode>> it = record.properties().iterator();
			while (it.hasNext()) {
				Map.Entry<String, JsonNode> field = it.next();
				fields.put(Text.withoutControls(field.getKey()), text(field.getValue()));
			}
			list.add(fields);
		}
		int size = data.path("size").asInt(list.size());
		return new ProvincePage(list, data.path("total").asLong(-1), size, data.path("current").asLong(1),
				data.path("pages").asLong(-1));
	}

	private static String text(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		// the rule for control characters of every text that arrives (a JSON string may
		// hold \u0000, which PostgreSQL refuses)
		return Text.withoutControls(node.isValueNode() ? node.asString() : node.toString());
	}

	/**
	 * The server's message (or the start of its body) for an error: the client secret is
	 * removed from the whole text before it is cut to {@value #SNIPPET} characters, so
	 * that no part of a secret echoed across the cut is left.
	 */
	private String message(JsonNode body, byte[] bytes) {
		String text;
		if (body != null && body.hasNonNull("message")) {
			text = body.get("message").asString();
		}
		else if (bytes != null) {
			text = new String(bytes, StandardCharsets.UTF_8);
		}
		else {
			text = "";
		}
		text = sanitize(text.replaceAll("\\s+", " ").strip());
		if (text.length() > SNIPPET) {
			text = text.substring(0, SNIPPET) + "…";
		}
		return text;
	}

	/**
	 * Removes the client secret from anything the server sent back before it reaches a
	 * log or an error.
	 */
	private String sanitize(String text) {
		String secret = this.settings.clientSecret();
		if (secret == null || secret.isEmpty() || text == null) {
			return text;
		}
		return text.replace(secret, "****").replace(encode(secret), "****");
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	@FunctionalInterface
	private interface RequestFactory {

		HttpRequest create();

	}

	private enum Kind {

		OK, UNAUTHORIZED, RETRY, FAIL

	}

	private record Outcome(Kind kind, JsonNode body, String error, Duration delay) {

		static Outcome ok(JsonNode body) {
			return new Outcome(Kind.OK, body, null, Duration.ZERO);
		}

		static Outcome retry(String error, Duration wait) {
			return new Outcome(Kind.RETRY, null, error, wait);
		}

	}

}
