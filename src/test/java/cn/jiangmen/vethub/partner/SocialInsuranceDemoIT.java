package cn.jiangmen.vethub.partner;

import java.time.Duration;
import java.util.Map;

import cn.jiangmen.vethub.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The declared http-api source {@code config/sources/social-insurance.yml} against the
 * demo social-insurance API the hub serves itself (API key, cursor paging, records under
 * {@code /result/items}, epoch-millis and ISO dates): its dry run over the API, and a run
 * started as the README's demo starts it.
 */
class SocialInsuranceDemoIT extends HubIntegrationTest {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@Test
	void thePreviewReadsTheFirstRecordsThroughTheRealMappingAndWritesNothing() {
		Map<String, Object> answer = adminApi().post()
			.uri("/api/sources/social-insurance/preview?limit=7")
			.retrieve()
			.body(JSON);
		assertThat(answer).containsEntry("kind", "http_api")
			.containsEntry("rowsRead", 7)
			.as("no person is in the warehouse yet: every valid policy would wait for its person")
			.containsEntry("wouldLoad", 0)
			.containsEntry("wouldReject", 7)
			.as("the province samples hold one ID number with a wrong check digit")
			.containsEntry("rejectsByReason", Map.of("bad_checksum", 1, "unknown_person", 6));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM ops.ingest_run", Integer.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM ops.sync_mark", Integer.class)).isZero();
	}

	@Test
	void aRunReadsEveryPolicyOfTheDemoApiPageByPage() {
		this.jdbc.update("""
				INSERT INTO dw.person (id_card, name, gender, birth_date, name_source, name_set_at)
				VALUES ('440705193911041176', '陈建国', 'M', DATE '1939-11-04', 'province', now())""");
		adminApi().post().uri("/api/sources/social-insurance/sync").retrieve().toBodilessEntity();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM ops.ingest_run WHERE source_id = 'social-insurance' AND finished_at IS NOT NULL",
					Integer.class) == 1);
		Map<String, Object> run = this.jdbc
			.queryForMap("SELECT * FROM ops.ingest_run WHERE source_id = 'social-insurance'");
		assertThat(run).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 30L)
			.containsEntry("rows_loaded", 1L)
			.containsEntry("rows_rejected", 29L);
		assertThat(this.jdbc.queryForMap(
				"SELECT policy_no, start_date::text AS start, end_date::text AS end, premium::text AS premium FROM dw.insurance_policy"))
			.containsEntry("policy_no", "GS2026000001")
			.as("effectiveTime came as epoch millis, expiryDate as an ISO date")
			.containsEntry("start", "2026-02-01")
			.containsEntry("end", "2027-01-31")
			.containsEntry("premium", "150.00");
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM ops.sync_mark WHERE source_id = 'social-insurance' AND endpoint = 'http'",
				Integer.class))
			.isEqualTo(1);
	}

}
