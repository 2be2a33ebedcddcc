package cn.jiangmen.vethub.partner;

import java.math.BigDecimal;
import java.net.URI;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.partner.FakeSocialInsuranceApi.Fault;
import cn.jiangmen.vethub.source.HttpApiSettings;
import cn.jiangmen.vethub.source.PartnerSettings.Field;
import cn.jiangmen.vethub.source.PartnerSettings.Mapping;
import cn.jiangmen.vethub.source.PartnerSettings.Target;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.testdata.IdCards;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * An HTTP API source ({@code kind: http-api}) pulled through camel-http from a real local
 * server ({@link FakeSocialInsuranceApi}): OAuth2 with a token revoked mid-run, cursor
 * paging, records under {@code /result/items}, epoch-millis and ISO dates, incremental
 * runs from the mark, a record updated after it was read, bad records, and every failure
 * the retry policy must survive or report (5xx, 429 with Retry-After, a timeout, a
 * cut-off body, a soft error with HTTP 200, a server that is down). The waits between
 * attempts are recorded instead of slept.
 */
class HttpApiSourceIT extends HubIntegrationTest {

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 2, 9, 0);

	private static final String LI = IdCards.valid("440705", LocalDate.of(1941, 3, 15), 11, true);

	private static final String CHEN = IdCards.valid("440781", LocalDate.of(1944, 8, 2), 23, true);

	@Autowired
	private HttpApiSync sync;

	private FakeSocialInsuranceApi api;

	private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

	private HttpApiClient.Sleeper realSleeper;

	@BeforeEach
	void apiAndPersons() {
		this.api = new FakeSocialInsuranceApi();
		this.realSleeper = this.sync.sleeper;
		this.sync.sleeper = this.waits::add;
		person(LI, "李志强");
		person(CHEN, "陈建国");
	}

	@AfterEach
	void stopApi() {
		this.sync.sleeper = this.realSleeper;
		this.sync.commitRows = HttpApiSync.COMMIT_ROWS;
		this.api.close();
	}

	@Test
	void theFirstRunLoadsEveryRecordAndTheNextReadsFromTheMark() {
		this.api.put(policy("PL001", LI, "李志强", 0, "120.00"));
		this.api.put(policy("PL002", CHEN, "陈建国", 1, "80.50"));
		this.api.put(policy("PL003", LI, "李志强", 2, "99.00"));
		long first = syncNow();
		assertThat(run(first)).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 3L)
			.containsEntry("rows_loaded", 3L)
			.containsEntry("rows_rejected", 0L);
		assertThat(this.jdbc.queryForList(
				"SELECT policy_no, id_card, start_date, end_date, premium, partner_id FROM dw.insurance_policy ORDER BY 1"))
			.extracting((r) -> tuple(r.get("policy_no"), r.get("id_card"), r.get("start_date").toString(),
					r.get("end_date").toString(), r.get("premium"), r.get("partner_id")))
			.as("start-date came as epoch millis (midnight in Asia/Shanghai), end-date as an ISO string")
			.containsExactly(tuple("PL001", LI, "2026-11-01", "2027-10-31", new BigDecimal("120.00"), "si-test"),
					tuple("PL002", CHEN, "2026-11-01", "2027-10-31", new BigDecimal("80.50"), "si-test"),
					tuple("PL003", LI, "2026-11-01", "2027-10-31", new BigDecimal("99.00"), "si-test"));
		assertThat(mark()).isEqualTo(Timestamp.valueOf(T0.plusMinutes(2)));
		assertThat(this.api.queries).as("two pages of two, the second by the cursor of the first")
			.containsExactly("limit=2", "limit=2&cursor=2");

		this.api.put(policy("PL004", CHEN, "陈建国", 10, "66.00"));
		this.api.queries.clear();
		long second = syncNow();
		assertThat(this.api.queries).as("from the mark, in epoch millis")
			.containsExactly("updatedSince=" + millis(T0.plusMinutes(2)) + "&limit=2");
		assertThat(run(second)).containsEntry("status", "succeeded")
			.as("the record at the mark (inclusive) and the new one")
			.containsEntry("rows_read", 2L);
		assertThat(count("SELECT count(*) FROM dw.insurance_policy")).isEqualTo(4);
		assertThat(mark()).isEqualTo(Timestamp.valueOf(T0.plusMinutes(10)));
	}

	@Test
	void aRecordUpdatedAfterItWasReadUpdatesItsFactAndIsNotCountedTwice() {
		this.api.put(policy("PL001", LI, "李志强", 0, "120.00"));
		this.api.put(policy("PL002", CHEN, "陈建国", 1, "80.50"));
		long first = syncNow();
		Map<String, Object> changed = policy("PL001", LI, "李志强", 30, "125.00");
		this.api.put(changed);
		long second = syncNow();
		assertThat(run(second)).containsEntry("status", "succeeded")
			.as("PL002 at the mark (inclusive) and PL001, updated since")
			.containsEntry("rows_read", 2L);
		assertThat(this.jdbc.queryForList("SELECT policy_no, premium, run_id FROM dw.insurance_policy ORDER BY 1"))
			.extracting((r) -> tuple(r.get("policy_no"), r.get("premium"), ((Number) r.get("run_id")).longValue()))
			.containsExactly(tuple("PL001", new BigDecimal("125.00"), second),
					tuple("PL002", new BigDecimal("80.50"), first));
	}

	@Test
	void everyPassingFailureIsRetriedWithItsWaitAndTheRunSucceeds() {
		this.api.put(policy("PL001", LI, "李志强", 0, "120.00"));
		this.api.put(policy("PL002", CHEN, "陈建国", 1, "80.50"));
		this.api.put(policy("PL003", LI, "李志强", 2, "99.00"));
		// page 1: 502, 429 (Retry-After 7 s), too slow, cut off, then its answer (the
		// fifth and last attempt); page 2: the token revoked, then "busy" with HTTP 200,
		// then its answer
		this.api.fault(Fault.SERVER_ERROR, Fault.TOO_MANY_REQUESTS, Fault.SLOW, Fault.CUT_BODY, Fault.NONE,
				Fault.REVOKE_TOKEN, Fault.SOFT_BUSY);
		long run = syncNow();
		assertThat(run(run)).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 3L)
			.containsEntry("rows_loaded", 3L);
		assertThat(this.waits).as("backoff 100 ms doubled; Retry-After capped at max-backoff 5 s")
			.containsExactly(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMillis(400),
					Duration.ofMillis(800), Duration.ofMillis(100));
		assertThat(this.api.tokensIssued).as("the revoked token was replaced once").hasValue(2);
		assertThat(count("SELECT count(*) FROM dw.insurance_policy")).isEqualTo(3);
	}

	@Test
	void aRefusalMidRunFailsTheRunKeepsTheCommittedPageAndLeavesTheMark() {
		this.api.put(policy("PL001", LI, "李志强", 0, "120.00"));
		syncNow();
		Timestamp before = (Timestamp) mark();
		this.api.put(policy("PL002", CHEN, "陈建国", 5, "80.50"));
		this.api.put(policy("PL003", LI, "李志强", 6, "99.00"));
		this.api.put(policy("PL004", CHEN, "陈建国", 7, "66.00"));
		// page 1 answers; page 2 is refused with HTTP 200 and a business code
		this.api.fault(Fault.NONE, Fault.SOFT_REFUSED);
		long second = syncNow();
		Map<String, Object> failed = run(second);
		assertThat(failed).containsEntry("status", "failed");
		assertThat((String) failed.get("error_message")).contains("code 40013 in an HTTP 200 answer", "无权访问该接口")
			.as("the secret the server echoed is not repeated")
			.doesNotContain(FakeSocialInsuranceApi.CLIENT_SECRET)
			.contains("****");
		assertThat(mark()).as("the records are not in cursor order for the hub: the mark moves with the last page only")
			.isEqualTo(before);
		assertThat(count("SELECT count(*) FROM dw.insurance_policy")).as("page 1 (PL001 again, PL002) was committed")
			.isEqualTo(2);

		long third = syncNow();
		assertThat(run(third)).containsEntry("status", "succeeded");
		assertThat(count("SELECT count(*) FROM dw.insurance_policy")).isEqualTo(4);
		assertThat(mark()).isEqualTo(Timestamp.valueOf(T0.plusMinutes(7)));
	}

	@Test
	void aServerThatIsDownFailsTheRunWithAClearMessageAndLeavesTheMark() {
		this.api.put(policy("PL001", LI, "李志强", 0, "120.00"));
		syncNow();
		Object before = mark();
		String base = this.api.baseUrl();
		SourceDefinition source = source(base, 3);
		this.api.close();
		long second = this.sync.syncNow(source, RunTrigger.MANUAL, false).orElseThrow();
		Map<String, Object> failed = run(second);
		assertThat(failed).containsEntry("status", "failed");
		assertThat((String) failed.get("error_message")).startsWith("the API " + base + "/api/v1/policies failed: ")
			.contains("failed after 3 attempts")
			.doesNotContain(FakeSocialInsuranceApi.CLIENT_SECRET);
		assertThat(mark()).isEqualTo(before);
		assertThat(this.waits).hasSize(2);
	}

	@Test
	void badRecordsAreRejectedWithTheirKeyAndReasonAndTheRunGoesOn() {
		this.api.pageSize = 10;
		this.api.put(policy("PL001", LI, "李志强", 0, "120.00"));
		this.api.put(policy("PL002", IdCards.withWrongCheckDigit(CHEN), "陈建国", 1, "80.50"));
		Map<String, Object> noStart = policy("PL003", LI, "李志强", 2, "99.00");
		noStart.remove("startDate");
		this.api.put(noStart);
		this.api.put(policy("PL004", CHEN, "陈建国", 3, "十元"));
		long run = syncNow();
		assertThat(run(run)).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 4L)
			.containsEntry("rows_loaded", 1L)
			.containsEntry("rows_rejected", 3L);
		assertThat(this.jdbc.queryForList(
				"SELECT record_key, reason, raw_values->>'/policyNo' AS raw FROM ops.rejected_row WHERE run_id = ? ORDER BY 1",
				run))
			.extracting((r) -> tuple(r.get("record_key"), r.get("reason"), r.get("raw")))
			.containsExactly(tuple("PL002", "bad_checksum", "PL002"), tuple("PL003", "missing_required", "PL003"),
					tuple("PL004", "bad_amount", "PL004"));
		assertThat(mark()).as("a rejected record still moves the mark: it was read")
			.isEqualTo(Timestamp.valueOf(T0.plusMinutes(3)));
	}

	private long syncNow() {
		return this.sync.syncNow(source(this.api.baseUrl(), 5), RunTrigger.MANUAL, false).orElseThrow();
	}

	@Test
	void aFailureMidRunCommitsTheWholePagesReadLeavesTheMarkAtTheLastCommittedRecordAndTheNextRunLoadsTheRestOnce() {
		// pages of 2, groups of at least 4 records: pages 1-2 are one commit, page 3
		// waits
		// for the next group when page 4 is refused
		this.sync.commitRows = 4;
		for (int i = 1; i <= 9; i++) {
			this.api.put(policy(String.format("PL%03d", i), (i % 2 == 0) ? CHEN : LI, "测试", i - 1, "10.00"));
		}
		this.api.fault(Fault.NONE, Fault.NONE, Fault.NONE, Fault.SOFT_REFUSED);
		SourceDefinition ordered = source(this.api.baseUrl(), 5, true);
		long first = this.sync.syncNow(ordered, RunTrigger.MANUAL, false).orElseThrow();
		assertThat(run(first)).containsEntry("status", "failed")
			.as("the three whole pages read before the refusal are committed")
			.containsEntry("rows_read", 6L)
			.containsEntry("rows_loaded", 6L);
		assertThat(this.jdbc.queryForList("SELECT policy_no FROM dw.insurance_policy ORDER BY 1", String.class))
			.containsExactly("PL001", "PL002", "PL003", "PL004", "PL005", "PL006");
		assertThat(mark()).as("exactly the cursor value of the last committed record (PL006)")
			.isEqualTo(Timestamp.valueOf(T0.plusMinutes(5)));

		this.api.queries.clear();
		long second = this.sync.syncNow(ordered, RunTrigger.MANUAL, false).orElseThrow();
		assertThat(this.api.queries.get(0)).startsWith("updatedSince=" + millis(T0.plusMinutes(5)) + "&");
		assertThat(run(second)).containsEntry("status", "succeeded")
			.as("PL006 at the mark (inclusive) and the three not committed before")
			.containsEntry("rows_read", 4L);
		assertThat(this.jdbc.queryForList("SELECT policy_no, run_id FROM dw.insurance_policy ORDER BY 1"))
			.extracting((r) -> tuple(r.get("policy_no"), ((Number) r.get("run_id")).longValue()))
			.as("each record once; PL006, read again unchanged, keeps its first load")
			.containsExactly(tuple("PL001", first), tuple("PL002", first), tuple("PL003", first), tuple("PL004", first),
					tuple("PL005", first), tuple("PL006", first), tuple("PL007", second), tuple("PL008", second),
					tuple("PL009", second));
		assertThat(mark()).isEqualTo(Timestamp.valueOf(T0.plusMinutes(8)));
	}

	static SourceDefinition source(String baseUrl, int maxAttempts) {
		return source(baseUrl, maxAttempts, false);
	}

	/**
	 * @param ordered whether the source says it returns its records in cursor order (the
	 * mark then moves with every commit)
	 */
	static SourceDefinition source(String baseUrl, int maxAttempts, boolean ordered) {
		Map<String, Field> fields = new LinkedHashMap<>();
		fields.put("policy-no", new Field("/policyNo", null, null, null));
		fields.put("id-card", new Field("/insured/idNo", null, null, null));
		fields.put("name", new Field("/insured/name", null, null, null));
		fields.put("start-date", new Field("/startDate", null, null, null));
		fields.put("end-date", new Field("/endDate", null, null, null));
		fields.put("premium", new Field("/premium", null, null, null));
		HttpApiSettings settings = new HttpApiSettings(URI.create(baseUrl), "/api/v1/policies", Map.of(),
				Map.of("Accept-Language", "zh-CN"),
				new HttpApiSettings.Auth("oauth2", null, null, null, null, "/oauth/token",
						FakeSocialInsuranceApi.CLIENT_ID, FakeSocialInsuranceApi.CLIENT_SECRET, null),
				new HttpApiSettings.Paging("cursor", null, "limit", 2, 1, null, null, null, "cursor",
						"/result/nextCursor", null, null),
				"/result/items", new HttpApiSettings.Errors("/errcode", List.of("0"), "/errmsg"),
				new HttpApiSettings.Incremental("/updatedAt", "timestamp", "updatedSince", "epoch-millis", true,
						ordered),
				Duration.ofSeconds(2), Duration.ofMillis(500), maxAttempts, Duration.ofMillis(100),
				Duration.ofSeconds(5), "0 0 3 * * ?", "Asia/Shanghai",
				List.of(new Mapping(Target.INSURANCE_POLICY, fields, null)));
		return new SourceDefinition("si-test", SourceKind.HTTP_API, "测试社保平台", null, null, null, true, null, null, null,
				null, settings);
	}

	static Map<String, Object> policy(String no, String idCard, String name, int minute, String premium) {
		Map<String, Object> r = new LinkedHashMap<>();
		r.put("policyNo", no);
		r.put("insured", Map.of("idNo", idCard, "name", name));
		r.put("startDate", millis(LocalDateTime.of(2026, 11, 1, 0, 0)));
		r.put("endDate", "2027-10-31");
		r.put("premium", premium.matches("[0-9.]+") ? new BigDecimal(premium) : premium);
		r.put("updatedAt", millis(T0.plusMinutes(minute)));
		return r;
	}

	static long millis(LocalDateTime time) {
		return time.atZone(ZONE).toInstant().toEpochMilli();
	}

	private void person(String idCard, String name) {
		this.jdbc.update("""
				INSERT INTO dw.person (id_card, name, gender, birth_date, name_source, name_set_at)
				VALUES (?, ?, 'M', ?, 'province', now())""", idCard, name, Date.valueOf(LocalDate
			.parse(idCard.substring(6, 10) + "-" + idCard.substring(10, 12) + "-" + idCard.substring(12, 14))));
	}

	private Object mark() {
		List<Timestamp> marks = this.jdbc.queryForList(
				"SELECT since FROM ops.sync_mark WHERE source_id = 'si-test' AND endpoint = 'http'", Timestamp.class);
		return marks.isEmpty() ? null : marks.get(0);
	}

	private Map<String, Object> run(long id) {
		return this.jdbc.queryForMap("SELECT * FROM ops.ingest_run WHERE id = ?", id);
	}

	private int count(String sql) {
		return this.jdbc.queryForObject(sql, Integer.class);
	}

}
