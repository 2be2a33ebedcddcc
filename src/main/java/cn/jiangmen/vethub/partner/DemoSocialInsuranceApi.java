package cn.jiangmen.vethub.partner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.source.SourceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A second built-in synthetic API, served only under the {@code demo} profile, in a style
 * unlike the province's so that the generic {@code kind: http-api} source is seen end to
 * end: a static API key in {@code X-Api-Key}, cursor paging ({@code cursor},
 * {@code /result/next}), records under {@code /result/items}, a soft status at
 * {@code /status} ({@code "0"} is ok), the policy start as epoch milliseconds, its end as
 * an ISO date and the update time as epoch milliseconds, {@code updatedSince} read
 * inclusively, at most 5 records a page. The records are accident policies of the
 * veterans in {@code samples/province/veterans.json}, so that they link to the persons a
 * province sync loads. Its key is the one of the http-api source pointing at it
 * ({@code config/sources/social-insurance.yml}).
 */
@RestController
@Profile("demo")
@RequestMapping("/demo/social-insurance")
class DemoSocialInsuranceApi {

	private static final Logger log = LoggerFactory.getLogger(DemoSocialInsuranceApi.class);

	private static final int MAX_SIZE = 5;

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private final List<Map<String, Object>> policies = new ArrayList<>();

	private final String key;

	DemoSocialInsuranceApi(JsonMapper json, SourceRegistry registry,
			@Value("${hub.demo.province-samples:samples/province}") Path samples) {
		this.key = registry.ofKind(SourceKind.HTTP_API)
			.stream()
			.map(SourceDefinition::httpApi)
			.filter((api) -> api.path().contains("insured-policies"))
			.map((api) -> api.auth().key())
			.findFirst()
			.orElse(null);
		List<Map<String, Object>> veterans;
		try {
			veterans = json.readValue(Files.readAllBytes(samples.resolve("veterans.json")),
					new TypeReference<List<Map<String, Object>>>() {
					});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the demo sample " + samples.toAbsolutePath(), ex);
		}
		LocalDateTime updated = LocalDateTime.of(2026, 11, 1, 8, 0);
		int n = 0;
		for (Map<String, Object> veteran : veterans) {
			n++;
			LocalDate start = LocalDate.of(2026, 1 + (n % 12), 1);
			Map<String, Object> policy = new LinkedHashMap<>();
			policy.put("policyNo", String.format("GS2026%06d", n));
			policy.put("insured", Map.of("certNo", veteran.get("sfzhm"), "name", veteran.get("xm")));
			policy.put("effectiveTime", start.atStartOfDay(ZONE).toInstant().toEpochMilli());
			policy.put("expiryDate", start.plusYears(1).minusDays(1).toString());
			policy.put("premium", 120 + (n % 4) * 30);
			policy.put("coverage", "200000.00");
			policy.put("updateTime", updated.plusMinutes(7L * n).atZone(ZONE).toInstant().toEpochMilli());
			this.policies.add(policy);
		}
		log.info("Demo social-insurance API at /demo/social-insurance: {} policies", this.policies.size());
	}

	@GetMapping("/api/v2/insured-policies")
	ResponseEntity<Map<String, Object>> policies(@RequestHeader(name = "X-Api-Key", required = false) String key,
			@RequestParam(required = false) Long updatedSince, @RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "5") int pageSize) {
		if (this.key == null || !Objects.equals(this.key, key)) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("status", "401", "message", "无效的密钥"));
		}
		List<Map<String, Object>> matching = this.policies.stream()
			.filter((p) -> updatedSince == null || ((Number) p.get("updateTime")).longValue() >= updatedSince)
			.toList();
		int from;
		try {
			from = (cursor != null) ? Integer.parseInt(cursor) : 0;
		}
		catch (NumberFormatException ex) {
			return ResponseEntity.ok(Map.of("status", "1001", "message", "游标无效"));
		}
		int to = Math.min(from + Math.max(1, Math.min(pageSize, MAX_SIZE)), matching.size());
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("items", matching.subList(Math.min(from, to), to));
		result.put("next", (to < matching.size()) ? Integer.toString(to) : null);
		Map<String, Object> reply = new LinkedHashMap<>();
		reply.put("status", "0");
		reply.put("message", "ok");
		reply.put("result", result);
		return ResponseEntity.ok(reply);
	}

	/**
	 * Opens the demo API to the hub itself (it checks its own key); nothing else is
	 * opened, and without the profile this chain does not exist.
	 */
	@Configuration(proxyBeanMethods = false)
	@Profile("demo")
	static class Security {

		@Bean
		@Order(0)
		SecurityFilterChain demoSocialInsuranceChain(HttpSecurity http) throws Exception {
			http.securityMatcher("/demo/social-insurance/**")
				.authorizeHttpRequests((auth) -> auth.anyRequest().permitAll())
				.sessionManagement((s) -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.csrf((csrf) -> csrf.disable());
			return http.build();
		}

	}

}
