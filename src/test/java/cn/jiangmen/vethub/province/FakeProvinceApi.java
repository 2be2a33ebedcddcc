package cn.jiangmen.vethub.province;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import cn.jiangmen.vethub.source.ProvinceSettings;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for the provincial API (JDK {@link HttpServer} on 127.0.0.1, a free
 * port): OAuth2 client credentials, {@code /api/v1/veterans} and {@code /api/v1/visits}
 * with the MyBatis-Plus page envelope, ordered by gxsj then id, {@code updatedSince}
 * inclusive, and a size cap. Tests queue faults ({@link Fault}) that hit the next API
 * requests in order, and may change records while a client pages ({@link #onPage}).
 */
public final class FakeProvinceApi implements AutoCloseable {

	static {
		// Answers go out at once, as from any production HTTP server (Tomcat, nginx and
		// the like set TCP_NODELAY). The JDK server leaves Nagle's algorithm on by
		// default:
		// a short answer written after its headers then waits for the client's delayed
		// ACK, about 40 ms on Linux, so that every small page (an empty endpoint, the
		// last page of a sync) cost the sync 40 ms that no real server would. Read once,
		// when the first HttpServer is made: this class is the only one that makes one.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	public static final String CLIENT_ID = "jiangmen-vethub";

	public static final String SECRET = "s3cr3t-Province-Key!";

	public static final String VETERANS = "/api/v1/veterans";

	public static final String VISITS = "/api/v1/visits";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(6);

	private final Map<String, NavigableMap<String, Map<String, Object>>> data = new HashMap<>();

	private final Map<String, Map<String, String>> keyById = new HashMap<>();

	/**
	 * Each endpoint's records in order, as arrays, for paging by position the way a
	 * database serves {@code LIMIT}/{@code OFFSET} from an index; rebuilt after a change.
	 * Walking the sorted map to the page instead costs time quadratic in the pages, which
	 * at 100,000 records made this server, sharing the benchmark's two cores, the biggest
	 * consumer of CPU of the whole run.
	 */
	private final Map<String, Snapshot> snapshots = new HashMap<>();

	private record Snapshot(String[] keys, Object[] records) {

		/** Position of the first key at or after {@code from}. */
		int lowerBound(String from) {
			int i = Arrays.binarySearch(this.keys, from);
			return (i >= 0) ? i : -i - 1;
		}

	}

	private final Deque<Fault> faults = new ArrayDeque<>();

	private final Set<String> validTokens = ConcurrentHashMap.newKeySet();

	private final AtomicInteger tokenCounter = new AtomicInteger();

	private final CountDownLatch release = new CountDownLatch(1);

	/** Every API request served: path and query (tokens excluded). */
	public final List<String> requests = new CopyOnWriteArrayList<>();

	/** Bodies of the token requests, as received. */
	final List<String> tokenRequests = new CopyOnWriteArrayList<>();

	private volatile int maxSize = Integer.MAX_VALUE;

	private volatile boolean ignoreUpdatedSince;

	private volatile long tokenTtlSeconds = 300;

	private volatile BiConsumer<String, Integer> onPage = (endpoint, current) -> {
	};

	public FakeProvinceApi() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.data.put(VETERANS, new TreeMap<>());
		this.data.put(VISITS, new TreeMap<>());
		this.keyById.put(VETERANS, new HashMap<>());
		this.keyById.put(VISITS, new HashMap<>());
		this.server.createContext("/oauth/token", this::token);
		this.server.createContext("/api/v1/", this::page);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** Settings pointing at this server, with waits short enough for tests. */
	ProvinceSettings settings(int pageSize) {
		return settings(pageSize, Duration.ofSeconds(3));
	}

	ProvinceSettings settings(int pageSize, Duration readTimeout) {
		return new ProvinceSettings(baseUrl(), CLIENT_ID, SECRET, pageSize, Duration.ofSeconds(2), readTimeout, 4,
				Duration.ofMillis(5), Duration.ofMillis(40), "0 0 2 * * ?", "Asia/Shanghai");
	}

	// ----------------------------------------------------------------------------------------
	// data

	/**
	 * Adds or replaces a record; its key field is {@code id} (veterans) or {@code zfid}
	 * (visits).
	 */
	public synchronized void put(String endpoint, Map<String, Object> record) {
		String id = String.valueOf(record.get(idField(endpoint)));
		String old = this.keyById.get(endpoint).remove(id);
		if (old != null) {
			this.data.get(endpoint).remove(old);
		}
		String key = record.get("gxsj") + "|" + id;
		this.data.get(endpoint).put(key, new LinkedHashMap<>(record));
		this.keyById.get(endpoint).put(id, key);
		this.snapshots.remove(endpoint);
	}

	/**
	 * Updates a record on the server: it gets a new gxsj and so moves to the end of the
	 * order.
	 */
	synchronized void touch(String endpoint, String id, LocalDateTime gxsj, Map<String, Object> changes) {
		Map<String, Object> record = new LinkedHashMap<>(
				this.data.get(endpoint).get(this.keyById.get(endpoint).get(id)));
		record.putAll(changes);
		record.put("gxsj", ProvinceClient.TIME.format(gxsj));
		put(endpoint, record);
	}

	synchronized Map<String, Object> get(String endpoint, String id) {
		return this.data.get(endpoint).get(this.keyById.get(endpoint).get(id));
	}

	synchronized int count(String endpoint) {
		return this.data.get(endpoint).size();
	}

	synchronized String latestGxsj(String endpoint) {
		return this.data.get(endpoint).isEmpty() ? null
				: (String) this.data.get(endpoint).lastEntry().getValue().get("gxsj");
	}

	// ------------------------------------------------------------------------------------
	// behaviour

	void capSize(int max) {
		this.maxSize = max;
	}

	/** A broken server that answers every query as if no updatedSince was given. */
	void ignoreUpdatedSince() {
		this.ignoreUpdatedSince = true;
	}

	void tokenTtl(long seconds) {
		this.tokenTtlSeconds = seconds;
	}

	/** Revokes every token handed out: the next API call answers 401. */
	void expireTokens() {
		this.validTokens.clear();
	}

	/**
	 * Called first when an API page is asked for (before the token check and the faults),
	 * with the endpoint and page number.
	 */
	public void onPage(BiConsumer<String, Integer> hook) {
		this.onPage = hook;
	}

	synchronized void fail(Fault... next) {
		Collections.addAll(this.faults, next);
	}

	synchronized void failAlways(Fault fault, int times) {
		for (int i = 0; i < times; i++) {
			this.faults.add(fault);
		}
	}

	synchronized int faultsLeft() {
		return this.faults.size();
	}

	int tokensIssued() {
		return this.tokenCounter.get();
	}

	// --------------------------------------------------------------------------------------
	// serving

	private void token(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		this.tokenRequests.add(body);
		Map<String, String> form = parse(body);
		if (!"POST".equals(exchange.getRequestMethod()) || !"client_credentials".equals(form.get("grant_type"))
				|| !CLIENT_ID.equals(form.get("client_id")) || !SECRET.equals(form.get("client_secret"))) {
			// Like some real gateways, it echoes what it was sent: the client must not
			// log it.
			send(exchange, 401, Map.of("code", 401, "message", "invalid_client: " + body));
			return;
		}
		String token = "tok-" + this.tokenCounter.incrementAndGet();
		this.validTokens.add(token);
		send(exchange, 200, Map.of("access_token", token, "token_type", "bearer", "expires_in", this.tokenTtlSeconds));
	}

	private void page(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String query = exchange.getRequestURI().getRawQuery();
		this.requests.add(path + "?" + query);
		Map<String, String> params = parse(query);
		this.onPage.accept(path, Integer.parseInt(params.getOrDefault("current", "1")));
		String auth = exchange.getRequestHeaders().getFirst("Authorization");
		if (auth == null || !auth.startsWith("Bearer ") || !this.validTokens.contains(auth.substring(7))) {
			send(exchange, 401, Map.of("code", 401, "message", "token已过期", "data", Map.of()));
			return;
		}
		Fault fault;
		synchronized (this) {
			fault = this.faults.poll();
		}
		if (fault != null && fault.apply(this, exchange)) {
			return;
		}
		String since = this.ignoreUpdatedSince ? null : params.get("updatedSince");
		int current = Integer.parseInt(params.getOrDefault("current", "1"));
		int size = Math.min(Integer.parseInt(params.getOrDefault("size", "10")), this.maxSize);
		Map<String, Object> envelope;
		synchronized (this) {
			NavigableMap<String, Map<String, Object>> all = this.data.get(path);
			if (all == null) {
				send(exchange, 404, Map.of("code", 404, "message", "no such endpoint"));
				return;
			}
			Snapshot snapshot = this.snapshots.computeIfAbsent(path,
					(p) -> new Snapshot(all.keySet().toArray(new String[0]), all.values().toArray()));
			int from = (since != null) ? snapshot.lowerBound(since) : 0;
			int total = snapshot.keys().length - from;
			List<Object> records = new ArrayList<>(size);
			long start = from + (long) (current - 1) * size;
			for (long i = start; i < snapshot.keys().length && records.size() < size; i++) {
				records.add(snapshot.records()[(int) i]);
			}
			envelope = Map.of("code", 200, "message", "操作成功", "data", Map.of("records", records, "total", total, "size",
					size, "current", current, "pages", (total + size - 1) / size));
		}
		send(exchange, 200, envelope);
	}

	static void send(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static Map<String, String> parse(String query) {
		Map<String, String> map = new HashMap<>();
		if (query == null || query.isEmpty()) {
			return map;
		}
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return map;
	}

	private static String idField(String endpoint) {
		return VISITS.equals(endpoint) ? "zfid" : "id";
	}

	@Override
	public void close() {
		this.release.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/** A failure served instead of the next API page. */
	interface Fault {

		/**
		 * @return true when the exchange was answered (or abandoned) by the fault
		 */
		boolean apply(FakeProvinceApi api, HttpExchange exchange) throws IOException;

		static Fault status(int status) {
			return (api, ex) -> {
				send(ex, status, Map.of("code", status, "message", "服务器内部错误"));
				return true;
			};
		}

		/** HTTP 200 with an error code in the body, as such systems often do. */
		static Fault bodyCode(int code) {
			return (api, ex) -> {
				if (code == 401) {
					api.expireTokens();
				}
				send(ex, 200, Map.of("code", code, "message", "错误 " + code, "data", Map.of()));
				return true;
			};
		}

		static Fault retryAfter(String value) {
			return (api, ex) -> {
				ex.getResponseHeaders().set("Retry-After", value);
				send(ex, 429, Map.of("code", 429, "message", "请求过于频繁"));
				return true;
			};
		}

		/**
		 * Answers nothing until the server closes (longer than the client's read
		 * timeout).
		 */
		static Fault hang() {
			return (api, ex) -> {
				try {
					api.release.await(20, TimeUnit.SECONDS);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				ex.close();
				return true;
			};
		}

		/** Serves the real page, but only its first half: the JSON is cut off. */
		static Fault truncated() {
			return (api, ex) -> {
				ex.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
				byte[] half = "{\"code\":200,\"message\":\"操作成功\",\"data\":{\"records\":[{\"id\":\"1\",\"xm\":\"张"
					.getBytes(StandardCharsets.UTF_8);
				ex.sendResponseHeaders(200, 0);
				try (OutputStream out = ex.getResponseBody()) {
					out.write(half);
				}
				return true;
			};
		}

		/** Expires the tokens, then lets the request go on (it meets the 401). */
		static Fault expireToken() {
			return (api, ex) -> {
				api.expireTokens();
				send(ex, 401, Map.of("code", 401, "message", "token已过期"));
				return true;
			};
		}

	}

}
