package cn.jiangmen.vethub.partner;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import cn.jiangmen.vethub.FormLoginSession;
import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ops.PullSource.Refusal;
import cn.jiangmen.vethub.ops.PullSource.SyncStart;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.source.DatabaseSettings;
import cn.jiangmen.vethub.source.DatabaseSettings.WatermarkType;
import cn.jiangmen.vethub.source.PartnerSettings.Field;
import cn.jiangmen.vethub.source.PartnerSettings.Mapping;
import cn.jiangmen.vethub.source.PartnerSettings.Target;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.source.SourceRegistry;
import cn.jiangmen.vethub.testdata.IdCards;
import org.apache.camel.CamelContext;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A partner's database view pulled into the warehouse, against a real PostgreSQL database
 * (a second database on the hub's server, {@link PartnerDatabase}): incremental runs from
 * the mark, a row updated after it was read, bad rows, a database that is down, a full
 * re-read, and the declared example source in the API.
 */
class DatabaseSourceIT extends HubIntegrationTest {

	private static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 2, 9, 0);

	private static final String LI = IdCards.valid("440705", LocalDate.of(1941, 3, 15), 11, true);

	private static final String CHEN = IdCards.valid("440781", LocalDate.of(1944, 8, 2), 23, true);

	private static final String LIANG = IdCards.valid("430102", LocalDate.of(1945, 5, 9), 17, true);

	@Autowired
	private DatabaseSourceSync sync;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private CamelContext camel;

	@Autowired
	private SourceRegistry registry;

	private PartnerDatabase partner;

	@BeforeEach
	void partnerDatabaseAndPersons() throws SQLException {
		this.jdbc.update("DELETE FROM ops.sync_mark");
		this.partner = PartnerDatabase.recreate(this.dataSource, DATA_DIR);
		person(LI, "李志强");
		person(CHEN, "陈建国");
	}

	@AfterEach
	void closePartner() {
		this.partner.close();
	}

	@Test
	void theFirstRunLoadsEveryRowAndTheNextOnlyTheRowsAddedSince() {
		this.partner.insert(rows(row("RX001", LI, "2026-11-01", "阿司匹林", "12.50", 0),
				row("RX002", CHEN, "2026-11-01", "降压片", "36.00", 1),
				row("RX003", LI, "2026-11-02", "胰岛素", "98.40", 2)));
		long first = syncNow(source());
		assertThat(run(first)).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 3L)
			.containsEntry("rows_loaded", 3L)
			.containsEntry("rows_rejected", 0L);
		assertThat(this.jdbc.queryForList(
				"SELECT record_key, id_card, service_date, item, fee, partner_id, source_id FROM dw.medical_service ORDER BY 1"))
			.extracting((r) -> tuple(r.get("record_key"), r.get("id_card"), r.get("service_date").toString(),
					r.get("item"), r.get("fee"), r.get("partner_id")))
			.containsExactly(tuple("RX001", LI, "2026-11-01", "阿司匹林", new BigDecimal("12.50"), "pharmacy-db-test"),
					tuple("RX002", CHEN, "2026-11-01", "降压片", new BigDecimal("36.00"), "pharmacy-db-test"),
					tuple("RX003", LI, "2026-11-02", "胰岛素", new BigDecimal("98.40"), "pharmacy-db-test"));
		assertThat(mark()).isEqualTo(Timestamp.valueOf(T0.plusMinutes(2)));

		this.partner.insert(rows(row("RX004", CHEN, "2026-11-03", "阿莫西林", "22.00", 10),
				row("RX005", LI, "2026-11-03", "维生素D", "15.00", 11)));
		long second = syncNow(source());
		assertThat(run(second)).containsEntry("status", "succeeded")
			.as("only the rows added since the first run are read")
			.containsEntry("rows_read", 2L)
			.containsEntry("rows_loaded", 2L);
		assertThat(count("SELECT count(*) FROM dw.medical_service")).isEqualTo(5);
		assertThat(mark()).isEqualTo(Timestamp.valueOf(T0.plusMinutes(11)));

		long third = syncNow(source());
		assertThat(run(third)).containsEntry("status", "succeeded").containsEntry("rows_read", 0L);
	}

	@Test
	void aRowUpdatedAfterItWasReadUpdatesItsFactAndIsNotCountedTwice() {
		this.partner.insert(rows(row("RX001", LI, "2026-11-01", "阿司匹林", "12.50", 0),
				row("RX002", CHEN, "2026-11-01", "降压片", "36.00", 1)));
		syncNow(source());
		this.partner.his()
			.update("UPDATE his.dispensing SET fee = 11.80, updated_at = ? WHERE serial_no = 'RX001'",
					Timestamp.valueOf(T0.plusMinutes(30)));
		long second = syncNow(source());
		assertThat(run(second)).containsEntry("rows_read", 1L).containsEntry("rows_loaded", 1L);
		assertThat(this.jdbc.queryForList("SELECT record_key, fee, run_id FROM dw.medical_service ORDER BY 1"))
			.extracting((r) -> tuple(r.get("record_key"), r.get("fee"), ((Number) r.get("run_id")).longValue()))
			.containsExactly(tuple("RX001", new BigDecimal("11.80"), second),
					tuple("RX002", new BigDecimal("36.00"), second - 1));
	}

	@Test
	void badRowsAreRejectedWithTheirKeyAndReasonAndTheRunGoesOn() {
		this.partner.insert(rows(row("RX001", LI, "2026-11-01", "阿司匹林", "12.50", 0),
				row("RX002", IdCards.withWrongCheckDigit(CHEN), "2026-11-01", "降压片", "36.00", 1),
				row("RX003", null, "2026-11-02", "胰岛素", "98.40", 2),
				row("RX004", LIANG, "2026-11-02", "心电图", "35.00", 3), row("RX005", CHEN, null, "血常规", "12.00", 4),
				row("RX006", CHEN, "2026-11-03", "降压片", "36.00", 5)));
		long run = syncNow(source());
		assertThat(run(run)).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 6L)
			.containsEntry("rows_loaded", 2L)
			.containsEntry("rows_rejected", 4L);
		assertThat(this.jdbc.queryForList(
				"SELECT record_key, reason, detail, file_name, raw_values::text AS raw FROM ops.rejected_row WHERE run_id = ? ORDER BY record_key",
				run))
			.extracting((r) -> tuple(r.get("record_key"), r.get("reason")))
			.containsExactly(tuple("RX002", "bad_checksum"), tuple("RX003", "missing_required"),
					tuple("RX004", "unknown_person"), tuple("RX005", "missing_required"));
		String raw = this.jdbc.queryForObject(
				"SELECT raw_values::text FROM ops.rejected_row WHERE run_id = ? AND record_key = 'RX005'", String.class,
				run);
		// kept as written, in the query's column order (json, not jsonb, which sorted
		// them)
		assertThat(raw).startsWith("{\"serial_no\":\"RX005\",\"id_card\":").contains("\"drug\":\"血常规\"");
		assertThat(this.jdbc.queryForObject(
				"SELECT detail FROM ops.rejected_row WHERE run_id = ? AND record_key = 'RX004'", String.class, run))
			.doesNotContain(LIANG);
		assertThat(count("SELECT count(*) FROM dw.medical_service")).isEqualTo(2);
	}

	@Test
	void aRejectedRecordShowsItsNumberAndKeyOnTheRunPageAndInTheExport() throws Exception {
		this.partner.insert(
				rows(row("RX001", LI, "2026-11-01", "阿司匹林", "12.50", 0), row("RX002", CHEN, null, "血常规", "12.00", 1)));
		long run = syncNow(source());
		Long number = this.jdbc.queryForObject(
				"SELECT row_number FROM ops.rejected_row WHERE run_id = ? AND record_key = 'RX002'", Long.class, run);
		assertThat(number).isNotNull();
		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		assertThat(admin.get("/runs/" + run).body()).contains("第 " + number + " 行", "<code class=\"key\">RX002</code>");
		byte[] xlsx = admin.getBytes("/runs/" + run + "/rejects.xlsx").body();
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet sheet = wb.getSheetAt(0);
			assertThat(sheet.getRow(3).getCell(2).getStringCellValue()).isEqualTo("位置");
			assertThat(sheet.getRow(3).getCell(3).getStringCellValue()).isEqualTo("记录键");
			Row rejected = sheet.getRow(4);
			// a record of a pull source: no file, its number in the run and its own key
			assertThat(rejected.getCell(0)).isNull();
			assertThat(rejected.getCell(2).getNumericCellValue()).isEqualTo(number.doubleValue());
			assertThat(rejected.getCell(3).getStringCellValue()).isEqualTo("RX002");
			assertThat(rejected.getCell(5).getStringCellValue()).isEqualTo("missing_required");
			assertThat(sheet.getRow(5)).isNull();
		}
	}

	@Test
	void aDatabaseThatIsDownFailsTheRunAndLeavesTheMark() {
		this.partner.insert(rows(row("RX001", LI, "2026-11-01", "阿司匹林", "12.50", 0)));
		syncNow(source());
		Object before = mark();
		this.partner.insert(rows(row("RX002", CHEN, "2026-11-01", "降压片", "36.00", 5)));
		String wrongPort = this.partner.url().replaceFirst(":\\d+/", ":1/");
		long failed = syncNow(source(wrongPort, source().database().query()));
		Map<String, Object> run = run(failed);
		assertThat(run).containsEntry("status", "failed").containsEntry("rows_read", 0L);
		assertThat((String) run.get("error_message")).startsWith("cannot connect to the partner database")
			.contains("the server is down or unreachable")
			.doesNotContain(this.partner.password());
		assertThat(mark()).isEqualTo(before);
		long next = syncNow(source());
		assertThat(run(next)).containsEntry("status", "succeeded").containsEntry("rows_read", 1L);
	}

	@Test
	void aQueryOfAViewThatIsGoneFailsTheRunWithTheReason() {
		long failed = syncNow(
				source(this.partner.url(), "SELECT * FROM vethub.no_such_view WHERE updated_at > :#watermark"));
		assertThat((String) run(failed).get("error_message")).startsWith("the partner database")
			.contains("refused the query")
			.contains("does not exist, or the user may not read it");
		assertThat(mark()).isNull();
	}

	@Test
	void aFullResyncReadsEverythingAgainWithoutDoublingAnything() {
		this.partner.insert(rows(row("RX001", LI, "2026-11-01", "阿司匹林", "12.50", 0),
				row("RX002", CHEN, "2026-11-01", "降压片", "36.00", 1)));
		syncNow(source());
		long full = this.sync.syncNow(source(), RunTrigger.MANUAL, true).orElseThrow();
		assertThat(run(full)).containsEntry("rows_read", 2L);
		assertThat(count("SELECT count(*) FROM dw.medical_service")).isEqualTo(2);
	}

	@Test
	void rowsSharingAWatermarkAreCommittedTogetherAcrossBatches() {
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < 250; i++) {
			// 100 rows at minute 0, 150 stamped by one bulk update at minute 1
			rows.add(row("RX" + (1000 + i), (i % 2 == 0) ? LI : CHEN, "2026-11-01", "药品" + i, "1.00",
					(i < 100) ? 0 : 1));
		}
		this.partner.insert(rows);
		long run = syncNow(source());
		assertThat(run(run)).containsEntry("rows_read", 250L).containsEntry("rows_loaded", 250L);
		assertThat(mark()).isEqualTo(Timestamp.valueOf(T0.plusMinutes(1)));
	}

	@Test
	void startingThroughThePullSourceRunsInTheBackground() {
		this.partner.insert(rows(row("RX001", LI, "2026-11-01", "阿司匹林", "12.50", 0)));
		SyncStart start = this.sync.start(source(), RunTrigger.MANUAL, false);
		assertThat(start.started()).isTrue();
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.sync.isRunning("pharmacy-db-test"));
		assertThat(this.jdbc.queryForMap(
				"SELECT trigger, status, rows_loaded FROM ops.ingest_run WHERE source_id = 'pharmacy-db-test'"))
			.containsEntry("trigger", "manual")
			.containsEntry("status", "succeeded")
			.containsEntry("rows_loaded", 1L);
	}

	@Test
	void aSourceWhosePasswordIsNotSetIsRefusedAsMisconfiguredAndNoRunIsRecorded() {
		assumeTrue(System.getenv("PHARMACY_DB_PASSWORD") == null, "PHARMACY_DB_PASSWORD is set on this machine");
		// the shipped example, enabled as IT staff would, without setting its password
		SourceDefinition shipped = this.registry.get("pharmacy-db");
		SourceDefinition enabled = new SourceDefinition(shipped.id(), shipped.kind(), shipped.name(), null, null, null,
				true, null, null, shipped.database());
		SyncStart start = this.sync.start(enabled, RunTrigger.MANUAL, false);
		assertThat(start.started()).isFalse();
		assertThat(start.refusal()).isEqualTo(Refusal.MISCONFIGURED);
		assertThat(start.message()).isEqualTo("Source pharmacy-db is misconfigured: source.database.password is empty: "
				+ "the environment variable PHARMACY_DB_PASSWORD is not set");
		assertThat(count("SELECT count(*) FROM ops.ingest_run")).isZero();
	}

	@Test
	void theDeclaredExampleIsAListedPullSourceWithItsOwnRouteAndNoCredentials() {
		List<Map<String, Object>> sources = adminApi().get()
			.uri("/api/sources")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		Map<String, Object> example = sources.stream()
			.filter((s) -> "pharmacy-db".equals(s.get("id")))
			.findFirst()
			.orElseThrow();
		assertThat(example).containsEntry("kind", "database")
			.containsEntry("state", "disabled")
			.containsEntry("location", "jdbc:postgresql://localhost:5432/pharmacy");
		assertThat(this.camel.getRoute("pharmacy-db")).isNotNull();
		assertThat(this.camel.getRoute("pharmacy-db").getEndpoint().getEndpointUri()).startsWith("quartz:");
		assertThatThrownBy(() -> adminApi().post().uri("/api/sources/pharmacy-db/sync").retrieve().toBodilessEntity())
			.isInstanceOfSatisfying(HttpClientErrorException.class,
					(ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.CONFLICT))
			.hasMessageContaining("disabled");
	}

	private SourceDefinition source() {
		return source(this.partner.url(), """
				SELECT serial_no, id_card, patient_name, dispensed_on, drug, fee, discount, updated_at
				  FROM vethub.dispensing_v
				 WHERE updated_at > :#watermark""");
	}

	private SourceDefinition source(String url, String query) {
		Map<String, Field> fields = new java.util.LinkedHashMap<>();
		fields.put("serial-no", new Field("serial_no", null, null, null));
		fields.put("id-card", new Field("id_card", null, null, null));
		fields.put("name", new Field("patient_name", null, null, null));
		fields.put("service-date", new Field("dispensed_on", null, null, null));
		fields.put("item", new Field("drug", null, null, null));
		fields.put("fee", new Field("fee", null, null, null));
		fields.put("discount", new Field("discount", null, null, null));
		DatabaseSettings settings = new DatabaseSettings(url, this.partner.user(), this.partner.password(), null, query,
				"updated_at", WatermarkType.TIMESTAMP, 50, 100, Duration.ofSeconds(2), "0 0 3 * * ?", "Asia/Shanghai",
				List.of(new Mapping(Target.MEDICAL_SERVICE, fields, null)));
		return new SourceDefinition("pharmacy-db-test", SourceKind.DATABASE, "测试药房", null, null, null, true, null, null,
				settings);
	}

	private long syncNow(SourceDefinition source) {
		return this.sync.syncNow(source, RunTrigger.MANUAL, false).orElseThrow();
	}

	private static List<Object[]> rows(Object[]... rows) {
		return new ArrayList<>(java.util.Arrays.asList(rows));
	}

	/** A row of the partner's HIS table, updated {@code minute} minutes after T0. */
	private static Object[] row(String serial, String idCard, String date, String drug, String fee, int minute) {
		return new Object[] { serial, idCard, "患者", (date != null) ? Date.valueOf(date) : null, drug,
				new BigDecimal(fee), BigDecimal.ZERO, Timestamp.valueOf(T0.plusMinutes(minute)) };
	}

	private void person(String idCard, String name) {
		this.jdbc.update("""
				INSERT INTO dw.person (id_card, name, gender, birth_date, name_source, name_set_at)
				VALUES (?, ?, 'M', ?, 'province', now())""", idCard, name, Date.valueOf(LocalDate
			.parse(idCard.substring(6, 10) + "-" + idCard.substring(10, 12) + "-" + idCard.substring(12, 14))));
	}

	private Object mark() {
		List<Timestamp> marks = this.jdbc.queryForList(
				"SELECT since FROM ops.sync_mark WHERE source_id = 'pharmacy-db-test' AND endpoint = 'query'",
				Timestamp.class);
		return marks.isEmpty() ? null : marks.get(0);
	}

	private Map<String, Object> run(long id) {
		return this.jdbc.queryForMap("SELECT * FROM ops.ingest_run WHERE id = ?", id);
	}

	private int count(String sql) {
		return this.jdbc.queryForObject(sql, Integer.class);
	}

}
