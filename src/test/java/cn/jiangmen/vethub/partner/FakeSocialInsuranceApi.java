package cn.jiangmen.vethub.partner;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real local HTTP server (the JDK's) playing a social-insurance platform, in the style
 * the generic source must handle and the province does not use: OAuth2 client credentials
 * at {@code /oauth/token}, records at {@code /result/items}, cursor paging
 * ({@code cursor}, {@code /result/nextCursor}), {@code updatedSince} in epoch
 * milliseconds read inclusively, and a soft error code at {@code /errcode} (0 is ok).
 * Tests queue faults that the next requests of the records endpoint answer with: 500, 429
 * with Retry-After, a revoked token (401), a reply too slow for the read timeout, a body
 * cut off in the middle, a soft error with HTTP 200.
 */
final class FakeSocialInsuranceApi implements AutoCloseable {

	static final String CLIENT_ID = "vethub-test";

	static final String CLIENT_SECRET = "s3cr3t-client-secret";

	/** What the next request of the records endpoint gets instead of its page. */
	enum Fault {

		/** The page as usual. */
		NONE,

		SERVER_ERROR, TOO_MANY_REQUESTS, REVOKE_TOKEN, SLOW, CUT_BODY, SOFT_BUSY, SOFT_REFUSED

	}

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final Map<String, Map<String, Object>> records = new ConcurrentHashMap<>();

	private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();

	private final Map<String, Boolean> tokens = new ConcurrentHashMap<>();

	final AtomicInteger tokensIssued = new AtomicInteger();

	final AtomicInteger pageRequests = new AtomicInteger();

	final List<String> queries = java.util.Collections.synchronizedList(new ArrayList<>());

	volatile int pageSize = 2;

	volatile long slowMillis = 2000;

	FakeSocialInsuranceApi() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/oauth/token", this::token);
		this.server.createContext("/api/v1/policies", this::policies);
		this.server.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Adds or replaces a record (by its policyNo). */
	void put(Map<String, Object> record) {
		this.records.put(String.valueOf(record.get("policyNo")), new LinkedHashMap<>(record));
		this.sorted = null;
	}

	/** The records in the order the API pages them, sorted once after a change. */
	private volatile List<Map<String, Object>> sorted;

	private List<Map<String, Object>> sorted() {
		List<Map<String, Object>> list = this.sorted;
		if (list == null) {
			list = this.records.values()
				.stream()
				.sorted(Comparator.comparing((Map<String, Object> r) -> ((Number) r.get("updatedAt")).longValue())
					.thenComparing((r) -> String.valueOf(r.get("policyNo"))))
				.toList();
			this.sorted = list;
		}
		return list;
	}

	void fault(Fault... faults) {
		this.faults.addAll(List.of(faults));
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void token(HttpExchange exchange) throws IOException {
		String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		Map<String, String> f = params(form);
		if (!"client_credentials".equals(f.get("grant_type")) || !CLIENT_ID.equals(f.get("client_id"))
				|| !CLIENT_SECRET.equals(f.get("client_secret"))) {
			send(exchange, 401, Map.of("error", "invalid_client"));
			return;
		}
		String token = UUID.randomUUID().toString();
		this.tokens.put(token, true);
		this.tokensIssued.incrementAndGet();
		send(exchange, 200, Map.of("access_token", token, "token_type", "bearer", "expires_in", 3600));
	}

	private void policies(HttpExchange exchange) throws IOException {
		this.pageRequests.incrementAndGet();
		String query = exchange.getRequestURI().getRawQuery();
		this.queries.add((query != null) ? query : "");
		String auth = exchange.getRequestHeaders().getFirst("Authorization");
		String token = (auth != null && auth.startsWith("Bearer ")) ? auth.substring(7) : null;
		if (token == null || !this.tokens.containsKey(token)) {
			send(exchange, 401, Map.of("errcode", 401, "errmsg", "token invalid"));
			return;
		}
		Fault fault = this.faults.poll();
		if (fault != null) {
			switch (fault) {
				case NONE -> {
				}
				case SERVER_ERROR -> {
					send(exchange, 502, Map.of("errcode", 502, "errmsg", "upstream down"));
					return;
				}
				case TOO_MANY_REQUESTS -> {
					exchange.getResponseHeaders().add("Retry-After", "7");
					send(exchange, 429, Map.of("errcode", 429, "errmsg", "slow down"));
					return;
				}
				case REVOKE_TOKEN -> {
					this.tokens.remove(token);
					send(exchange, 401, Map.of("errcode", 401, "errmsg", "token revoked"));
					return;
				}
				case SLOW -> {
					try {
						Thread.sleep(this.slowMillis);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				case CUT_BODY -> {
					byte[] body = page(params(query)).getBytes(StandardCharsets.UTF_8);
					exchange.getResponseHeaders().add("Content-Type", "application/json");
					exchange.sendResponseHeaders(200, body.length);
					try (OutputStream out = exchange.getResponseBody()) {
						out.write(body, 0, body.length / 2);
						out.flush();
					}
					// the connection is closed before the promised length
					exchange.close();
					return;
				}
				case SOFT_BUSY -> {
					send(exchange, 200, Map.of("errcode", 503, "errmsg", "系统繁忙"));
					return;
				}
				case SOFT_REFUSED -> {
					send(exchange, 200, Map.of("errcode", 40013, "errmsg", "无权访问该接口 key=" + CLIENT_SECRET));
					return;
				}
			}
		}
		byte[] body = page(params(query)).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/** A page: records from updatedSince (inclusive), after the cursor (an index). */
	private String page(Map<String, String> q) {
		long since = (q.get("updatedSince") != null) ? Long.parseLong(q.get("updatedSince")) : Long.MIN_VALUE;
		int from = (q.get("cursor") != null) ? Integer.parseInt(q.get("cursor")) : 0;
		List<Map<String, Object>> all = sorted();
		// the records are in update-time order: the first at or after since by binary
		// search (a page costs the server its own records, not a pass over all of them,
		// which made it the benchmark's largest cost)
		int first = 0;
		int past = all.size();
		while (first < past) {
			int mid = (first + past) >>> 1;
			if (((Number) all.get(mid).get("updatedAt")).longValue() < since) {
				first = mid + 1;
			}
			else {
				past = mid;
			}
		}
		List<Map<String, Object>> matching = all.subList(first, all.size());
		int to = Math.min(from + this.pageSize, matching.size());
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("items", matching.subList(Math.min(from, to), to));
		result.put("nextCursor", (to < matching.size()) ? Integer.toString(to) : null);
		Map<String, Object> reply = new LinkedHashMap<>();
		reply.put("errcode", 0);
		reply.put("result", result);
		return this.json.writeValueAsString(reply);
	}

	private void send(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = this.json.writeValueAsBytes(body);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static Map<String, String> params(String query) {
		Map<String, String> params = new LinkedHashMap<>();
		if (query == null || query.isEmpty()) {
			return params;
		}
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			params.put(URLDecoder.decode(pair.substring(0, Math.max(eq, 0)), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return params;
	}

}
