package cn.jiangmen.vethub.province;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import cn.jiangmen.vethub.source.ProvinceSettings;
import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.source.SourceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small built-in stand-in for the provincial API, served only under the {@code demo}
 * profile, so that a new user sees a sync run end to end on a fresh machine:
 * {@code /demo/province/oauth/token} (client credentials of the province source),
 * {@code /api/v1/veterans} and {@code /api/v1/visits} with the MyBatis-Plus page
 * envelope, {@code updatedSince}, paging, and a size cap of 10 (as real servers cap it).
 * The records are the synthetic files in {@code samples/province/}.
 */
@RestController
@Profile("demo")
@RequestMapping("/demo/province")
class DemoProvinceApi {

	private static final Logger log = LoggerFactory.getLogger(DemoProvinceApi.class);

	private static final int MAX_SIZE = 10;

	private static final long TOKEN_SECONDS = 300;

	private final Map<String, List<Map<String, Object>>> records;

	private final ProvinceSettings credentials;

	private final Map<String, Instant> tokens = new ConcurrentHashMap<>();

	DemoProvinceApi(JsonMapper json, SourceRegistry registry,
			@Value("${hub.demo.province-samples:samples/province}") Path samples) {
		this.records = Map.of("veterans", read(json, samples.resolve("veterans.json"), "id"), "visits",
				read(json, samples.resolve("visits.json"), "zfid"));
		this.credentials = registry.ofKind(SourceKind.PROVINCE)
			.stream()
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"The demo provincial API needs a province source in config/sources/"))
			.province();
		log.info("Demo provincial API at /demo/province: {} veterans, {} visits from {}",
				this.records.get("veterans").size(), this.records.get("visits").size(), samples.toAbsolutePath());
	}

	private static List<Map<String, Object>> read(JsonMapper json, Path file, String idField) {
		try {
			List<Map<String, Object>> list = json.readValue(Files.readAllBytes(file),
					new TypeReference<List<Map<String, Object>>>() {
					});
			return list.stream()
				.sorted(Comparator.comparing((Map<String, Object> r) -> String.valueOf(r.get("gxsj")))
					.thenComparing((r) -> String.valueOf(r.get(idField))))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the demo sample " + file.toAbsolutePath(), ex);
		}
	}

	@PostMapping(path = "/oauth/token", consumes = "application/x-www-form-urlencoded")
	ResponseEntity<Map<String, Object>> token(@RequestBody MultiValueMap<String, String> form) {
		if (!"client_credentials".equals(form.getFirst("grant_type"))
				|| !this.credentials.clientId().equals(form.getFirst("client_id"))
				|| !Objects.equals(this.credentials.clientSecret(), form.getFirst("client_secret"))) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.body(Map.of("code", 401, "message", "invalid_client"));
		}
		String token = UUID.randomUUID().toString();
		this.tokens.put(token, Instant.now().plusSeconds(TOKEN_SECONDS));
		return ResponseEntity.ok(Map.of("access_token", token, "token_type", "bearer", "expires_in", TOKEN_SECONDS));
	}

	@GetMapping("/api/v1/{endpoint}")
	ResponseEntity<Map<String, Object>> page(@PathVariable String endpoint,
			@RequestHeader(name = "Authorization", required = false) String authorization,
			@RequestParam(required = false) String updatedSince, @RequestParam(defaultValue = "1") int current,
			@RequestParam(defaultValue = "10") int size) {
		Instant expires = (authorization != null && authorization.startsWith("Bearer "))
				? this.tokens.get(authorization.substring(7)) : null;
		if (expires == null || Instant.now().isAfter(expires)) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.body(Map.of("code", 401, "message", "token已过期", "data", Map.of()));
		}
		List<Map<String, Object>> all = this.records.get(endpoint);
		if (all == null) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("code", 404, "message", "接口不存在"));
		}
		List<Map<String, Object>> matching = all.stream()
			.filter((r) -> updatedSince == null || String.valueOf(r.get("gxsj")).compareTo(updatedSince) >= 0)
			.toList();
		int used = Math.max(1, Math.min(size, MAX_SIZE));
		int from = (int) Math.min((long) (Math.max(1, current) - 1) * used, matching.size());
		int to = Math.min(from + used, matching.size());
		return ResponseEntity
			.ok(Map.of("code", 200, "message", "操作成功", "data", Map.of("records", matching.subList(from, to), "total",
					matching.size(), "size", used, "current", current, "pages", (matching.size() + used - 1) / used)));
	}

}
