package cn.jiangmen.vethub.province;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ops.PullSource.SyncStart;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.province.FakeProvinceApi.Fault;
import cn.jiangmen.vethub.source.ProvinceSettings;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.testdata.IdCards;
import cn.jiangmen.vethub.warehouse.PersonMerger;
import cn.jiangmen.vethub.warehouse.PersonObservation;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.HttpClientErrorException;

import static cn.jiangmen.vethub.province.FakeProvinceApi.VETERANS;
import static cn.jiangmen.vethub.province.FakeProvinceApi.VISITS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The provincial sync in the running hub, against a local fake provincial API: what lands
 * in the warehouse, the rejects, the marks, and the run ledger, under the API's failure
 * modes. The province source is the declared one with its base URL pointed at the fake
 * server.
 */
class ProvinceSyncIT extends HubIntegrationTest {

	private static final LocalDateTime T0 = LocalDateTime.of(2026, 3, 1, 8, 0);

	@Autowired
	private ProvinceSync sync;

	@Autowired
	private PersonMerger merger;

	@Autowired
	private PlatformTransactionManager transactions;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private CamelContext camel;

	private FakeProvinceApi api;

	@BeforeEach
	void freshServerAndMarks() {
		// another test class of the shared context may have started a sync of the
		// declared source
		await().atMost(Duration.ofSeconds(90)).until(() -> !this.sync.isRunning("province"));
		this.jdbc.update("DELETE FROM ops.sync_mark");
		this.api = new FakeProvinceApi();
	}

	@AfterEach
	void closeServer() {
		this.api.close();
	}

	private SourceDefinition source(int pageSize) {
		return source(this.api.settings(pageSize));
	}

	private static SourceDefinition source(ProvinceSettings settings) {
		return new SourceDefinition("province", SourceKind.PROVINCE, "广东省退役军人信息管理系统", null, null, ".*", true, settings,
				null);
	}

	private void veterans(int from, int to) {
		for (int i = from; i <= to; i++) {
			this.api.put(VETERANS, ProvinceSamples.veteran(i, T0.plusMinutes(i)));
		}
	}

	private long syncNow(int pageSize) {
		return this.sync.syncNow(source(pageSize), RunTrigger.MANUAL, false).orElseThrow();
	}

	private Map<String, Object> run(long id) {
		return this.jdbc.queryForMap("SELECT * FROM ops.ingest_run WHERE id = ?", id);
	}

	private Map<String, Object> mark(String endpoint) {
		List<Map<String, Object>> marks = this.jdbc.queryForList(
				"SELECT since, array_to_string(ids_at_since, ',') AS ids FROM ops.sync_mark WHERE endpoint = ?",
				endpoint);
		return marks.isEmpty() ? Map.of() : marks.get(0);
	}

	private int count(String sql, Object... args) {
		return this.jdbc.queryForObject(sql, Integer.class, args);
	}

	@Test
	void loadsVeteransAndVisitsWithTheSharedNormalizationAndRejectsBadRecords() {
		veterans(1, 12);
		Map<String, Object> lowerX = ProvinceSamples.veteran(13, T0.plusMinutes(13));
		String idWithX = IdCards.validEndingInX("440781", LocalDate.of(1968, 8, 8), 120, true);
		lowerX.put("sfzhm", idWithX.toLowerCase());
		lowerX.put("csrq", "19680808");
		lowerX.put("xbdm", "1");
		this.api.put(VETERANS, lowerX);
		Map<String, Object> badChecksum = ProvinceSamples.veteran(14, T0.plusMinutes(14));
		badChecksum.put("sfzhm", IdCards.withWrongCheckDigit((String) badChecksum.get("sfzhm")));
		this.api.put(VETERANS, badChecksum);
		Map<String, Object> wrongBirth = ProvinceSamples.veteran(15, T0.plusMinutes(15));
		wrongBirth.put("csrq", "19500102");
		this.api.put(VETERANS, wrongBirth);
		Map<String, Object> badCategory = ProvinceSamples.veteran(16, T0.plusMinutes(16));
		badCategory.put("rylb", "77");
		this.api.put(VETERANS, badCategory);
		Map<String, Object> deleted = ProvinceSamples.veteran(17, T0.plusMinutes(17));
		deleted.put("scbz", "1");
		this.api.put(VETERANS, deleted);
		Map<String, Object> unknownTown = ProvinceSamples.veteran(18, T0.plusMinutes(18));
		unknownTown.put("hjszx", "440784");
		unknownTown.put("hjszz", "幸福镇");
		this.api.put(VETERANS, unknownTown);
		this.api.put(VISITS, ProvinceSamples.visit(1, 1, T0.plusHours(1)));
		this.api.put(VISITS, ProvinceSamples.visit(2, 2, T0.plusHours(2)));
		Map<String, Object> badVisit = ProvinceSamples.visit(3, 3, T0.plusHours(3));
		badVisit.put("zfrq", "2026-02-30");
		this.api.put(VISITS, badVisit);

		long runId = syncNow(5);

		assertThat(run(runId)).containsEntry("status", "succeeded")
			.containsEntry("trigger", "manual")
			.containsEntry("rows_read", 21L)
			.containsEntry("rows_loaded", 16L)
			.containsEntry("rows_rejected", 4L);
		assertThat(count("SELECT count(*) FROM dw.person")).isEqualTo(14);
		Map<String, Object> first = this.jdbc.queryForMap("SELECT * FROM dw.person WHERE id_card = ?",
				ProvinceSamples.idCard(1));
		assertThat(first).containsEntry("name", ProvinceSamples.name(1))
			.containsEntry("category", "军队转业干部")
			.containsEntry("political_status", "群众")
			.containsEntry("town", "礼乐街道")
			.containsEntry("county_code", "440704")
			.containsEntry("name_source", "province")
			.containsEntry("gender", "M")
			.containsEntry("birth_date", java.sql.Date.valueOf(ProvinceSamples.birth(1)));
		assertThat(count("SELECT count(*) FROM dw.person WHERE id_card = ?", idWithX)).isOne();
		assertThat(this.jdbc.queryForMap("SELECT town, county_code FROM dw.person WHERE id_card = ?",
				ProvinceSamples.idCard(18)))
			.containsEntry("town", null)
			.containsEntry("county_code", "440784");
		assertThat(count("SELECT count(*) FROM dw.person WHERE id_card = ?", ProvinceSamples.idCard(17))).isZero();
		// the province's gxsj is the observation time, in Asia/Shanghai
		assertThat(this.jdbc.queryForObject("SELECT observed_at FROM dw.person_observation WHERE record_ref = 'V00001'",
				OffsetDateTime.class))
			.isEqualTo(OffsetDateTime.of(2026, 3, 1, 0, 1, 0, 0, ZoneOffset.UTC));

		List<Map<String, Object>> rejects = this.jdbc.queryForList(
				"SELECT record_key, reason, detail, raw_values::text AS raw FROM ops.rejected_row WHERE run_id = ? ORDER BY record_key",
				runId);
		assertThat(rejects).extracting((r) -> r.get("record_key") + ":" + r.get("reason"))
			.containsExactly("V00014:bad_checksum", "V00015:id_birthdate_mismatch", "V00016:bad_value",
					"ZF000003:invalid_date");
		assertThat(rejects).allSatisfy((r) -> assertThat((String) r.get("detail"))
			.doesNotContain(ProvinceSamples.idCard(15), ProvinceSamples.idCard(16)));
		assertThat((String) rejects.get(1).get("detail")).contains("1950-**-**", "****").doesNotContain("19500102");
		assertThat((String) rejects.get(0).get("raw")).contains("\"xm\":\"" + ProvinceSamples.name(14) + "\"",
				"\"gxsj\":\"2026-03-01 08:14:00\"");

		assertThat(this.jdbc.queryForList("SELECT visit_key FROM dw.visit WHERE source_id = 'province' ORDER BY 1",
				String.class))
			.containsExactly("ZF000001", "ZF000002");
		assertThat(mark(VETERANS)).containsEntry("ids", "V00018");
		assertThat(mark(VISITS)).containsEntry("ids", "ZF000003");
	}

	@Test
	void anIncrementalRunReadsOnlyWhatChangedAndAFullResyncReadsEverything() {
		veterans(1, 10);
		syncNow(4);
		this.api.touch(VETERANS, "V00003", T0.plusDays(1), Map.of("lxdh", "13922223333"));
		long second = syncNow(4);
		assertThat(run(second)).containsEntry("status", "succeeded").containsEntry("rows_read", 1L);
		assertThat(this.jdbc.queryForObject("SELECT phone FROM dw.person WHERE id_card = ?", String.class,
				ProvinceSamples.idCard(3)))
			.isEqualTo("13922223333");
		long third = syncNow(4);
		assertThat(run(third)).containsEntry("rows_read", 0L);
		long full = this.sync.syncNow(source(4), RunTrigger.MANUAL, true).orElseThrow();
		assertThat(run(full)).containsEntry("status", "succeeded").containsEntry("rows_read", 10L);
		assertThat(count("SELECT count(*) FROM dw.person_observation")).isEqualTo(11);
	}

	@Test
	void continuesWithANewTokenWhenItExpiresMidSync() {
		veterans(1, 12);
		AtomicPage.on(this.api, 2, () -> this.api.expireTokens());
		long runId = syncNow(5);
		assertThat(run(runId)).containsEntry("status", "succeeded").containsEntry("rows_loaded", 12L);
		assertThat(this.api.tokensIssued()).isEqualTo(2);
	}

	@Test
	void failsWithAClearMessageWhenRetriesAreSpentAndLeavesTheMarkWhereItWas() {
		veterans(1, 10);
		syncNow(5);
		Map<String, Object> before = mark(VETERANS);
		veterans(11, 20);
		this.api.failAlways(Fault.status(503), 4);
		long runId = syncNow(5);
		Map<String, Object> failed = run(runId);
		assertThat(failed).containsEntry("status", "failed").containsEntry("rows_loaded", 0L);
		assertThat((String) failed.get("error_message")).isEqualTo("veterans: GET /api/v1/veterans "
				+ "(updatedSince=2026-03-01 08:10:00, current=1, size=5) failed after 4 attempts; last error: HTTP 503: 服务器内部错误");
		assertThat(mark(VETERANS)).isEqualTo(before);
		assertThat(count("SELECT count(*) FROM dw.person")).isEqualTo(10);
	}

	@Test
	void resumesAfterAFailureHalfWayWithoutLossOrDuplicates() {
		veterans(1, 23);
		this.api.put(VISITS, ProvinceSamples.visit(1, 22, T0.plusHours(1)));
		// pages 1 and 2 load, then the server fails for good
		AtomicPage.on(this.api, 3, () -> this.api.failAlways(Fault.status(500), 4));
		long failedRun = syncNow(5);
		assertThat(run(failedRun)).containsEntry("status", "failed").containsEntry("rows_read", 9L);
		assertThat(count("SELECT count(*) FROM dw.person")).isEqualTo(9);
		assertThat(mark(VETERANS)).containsEntry("ids", "V00009");
		assertThat(mark(VISITS)).isEmpty();

		long resumed = syncNow(5);
		assertThat(run(resumed)).containsEntry("status", "succeeded").containsEntry("rows_read", 15L);
		assertThat(count("SELECT count(*) FROM dw.person")).isEqualTo(23);
		assertThat(count("SELECT count(*) FROM dw.person_observation")).isEqualTo(23);
		assertThat(count("SELECT count(*) FROM dw.visit")).isOne();
	}

	@Test
	void readsEverythingWhenTheServerCapsThePageSize() {
		veterans(1, 30);
		this.api.capSize(4);
		long runId = syncNow(500);
		assertThat(run(runId)).containsEntry("status", "succeeded").containsEntry("rows_loaded", 30L);
		assertThat(this.api.requests).anySatisfy((q) -> assertThat(q).contains("size=500"));
	}

	@Test
	void missesNoRecordWhenRecordsMoveToTheEndDuringTheSync() {
		veterans(1, 30);
		AtomicPage.on(this.api, 2, () -> {
			this.api.touch(VETERANS, "V00002", T0.plusDays(1), Map.of("lxdh", "13700001111"));
			this.api.touch(VETERANS, "V00004", T0.plusDays(1).plusSeconds(1), Map.of());
		});
		long runId = syncNow(5);
		assertThat(run(runId)).containsEntry("status", "succeeded").containsEntry("rows_read", 32L);
		assertThat(count("SELECT count(*) FROM dw.person")).isEqualTo(30);
		assertThat(this.jdbc.queryForObject("SELECT phone FROM dw.person WHERE id_card = ?", String.class,
				ProvinceSamples.idCard(2)))
			.isEqualTo("13700001111");
	}

	@Test
	void aVisitOfAnUnknownPersonWaitsAndLoadsWhenTheVeteranArrives() {
		veterans(1, 3);
		this.api.put(VISITS, ProvinceSamples.visit(7, 5, T0.plusHours(1)));
		long first = syncNow(5);
		Map<String, Object> waiting = this.jdbc.queryForMap(
				"SELECT record_key, reason, id_card, fact_table, detail, resolved_at FROM ops.rejected_row WHERE run_id = ?",
				first);
		assertThat(waiting).containsEntry("record_key", "ZF000007")
			.containsEntry("reason", "unknown_person")
			.containsEntry("id_card", ProvinceSamples.idCard(5))
			.containsEntry("fact_table", "dw.visit")
			.containsEntry("resolved_at", null);
		assertThat((String) waiting.get("detail")).doesNotContain(ProvinceSamples.idCard(5));
		assertThat(count("SELECT count(*) FROM dw.visit")).isZero();

		this.api.put(VETERANS, ProvinceSamples.veteran(5, T0.plusDays(1)));
		long second = syncNow(5);
		assertThat(this.jdbc.queryForMap("SELECT visit_key, id_card, visit_date, visit_type FROM dw.visit"))
			.containsEntry("visit_key", "ZF000007")
			.containsEntry("id_card", ProvinceSamples.idCard(5))
			.containsEntry("visit_date", java.sql.Date.valueOf("2026-02-28"))
			.containsEntry("visit_type", "日常走访");
		assertThat(this.jdbc.queryForObject("SELECT resolved_run_id FROM ops.rejected_row WHERE run_id = ?", Long.class,
				first))
			.isEqualTo(second);
	}

	@Test
	void provinceWinsIdentityAndTheMostRecentPhoneWinsAcrossSources() throws Exception {
		String id = ProvinceSamples.idCard(6);
		// the county roster of 2026-02-01 says: another spelling, another phone, a town
		// in 鹤山
		roster(id, "陈建囯", "13800000001", "沙坪街道", "440784",
				OffsetDateTime.of(2026, 2, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)));
		this.api.put(VETERANS, ProvinceSamples.veteran(6, T0));
		syncNow(5);
		Map<String, Object> person = this.jdbc.queryForMap("SELECT * FROM dw.person WHERE id_card = ?", id);
		assertThat(person).containsEntry("name", ProvinceSamples.name(6))
			.containsEntry("name_source", "province")
			.containsEntry("phone", ProvinceSamples.veteran(6, T0).get("lxdh"))
			.containsEntry("phone_source", "province")
			.containsEntry("town", "恩城街道");

		// a newer roster: its phone wins (most recent), the name stays the province's
		roster(id, "陈建囯", "13800000002", "沙坪街道", "440784",
				OffsetDateTime.of(2026, 4, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)));
		person = this.jdbc.queryForMap("SELECT * FROM dw.person WHERE id_card = ?", id);
		assertThat(person).containsEntry("name", ProvinceSamples.name(6))
			.containsEntry("phone", "13800000002")
			.containsEntry("phone_source", "heshan")
			.containsEntry("town", "沙坪街道")
			.containsEntry("village", "沙坪村");

		// the province updates the record later still (gxsj 2026-05-01): its phone is now
		// the most recent
		this.api.touch(VETERANS, "V00006", LocalDateTime.of(2026, 5, 1, 9, 0), Map.of("lxdh", "13600000003"));
		syncNow(5);
		assertThat(this.jdbc.queryForObject("SELECT phone FROM dw.person WHERE id_card = ?", String.class, id))
			.isEqualTo("13600000003");
	}

	private void roster(String id, String name, String phone, String town, String county, OffsetDateTime asOf)
			throws Exception {
		long runId = this.jdbc.queryForObject(
				"INSERT INTO ops.ingest_run (source_id, trigger, status) VALUES ('heshan', 'file', 'succeeded') RETURNING id",
				Long.class);
		new TransactionTemplate(this.transactions).executeWithoutResult((tx) -> {
			try (PersonMerger.Batch batch = this.merger.begin(runId)) {
				batch.add(new PersonObservation(id, "heshan", PersonObservation.Kind.ROSTER, asOf, "花名册!5", name,
						"退役士兵", "群众", null, null, phone, town, county, "沙坪村"));
				batch.apply();
			}
			catch (java.sql.SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	@Test
	void neverRunsTwoSyncsAtOnceInThisHubOrAcrossNodes() throws Exception {
		veterans(1, 6);
		CountDownLatch paging = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.api.onPage((endpoint, current) -> {
			paging.countDown();
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		SyncStart started = this.sync.start(source(this.api.settings(5, Duration.ofSeconds(15))), RunTrigger.MANUAL,
				false);
		assertThat(started.started()).isTrue();
		assertThat(paging.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.sync.start(source(5), RunTrigger.MANUAL, true).started()).isFalse();
		assertThatThrownBy(() -> adminApi().post().uri("/api/sources/province/sync").retrieve().toBodilessEntity())
			.isInstanceOfSatisfying(HttpClientErrorException.class,
					(ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.CONFLICT));
		release.countDown();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> count("SELECT count(*) FROM ops.ingest_run WHERE status = 'succeeded'") == 1);
		assertThat(count("SELECT count(*) FROM ops.ingest_run")).isOne();

		// another node holding the advisory lock
		this.api.onPage((endpoint, current) -> {
		});
		try (Connection other = this.dataSource.getConnection();
				PreparedStatement ps = other
					.prepareStatement("SELECT pg_try_advisory_lock(hashtext('vethub-sync:province'))")) {
			try (ResultSet rs = ps.executeQuery()) {
				assertThat(rs.next() && rs.getBoolean(1)).isTrue();
			}
			assertThat(this.sync.syncNow(source(5), RunTrigger.MANUAL, false)).isEmpty();
			other.createStatement().execute("SELECT pg_advisory_unlock_all()");
		}
		assertThat(this.sync.syncNow(source(5), RunTrigger.MANUAL, false)).isPresent();
	}

	@Test
	void theRouteRunsOnTheScheduleOfTheProvinceSource() {
		assertThat(this.camel.getRoute("province")).isNotNull();
		String uri = this.camel.getRoute("province").getEndpoint().getEndpointUri();
		assertThat(uri).isEqualTo("quartz://vethub/province-sync?cron=0+0+2+*+*+%3F&trigger.timeZone=Asia%2FShanghai");
	}

	@Test
	void aPausedSourceIsNotSynced() throws Exception {
		this.camel.getRouteController().suspendRoute("province");
		try {
			assertThatThrownBy(() -> adminApi().post().uri("/api/sources/province/sync").retrieve().toBodilessEntity())
				.isInstanceOfSatisfying(HttpClientErrorException.class, (ex) -> {
					assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
					assertThat(ex.getResponseBodyAsString()).contains("paused");
				});
			assertThat(count("SELECT count(*) FROM ops.ingest_run")).isZero();
		}
		finally {
			this.camel.getRouteController().resumeRoute("province");
		}
	}

	/** Runs an action just before the n-th API page is served. */
	static final class AtomicPage {

		static void on(FakeProvinceApi api, int n, Runnable action) {
			java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
			api.onPage((endpoint, current) -> {
				if (served.incrementAndGet() == n) {
					action.run();
				}
			});
		}

	}

}
