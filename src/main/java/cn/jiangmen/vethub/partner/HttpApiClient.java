package cn.jiangmen.vethub.partner;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import cn.jiangmen.vethub.ingest.InboxFiles;
import cn.jiangmen.vethub.partner.HttpRetryPolicy.Decision;
import cn.jiangmen.vethub.source.HttpApiSettings;
import cn.jiangmen.vethub.source.HttpApiSettings.AuthType;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The requests of one run of an HTTP API source, made with camel-http (a
 * {@link ProducerTemplate} to the source's {@code http:}/{@code https:} endpoint, whose
 * connect and response timeouts are the source's; the URL of each request is given in
 * {@link Exchange#HTTP_URI}), with the source's auth and retry policy
 * ({@link HttpRetryPolicy}): a static API key header, HTTP Basic, or OAuth2 client
 * credentials whose token is fetched with a form-encoded POST, cached until shortly
 * before it expires and fetched again once when a request answers 401. The reply is read
 * as it streams ({@link JsonPageReader}); a body cut off before its JSON ends is retried
 * like a 5xx. An error sent with HTTP 200 (a code at {@code errors.code-pointer} not in
 * {@code ok-codes}) is treated like the HTTP status it names, or fails the request.
 * <p>
 * camel-http's own OAuth2 support ({@code oauth2ClientId}, ...) is not used: it caches a
 * token until its stated expiry in a static map and has no way to drop it when the server
 * revokes it earlier (a 401), which the source must survive. No secret (key, password,
 * client secret, token) is ever logged or put into a message: what the server sends back
 * is cleaned of them first.
 */
final class HttpApiClient implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(HttpApiClient.class);

	private static final int SNIPPET = 200;

	/** Waits between attempts (a seam for tests). */
	@FunctionalInterface
	interface Sleeper {

		Sleeper REAL = (d) -> Thread.sleep(d.toMillis(), 0);

		void sleep(Duration duration) throws InterruptedException;

	}

	/** A request that failed for good: the run fails with this message. */
	static final class HttpApiException extends RuntimeException {

		HttpApiException(String message) {
			super(message);
		}

	}

	private final HttpApiSettings settings;

	private final ProducerTemplate template;

	private final Endpoint endpoint;

	private final Producer producer;

	private final JsonMapper json;

	private final HttpRetryPolicy retry;

	private final Sleeper sleeper;

	private final Clock clock;

	private final URI pageUrl;

	private String token;

	private Instant tokenRenewAt = Instant.MIN;

	private long tokensFetched;

	private long requests;

	/** Time spent from sending a request to its answer's headers (benchmark). */
	private long waitNanos;

	/** Time spent reading and parsing the answers' bodies (benchmark). */
	private long bodyNanos;

	HttpApiClient(HttpApiSettings settings, ProducerTemplate template, JsonMapper json, Sleeper sleeper, Clock clock) {
		this.settings = settings;
		this.template = template;
		this.json = json;
		this.sleeper = sleeper;
		this.clock = clock;
		this.retry = new HttpRetryPolicy(settings.maxAttempts(), settings.backoff(), settings.maxBackoff(), clock);
		String base = settings.baseUrl().toString();
		base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		this.pageUrl = URI.create(base + settings.path());
		URI root = settings.baseUrl();
		String timeouts = "connectTimeout=" + settings.connectTimeout().toMillis() + "&responseTimeout="
				+ settings.readTimeout().toMillis() + "&soTimeout=" + settings.readTimeout().toMillis();
		this.endpoint = template.getCamelContext()
			.getEndpoint(root.getScheme() + "://" + root.getRawAuthority()
					+ "?throwExceptionOnFailure=false&disableStreamCache=true&followRedirects=false" + "&" + timeouts);
		this.producer = producer(this.endpoint, settings);
		ServiceHelper.startService(this.producer);
	}

	/**
	 * The endpoint's URL (base-url and path), which relative next links resolve against.
	 */
	URI pageUrl() {
		return this.pageUrl;
	}

	long tokensFetched() {
		return this.tokensFetched;
	}

	long requests() {
		return this.requests;
	}

	/**
	 * The time the run's requests waited for the answers' headers (connect, the server's
	 * work, the first bytes).
	 */
	long waitNanos() {
		return this.waitNanos;
	}

	/**
	 * The time the run spent reading and parsing the bodies of the pages, as they stream
	 * in (including what the caller's function did with each record).
	 */
	long bodyNanos() {
		return this.bodyNanos;
	}

	/**
	 * Reads one page: the records (each through {@code each}) and the wanted values.
	 * @throws HttpApiException when it failed for good (after the retries)
	 */
	<T> JsonPageReader.Page<T> fetch(HttpPaging.Request request, JsonPageReader reader, Function<JsonNode, T> each) {
		Map<String, String> params = new LinkedHashMap<>(this.settings.query());
		params.putAll(request.params());
		URI uri = (request.link() != null) ? request.link() : withQuery(this.pageUrl, params);
		String what = "GET " + shown(uri);
		boolean renewed = false;
		int attempt = 1;
		while (true) {
			Reply<T> reply = attempt(uri, reader, each);
			if (reply.page() != null) {
				return reply.page();
			}
			Decision decision = (reply.status() > 0) ? this.retry.onStatus(reply.status(), reply.retryAfter(), attempt)
					: this.retry.onTransportFailure(attempt);
			switch (decision.action()) {
				case RENEW_TOKEN -> {
					if (this.settings.auth().kind() != AuthType.OAUTH2) {
						throw new HttpApiException(
								what + " was refused (" + reply.error() + "): check the source's auth settings");
					}
					if (renewed) {
						throw new HttpApiException(what + " refused a freshly fetched token: " + reply.error());
					}
					log.info("{}: token refused ({}), fetching a new one", what, reply.error());
					this.token = null;
					renewed = true;
					continue;
				}
				case FAIL -> throw new HttpApiException(what + " failed: " + reply.error());
				case RETRY -> {
				}
			}
			if (this.retry.exhausted(attempt)) {
				throw new HttpApiException(
						what + " failed after " + attempt + " attempts; last error: " + reply.error());
			}
			log.warn("{}: {} (attempt {} of {}), retrying in {} ms", what, reply.error(), attempt,
					this.retry.maxAttempts(), decision.delay().toMillis());
			pause(decision.delay(), what);
			attempt++;
		}
	}

	private void pause(Duration wait, String what) {
		try {
			this.sleeper.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new HttpApiException(what + " interrupted");
		}
	}

	/** One attempt's outcome: a page, or why not (status 0: no complete answer). */
	private record Reply<T>(JsonPageReader.Page<T> page, int status, String retryAfter, String error) {

	}

	private <T> Reply<T> attempt(URI uri, JsonPageReader reader, Function<JsonNode, T> each) {
		Map<String, Object> headers = new LinkedHashMap<>();
		headers.put("Accept", "application/json");
		headers.putAll(this.settings.headers());
		switch (this.settings.auth().kind()) {
			case API_KEY -> headers.put(this.settings.auth().keyHeader(), this.settings.auth().key());
			case BASIC -> headers.put("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString((this.settings.auth().username() + ":" + this.settings.auth().password())
							.getBytes(StandardCharsets.UTF_8)));
			case OAUTH2 -> headers.put("Authorization", "Bearer " + token());
			case NONE -> {
			}
		}
		long start = System.nanoTime();
		Exchange exchange = send(uri, "GET", headers, null);
		long answered = System.nanoTime();
		this.waitNanos += answered - start;
		try (InputStream body = body(exchange)) {
			return read(exchange, body, uri, reader, each);
		}
		catch (IOException ex) {
			return new Reply<>(null, 0, null, transportError(ex));
		}
		finally {
			complete(exchange);
			this.bodyNanos += System.nanoTime() - answered;
		}
	}

	private <T> Reply<T> read(Exchange exchange, InputStream body, URI uri, JsonPageReader reader,
			Function<JsonNode, T> each) throws IOException {
		{
			if (exchange.getException() != null) {
				return new Reply<>(null, 0, null, transportError(exchange.getException()));
			}
			int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
			String retryAfter = exchange.getMessage().getHeader("Retry-After", String.class);
			if (status != 200) {
				return new Reply<>(null, status, retryAfter, "HTTP " + status + ": " + snippet(body));
			}
			if (body == null) {
				return new Reply<>(null, 0, null, "the answer is empty");
			}
			List<String> wanted = new ArrayList<>(wanted());
			JsonPageReader.Page<T> page;
			try {
				page = reader.read(body, each);
			}
			catch (JacksonException ex) {
				return new Reply<>(null, 0, null, "the answer is not complete JSON (cut off?): "
						+ clean(String.valueOf(ex.getOriginalMessage())));
			}
			catch (IllegalArgumentException ex) {
				return new Reply<>(null, 0, null, clean(ex.getMessage()));
			}
			String code = page.text(this.settings.errors().codePointer());
			if (this.settings.errors().codePointer() != null && !this.settings.errors().okCodes().contains(code)) {
				String message = clean(page.text(this.settings.errors().messagePointer()));
				int named = httpStatus(code);
				String error = "code " + code + " in an HTTP 200 answer" + ((message != null) ? ": " + message : "");
				return new Reply<>(null, (named > 0) ? named : 400, retryAfter, error);
			}
			if (!page.recordsFound()) {
				throw new HttpApiException("GET " + shown(uri) + " answered without records at '"
						+ this.settings.records() + "' (check source.http-api.records); wanted " + wanted);
			}
			return new Reply<>(page, 200, null, null);
		}
	}

	/** The pointers of the reply a run needs besides the records. */
	List<String> wanted() {
		List<String> wanted = new ArrayList<>();
		wanted.add(this.settings.errors().codePointer());
		wanted.add(this.settings.errors().messagePointer());
		HttpApiSettings.Paging paging = this.settings.paging();
		wanted.add(paging.sizePointer());
		wanted.add(paging.pagesPointer());
		wanted.add(paging.cursorPointer());
		wanted.add(paging.nextPointer());
		wanted.removeIf((w) -> w == null);
		return wanted;
	}

	/** An HTTP 200's code that names a status the retry policy knows, else 0. */
	private static int httpStatus(String code) {
		try {
			int n = Integer.parseInt(String.valueOf(code).strip());
			return (n == 401 || n == 408 || n == 429 || (n >= 500 && n <= 599)) ? n : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private synchronized String token() {
		if (this.token == null || !this.clock.instant().isBefore(this.tokenRenewAt)) {
			fetchToken();
		}
		return this.token;
	}

	private void fetchToken() {
		HttpApiSettings.Auth auth = this.settings.auth();
		URI uri = this.settings.baseUrl().resolve(auth.tokenUrl());
		if (!auth.tokenUrl().contains("://")) {
			String base = this.settings.baseUrl().toString();
			uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
					+ (auth.tokenUrl().startsWith("/") ? "" : "/") + auth.tokenUrl());
		}
		String form = "grant_type=client_credentials&client_id=" + encode(auth.clientId()) + "&client_secret="
				+ encode(auth.clientSecret()) + ((auth.scope() != null) ? "&scope=" + encode(auth.scope()) : "");
		String what = "POST " + shown(uri) + " (client-id " + auth.clientId() + ")";
		int attempt = 1;
		while (true) {
			Map<String, Object> headers = new LinkedHashMap<>();
			headers.put("Accept", "application/json");
			headers.put(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
			Exchange exchange = send(uri, "POST", headers, form);
			String error;
			Decision decision;
			try (InputStream body = body(exchange)) {
				if (exchange.getException() != null) {
					error = transportError(exchange.getException());
					decision = this.retry.onTransportFailure(attempt);
				}
				else {
					int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
					byte[] bytes = (body != null) ? body.readAllBytes() : new byte[0];
					if (status == 200) {
						JsonNode grant;
						try {
							grant = this.json.readTree(bytes);
						}
						catch (JacksonException ex) {
							grant = null;
						}
						JsonNode holder = (grant != null && grant.has("access_token")) ? grant
								: (grant != null) ? grant.path("data") : null;
						String accessToken = (holder != null) ? holder.path("access_token").asString(null) : null;
						if (accessToken != null && !accessToken.isEmpty()) {
							long expiresIn = holder.path("expires_in").asLong(300);
							this.token = accessToken;
							this.tokenRenewAt = this.clock.instant()
								.plusSeconds(Math.max(1, expiresIn - Math.min(30, expiresIn / 10)));
							this.tokensFetched++;
							log.info("Token of {} obtained for client-id {}, valid {} s", this.settings.safeUrl(),
									auth.clientId(), expiresIn);
							return;
						}
						error = "the answer holds no access_token";
						decision = this.retry.onTransportFailure(attempt);
					}
					else {
						error = "HTTP " + status + ": " + clean(new String(bytes, StandardCharsets.UTF_8));
						if (status == 400 || status == 401 || status == 403) {
							throw new HttpApiException(what + " refused the client credentials (" + error
									+ "): check client-id and the client secret");
						}
						decision = this.retry.onStatus(status,
								exchange.getMessage().getHeader("Retry-After", String.class), attempt);
					}
				}
			}
			catch (IOException ex) {
				error = transportError(ex);
				decision = this.retry.onTransportFailure(attempt);
			}
			finally {
				complete(exchange);
			}
			if (decision.action() != HttpRetryPolicy.Action.RETRY || this.retry.exhausted(attempt)) {
				throw new HttpApiException(what + " failed after " + attempt + " attempts; last error: " + error);
			}
			pause(decision.delay(), what);
			attempt++;
		}
	}

	/**
	 * One request through the camel-http producer. The exchange is processed by the
	 * producer itself rather than sent with the template, whose send completes the
	 * exchange before it returns: with {@code disableStreamCache} camel-http closes the
	 * response on completion, so the body would be closed before it is read. The caller
	 * completes the exchange ({@link #complete}) once it has read the body.
	 */
	private Exchange send(URI uri, String method, Map<String, Object> headers, String body) {
		this.requests++;
		Exchange exchange = this.endpoint.createExchange();
		exchange.getIn().setHeaders(new LinkedHashMap<>(headers));
		exchange.getIn().setHeader(Exchange.HTTP_URI, uri.toString());
		exchange.getIn().setHeader(Exchange.HTTP_METHOD, method);
		exchange.getIn().setBody(body);
		try {
			this.producer.process(exchange);
		}
		catch (Exception ex) {
			exchange.setException(ex);
		}
		return exchange;
	}

	/**
	 * Runs the exchange's completions: camel-http closes the response and frees its
	 * connection.
	 */
	private static void complete(Exchange exchange) {
		List<Synchronization> done = exchange.getExchangeExtension().handoverCompletions();
		if (done != null) {
			done.forEach((s) -> s.onComplete(exchange));
		}
	}

	private static Producer producer(Endpoint endpoint, HttpApiSettings settings) {
		try {
			return endpoint.createProducer();
		}
		catch (Exception ex) {
			throw new IllegalStateException("camel-http cannot make a producer for " + settings.safeUrl(), ex);
		}
	}

	/** Stops the run's producer. */
	@Override
	public void close() {
		ServiceHelper.stopAndShutdownService(this.producer);
	}

	private static InputStream body(Exchange exchange) {
		if (exchange.getException() != null) {
			return null;
		}
		Object body = exchange.getMessage().getBody();
		if (body == null) {
			return null;
		}
		return (body instanceof InputStream in) ? in : exchange.getMessage().getBody(InputStream.class);
	}

	private String transportError(Throwable ex) {
		Throwable t = ex;
		while (t.getCause() != null && t.getCause() != t && !(t instanceof java.net.SocketTimeoutException)) {
			t = t.getCause();
		}
		if (t instanceof java.net.SocketTimeoutException) {
			return "no answer within " + this.settings.readTimeout().toMillis() + " ms";
		}
		if (t instanceof java.net.ConnectException) {
			return "cannot connect to " + this.settings.safeUrl() + " (" + InboxFiles.describeFailure(ex) + ")";
		}
		return "connection failed (" + InboxFiles.describeFailure(ex) + ")";
	}

	private String snippet(InputStream body) throws IOException {
		if (body == null) {
			return "";
		}
		byte[] start = body.readNBytes(4 * SNIPPET);
		return clean(new String(start, StandardCharsets.UTF_8));
	}

	/**
	 * What the server sent, cleaned of every secret of the source (also URL-encoded) and
	 * cut to {@value #SNIPPET} characters.
	 */
	String clean(String text) {
		if (text == null) {
			return null;
		}
		String t = text.replaceAll("\\s+", " ").strip();
		for (String secret : secrets()) {
			t = t.replace(secret, "****").replace(encode(secret), "****");
		}
		return (t.length() > SNIPPET) ? t.substring(0, SNIPPET) + "…" : t;
	}

	private List<String> secrets() {
		List<String> secrets = new ArrayList<>(this.settings.secrets());
		if (this.token != null) {
			secrets.add(this.token);
		}
		return secrets;
	}

	/**
	 * A URL as a log line shows it: without the values of the parameters that hold
	 * secrets.
	 */
	private String shown(URI uri) {
		return clean(uri.toString());
	}

	static URI withQuery(URI url, Map<String, String> params) {
		Map<String, String> all = new LinkedHashMap<>();
		all.putAll(params);
		StringBuilder query = new StringBuilder();
		all.forEach((k, v) -> {
			if (query.length() > 0) {
				query.append('&');
			}
			query.append(encode(k)).append('=').append(encode(v));
		});
		return (query.length() == 0) ? url : URI.create(url + "?" + query);
	}

	private static String encode(String value) {
		return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8).replace("+", "%20");
	}

}
