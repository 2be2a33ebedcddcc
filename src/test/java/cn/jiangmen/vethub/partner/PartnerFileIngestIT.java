package cn.jiangmen.vethub.partner;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Date;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ops.PersonalDataMask;
import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.warehouse.PendingFactResolver;
import cn.jiangmen.vethub.warehouse.PersonMerger;
import cn.jiangmen.vethub.warehouse.PersonObservation;
import cn.jiangmen.vethub.testdata.IdCards;
import cn.jiangmen.vethub.testdata.RawXlsx;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static cn.jiangmen.vethub.partner.PartnerFixtures.CHEN;
import static cn.jiangmen.vethub.partner.PartnerFixtures.HUANG;
import static cn.jiangmen.vethub.partner.PartnerFixtures.LI;
import static cn.jiangmen.vethub.partner.PartnerFixtures.LIANG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Partner files dropped into the running hub's inboxes, end to end: route, parser,
 * warehouse, ledger, feedback, archive and error folders.
 */
class PartnerFileIngestIT extends HubIntegrationTest {

	private static final Charset GBK = Charset.forName("GBK");

	@BeforeEach
	void knownPersons() {
		person(LI, "李𠮷祥", "M", LocalDate.of(1941, 3, 15));
		person(CHEN, "陈志强", "M", LocalDate.of(1944, 8, 2));
		person(HUANG, "黄秀英", "F", LocalDate.of(1939, 12, 30));
	}

	@Test
	void everyPartnerSourceHasItsOwnRouteNamedAfterItOnItsOwnFolder() {
		for (String partner : List.of("eye-hospital", "city-hospital", "insurer")) {
			Route route = this.camel.getRoute(partner);
			assertThat(route).as(partner).isNotNull();
			assertThat(route.getEndpoint().getEndpointUri()).contains("inbox/partners/" + partner);
			assertThat(this.camel.getRouteController().getRouteStatus(partner).isStarted()).isTrue();
		}
	}

	@Test
	void hisTextLoadsGoodRowsAndRejectsEachBadOneForItsReason() throws IOException {
		drop("city-hospital", "his_202611.txt", PartnerFixtures.hisNovember().getBytes(GBK));

		Map<String, Object> run = awaitRun("city-hospital", "his_202611.txt");
		assertThat(run).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 7L)
			.containsEntry("rows_loaded", 2L)
			.containsEntry("rows_rejected", 5L);
		assertThat(this.jdbc.queryForList("""
				SELECT record_key, id_card, service_date, department, item, fee, discount, partner_id, source_id
				  FROM dw.medical_service ORDER BY record_key"""))
			.extracting((r) -> tuple(r.get("record_key"), r.get("id_card"), r.get("service_date"), r.get("department"),
					r.get("item"), r.get("fee"), r.get("discount"), r.get("partner_id"), r.get("source_id")))
			.containsExactly(
					tuple("ZY2026110001", LI, Date.valueOf("2026-11-01"), "眼科", "白内障术后复查", new BigDecimal("320.00"),
							new BigDecimal("96.00"), "city-hospital", "city-hospital"),
					tuple("ZY2026110002", CHEN, Date.valueOf("2026-11-02"), "内科", "门诊诊查", new BigDecimal("50.00"),
							new BigDecimal("50.00"), "city-hospital", "city-hospital"));
		assertThat(rejects(run)).containsExactly(tuple("his_202611.txt", null, 3L, "duplicate_in_file"),
				tuple("his_202611.txt", null, 4L, "invalid_date"), tuple("his_202611.txt", null, 5L, "bad_checksum"),
				tuple("his_202611.txt", null, 6L, "unknown_person"), tuple("his_202611.txt", null, 7L, "bad_amount"));
		assertThat(this.jdbc.queryForMap("""
				SELECT raw_values->>'姓名' AS name, raw_values->>'服务项目' AS item
				  FROM ops.rejected_row WHERE row_number = 7""")).containsEntry("name", "陈志强")
			.containsEntry("item", "血常规");

		String feedback = feedback("city-hospital", "his_202611.txt");
		assertThat(feedback).startsWith("\uFEFF")
			.contains("读取行数,7,入库行数,2,退回行数,4,待人员信息到达后入库行数,1")
			.contains(",4,日期无效,")
			.contains(",7,金额无效,")
			.contains(",5,身份证号码校验位错误,")
			.contains(PersonalDataMask.idCard(IdCards.withWrongCheckDigit(HUANG)))
			.contains(PersonalDataMask.idCard(LIANG))
			.doesNotContain(HUANG)
			.doesNotContain(LIANG);
		assertThat(archived("city-hospital", "his_202611.txt")).isTrue();
	}

	@Test
	void aFailureAfterTheCommitLeavesTheRunSucceededAndTheRedeliveryAnswerKeepsItsRefusedRows() throws IOException {
		// the partner's outbox cannot be written (a file stands in its place): the
		// feedback after the load's commit fails
		Path outbox = DATA_DIR.resolve("outbox/city-hospital");
		Path aside = DATA_DIR.resolve("outbox/city-hospital.aside");
		if (Files.exists(outbox)) {
			Files.move(outbox, aside);
		}
		Files.writeString(outbox, "in the way");
		Path inbox = DATA_DIR.resolve("inbox/partners/city-hospital/his_after_commit.txt");
		long run;
		try {
			drop("city-hospital", "his_after_commit.txt", PartnerFixtures.hisNovember().getBytes(GBK));
			run = await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> this.jdbc.queryForList(
						"SELECT id FROM ops.ingest_run WHERE file_name = ? AND status = 'succeeded'", Long.class,
						"his_after_commit.txt"), (ids) -> !ids.isEmpty())
				.get(0);
		}
		finally {
			Files.delete(outbox);
			if (Files.exists(aside)) {
				Files.move(aside, outbox);
			}
		}
		assertThat(this.jdbc.queryForMap("SELECT * FROM ops.ingest_run WHERE id = ?", run))
			.as("marked succeeded with the load, not failed by the feedback after it")
			.containsEntry("rows_read", 7L)
			.containsEntry("rows_loaded", 2L)
			.containsEntry("rows_rejected", 5L);

		await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(inbox));
		List<String> statuses = this.jdbc.queryForList(
				"SELECT status FROM ops.ingest_run WHERE file_name = 'his_after_commit.txt' ORDER BY id", String.class);
		assertThat(statuses).as("loaded once, then answered as a re-delivery")
			.startsWith("succeeded")
			.endsWith("skipped_duplicate")
			.containsOnlyOnce("succeeded");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.medical_service", Long.class)).isEqualTo(2);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM ops.rejected_row WHERE file_name = ?", Long.class,
				"his_after_commit.txt"))
			.as("the refused rows recorded once")
			.isEqualTo(5);
		// the answer the sender gets is the re-delivery's: it still names every row the
		// load could not take, the waiting one as waiting
		String feedback = feedback("city-hospital", "his_after_commit.txt");
		assertThat(feedback).contains("读取行数,0,入库行数,0,退回行数,0")
			.contains("与第 " + run + " 次运行已入库的文件内容完全相同，未重复入库；下列 5 行是第 " + run + " 次运行未能入库、至今仍未入库的行")
			.contains(",3," + RejectReason.DUPLICATE_IN_FILE.labelZh() + ",")
			.contains(",4," + RejectReason.INVALID_DATE.labelZh() + ",")
			.contains(",5," + RejectReason.BAD_CHECKSUM.labelZh() + ",")
			.contains(",6," + RejectReason.UNKNOWN_PERSON.labelZh() + ",")
			.contains(",7," + RejectReason.BAD_AMOUNT.labelZh() + ",")
			.contains(PersonalDataMask.idCard(LIANG))
			.doesNotContain(HUANG)
			.doesNotContain(LIANG);
		assertThat(archived("city-hospital", "his_after_commit.txt")).isTrue();
	}

	@Test
	void aGarbledNameIsStillAValidRowLinkedByIdNumber() throws IOException {
		drop("city-hospital", "his_garbled.txt", ("""
				流水号|就诊日期|姓名|身份证号|科室|服务项目|总费用|减免金额
				ZY2026120001|20261201|李?祥|%s|眼科|视力复查|30.00|30.00
				TOTAL|1
				""".formatted(LI)).getBytes(GBK));

		assertThat(awaitRun("city-hospital", "his_garbled.txt")).containsEntry("rows_loaded", 1L);
		assertThat(this.jdbc.queryForObject("SELECT id_card FROM dw.medical_service WHERE record_key = 'ZY2026120001'",
				String.class))
			.isEqualTo(LI);
		assertThat(this.jdbc.queryForObject("SELECT name FROM dw.person WHERE id_card = ?", String.class, LI))
			.as("a partner never changes a person")
			.isEqualTo("李𠮷祥");
	}

	@Test
	void aHisFileWhoseTrailerCountDiffersIsRefusedWhole() throws IOException {
		String cut = PartnerFixtures.hisLines().lines().limit(4).reduce("", (a, b) -> a + b + "\r\n") + "TOTAL|7\r\n";
		drop("city-hospital", "his_cut.txt", cut.getBytes(GBK));

		Map<String, Object> run = awaitRun("city-hospital", "his_cut.txt");
		assertThat(run).containsEntry("status", "unreadable").containsEntry("rows_loaded", 0L);
		assertThat((String) run.get("error_message")).contains("结尾行声明 7 条数据，文件实有 3 条");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.medical_service", Long.class)).isZero();
		assertThat(rejects(run)).containsExactly(tuple("his_cut.txt", null, null, "unreadable_file"));
		assertThat(Files.exists(DATA_DIR.resolve("error/city-hospital/his_cut.txt"))).isTrue();
		assertThat(feedback("city-hospital", "his_cut.txt")).contains("文件无法读取").contains("结尾行声明 7 条数据");
	}

	@Test
	void aHisFileWithoutItsTrailerWasCutOffAndIsRefused() throws IOException {
		drop("city-hospital", "his_notrailer.txt", PartnerFixtures.hisLines().getBytes(GBK));

		Map<String, Object> run = awaitRun("city-hospital", "his_notrailer.txt");
		assertThat(run).containsEntry("status", "unreadable");
		assertThat((String) run.get("error_message")).contains("缺少结尾行“TOTAL|<数据行数>”");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.medical_service", Long.class)).isZero();
	}

	@Test
	void aFileStillBeingCopiedIsReadOnlyOnceComplete() throws IOException {
		byte[] whole = PartnerFixtures.hisNovember().getBytes(GBK);
		Path target = DATA_DIR.resolve("inbox/partners/city-hospital/his_slow.txt");
		try (OutputStream out = Files.newOutputStream(target)) {
			AtomicInteger written = new AtomicInteger(whole.length / 2);
			out.write(whole, 0, written.get());
			out.flush();
			// a slow network copy: a few bytes arrive every 50 ms, for several poll and
			// check intervals
			await().pollInterval(Duration.ofMillis(50))
				.during(Duration.ofMillis(1500))
				.atMost(Duration.ofSeconds(5))
				.until(() -> {
					out.write(whole[written.getAndIncrement()]);
					out.flush();
					return runsOf("his_slow.txt") == 0;
				});
			out.write(whole, written.get(), whole.length - written.get());
		}

		assertThat(awaitRun("city-hospital", "his_slow.txt")).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 7L);
		assertThat(runsOf("his_slow.txt")).isEqualTo(1);
	}

	@Test
	void eyeHospitalCsvLoadsWithAKeyOfDateIdAndItem() throws IOException {
		drop("eye-hospital", "eye_202611.csv", PartnerFixtures.eyeNovember().getBytes(StandardCharsets.UTF_8));

		Map<String, Object> run = awaitRun("eye-hospital", "eye_202611.csv");
		assertThat(run).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 5L)
			.containsEntry("rows_loaded", 2L)
			.containsEntry("rows_rejected", 3L);
		assertThat(this.jdbc.queryForList(
				"SELECT id_card, service_date, item, fee, discount FROM dw.medical_service ORDER BY service_date"))
			.extracting((r) -> tuple(r.get("id_card"), r.get("service_date"), r.get("item"), r.get("fee"),
					r.get("discount")))
			.containsExactly(
					tuple(LI, Date.valueOf("2026-11-03"), "视力检查", new BigDecimal("30.00"), new BigDecimal("30.00")),
					tuple(CHEN, Date.valueOf("2026-11-05"), "眼底照相", new BigDecimal("1200.00"),
							new BigDecimal("200.00")));
		assertThat(this.jdbc.queryForList("SELECT record_key FROM dw.medical_service", String.class))
			.allMatch((key) -> key.matches("[0-9a-f]{64}"));
		assertThat(rejects(run)).containsExactly(tuple("eye_202611.csv", null, 5L, "id_lost_precision"),
				tuple("eye_202611.csv", null, 6L, "missing_required"),
				tuple("eye_202611.csv", null, 7L, "unknown_person"));
	}

	@Test
	void anUpperCaseExtensionAsWindowsCopiesWriteItIsTakenToo() throws IOException {
		drop("eye-hospital", "EYE_202611.CSV", PartnerFixtures.eyeNovember().getBytes(StandardCharsets.UTF_8));

		assertThat(awaitRun("eye-hospital", "EYE_202611.CSV")).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 5L)
			.containsEntry("rows_loaded", 2L);
		assertThat(archived("eye-hospital", "EYE_202611.CSV")).isTrue();
		assertThat(Files.exists(DATA_DIR.resolve("inbox/partners/eye-hospital/EYE_202611.CSV"))).isFalse();
	}

	@Test
	void aRenamedByteIdenticalRedeliveryIsSkippedAndNewFilesWithTheSameRecordsNeverDoubleCount() throws IOException {
		byte[] november = PartnerFixtures.eyeNovember().getBytes(StandardCharsets.UTF_8);
		drop("eye-hospital", "eye_first.csv", november);
		assertThat(awaitRun("eye-hospital", "eye_first.csv")).containsEntry("status", "succeeded");

		drop("eye-hospital", "eye_again_renamed.csv", november);
		Map<String, Object> again = awaitRun("eye-hospital", "eye_again_renamed.csv");
		assertThat(again).containsEntry("status", "skipped_duplicate").containsEntry("rows_loaded", 0L);
		assertThat(feedback("eye-hospital", "eye_again_renamed.csv")).contains("文件内容完全相同，未重复入库");
		assertThat(archived("eye-hospital", "eye_again_renamed.csv")).isTrue();

		String corrected = PartnerFixtures.eyeNovember().replace("\"1,200.00\",200", "1180.00,180") + "\n";
		drop("eye-hospital", "eye_corrected.csv", corrected.getBytes(StandardCharsets.UTF_8));
		assertThat(awaitRun("eye-hospital", "eye_corrected.csv")).containsEntry("status", "succeeded")
			.containsEntry("rows_loaded", 2L);

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.medical_service", Long.class)).isEqualTo(2);
		assertThat(this.jdbc.queryForObject("SELECT fee FROM dw.medical_service WHERE id_card = ?", BigDecimal.class,
				CHEN))
			.as("the newer delivery of a record wins")
			.isEqualByComparingTo("1180.00");
	}

	@Test
	void aWaitingFactIsLoadedWhenItsPersonArrives() throws IOException {
		drop("eye-hospital", "eye_waiting.csv", PartnerFixtures.eyeNovember().getBytes(StandardCharsets.UTF_8));
		Map<String, Object> run = awaitRun("eye-hospital", "eye_waiting.csv");
		Map<String, Object> waiting = this.jdbc.queryForMap("""
				SELECT fact_table, id_card, payload->>'partner_id' AS partner, payload->>'run_id' AS run
				  FROM ops.rejected_row WHERE reason = 'unknown_person'""");
		assertThat(waiting).containsEntry("fact_table", "dw.medical_service")
			.containsEntry("id_card", LIANG)
			.containsEntry("partner", "eye-hospital")
			.containsEntry("run", run.get("id").toString());

		long provinceRun = this.ledger.start("province", RunTrigger.SCHEDULE, null, null);
		new TransactionTemplate(this.transactions).executeWithoutResult((tx) -> {
			try (PersonMerger.Batch batch = this.merger.begin(provinceRun)) {
				batch.add(new PersonObservation(LIANG, "province", PersonObservation.Kind.PROVINCE,
						OffsetDateTime.parse("2026-12-01T08:00:00+08:00"), "P-001", "梁振邦", "退役士兵", "中共党员", null, null,
						null, null, null, null));
				assertThat(batch.apply().factsResolved()).isEqualTo(1);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});

		assertThat(this.jdbc
			.queryForMap("SELECT service_date, item, fee, partner_id FROM dw.medical_service WHERE id_card = ?", LIANG))
			.containsEntry("service_date", Date.valueOf("2026-11-20"))
			.containsEntry("item", "视力检查")
			.containsEntry("partner_id", "eye-hospital");
		assertThat(this.jdbc.queryForObject(
				"SELECT resolved_at IS NOT NULL FROM ops.rejected_row WHERE reason = 'unknown_person'", Boolean.class))
			.isTrue();
	}

	@Test
	void aNewerDeliveryOfAWaitingRecordIsTheOneLoadedWhenItsPersonArrives() throws IOException {
		drop("eye-hospital", "eye_wait_1.csv", PartnerFixtures.eyeNovember().getBytes(StandardCharsets.UTF_8));
		Map<String, Object> first = awaitRun("eye-hospital", "eye_wait_1.csv");
		String corrected = PartnerFixtures.eyeNovember()
			.replace("2026-11-20,梁振邦," + LIANG + ",视力检查,30,30", "2026-11-20,梁振邦," + LIANG + ",视力检查,25,25");
		assertThat(corrected).isNotEqualTo(PartnerFixtures.eyeNovember());
		drop("eye-hospital", "eye_wait_2.csv", corrected.getBytes(StandardCharsets.UTF_8));
		Map<String, Object> second = awaitRun("eye-hospital", "eye_wait_2.csv");

		assertThat(this.jdbc.queryForList("""
				SELECT run_id, resolved_run_id FROM ops.rejected_row WHERE reason = 'unknown_person' ORDER BY id"""))
			.extracting((r) -> tuple(r.get("run_id"), r.get("resolved_run_id")))
			.containsExactly(tuple(first.get("id"), second.get("id")), tuple(second.get("id"), null));

		person(LIANG, "梁振邦", "M", LocalDate.of(1945, 5, 9));
		this.jdbc.execute((java.sql.Connection con) -> this.resolver.resolve(con, (Long) second.get("id")));
		assertThat(this.jdbc.queryForObject("SELECT fee FROM dw.medical_service WHERE id_card = ?", BigDecimal.class,
				LIANG))
			.isEqualByComparingTo("25.00");
	}

	@Test
	void aFileInOnePartnersFolderOnlyEverYieldsFactsForThatPartner() throws IOException {
		// the HIS's file, put by mistake into the eye hospital's folder: read as the eye
		// hospital's format, refused
		drop("eye-hospital", "his_in_wrong_folder.csv", PartnerFixtures.hisNovember().getBytes(StandardCharsets.UTF_8));
		assertThat(awaitRun("eye-hospital", "his_in_wrong_folder.csv")).containsEntry("status", "unreadable");
		drop("eye-hospital", "eye_isolated.csv", PartnerFixtures.eyeNovember().getBytes(StandardCharsets.UTF_8));
		awaitRun("eye-hospital", "eye_isolated.csv");

		assertThat(this.jdbc.queryForList("SELECT DISTINCT partner_id, source_id FROM dw.medical_service"))
			.containsExactly(Map.of("partner_id", "eye-hospital", "source_id", "eye-hospital"));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM ops.ingest_run WHERE source_id <> 'eye-hospital'",
				Long.class))
			.isZero();
	}

	@Test
	void insurerWorkbookLoadsPoliciesAndClaimsFromTheSheetsItRecognises() throws IOException {
		Path xlsx = DATA_DIR.resolve("insurer_2026H1.xlsx.tmp-fixture");
		PartnerFixtures.insurerWorkbook(xlsx);
		drop("insurer", "insurer_2026H1.xlsx", Files.readAllBytes(xlsx));

		Map<String, Object> run = awaitRun("insurer", "insurer_2026H1.xlsx");
		assertThat(run).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 6L)
			.containsEntry("rows_loaded", 3L)
			.containsEntry("rows_rejected", 3L);
		assertThat(this.jdbc.queryForList("""
				SELECT policy_no, id_card, start_date, end_date, premium, sum_insured
				  FROM dw.insurance_policy ORDER BY policy_no"""))
			.extracting((r) -> tuple(r.get("policy_no"), r.get("id_card"), r.get("start_date"), r.get("end_date"),
					r.get("premium"), r.get("sum_insured")))
			.containsExactly(
					tuple("P4407202600001", LI, Date.valueOf("2026-01-01"), Date.valueOf("2026-12-31"),
							new BigDecimal("150.00"), new BigDecimal("100000.00")),
					tuple("P4407202600002", CHEN, Date.valueOf("2026-01-01"), Date.valueOf("2026-12-31"),
							new BigDecimal("150.00"), new BigDecimal("100000.00")));
		assertThat(this.jdbc.queryForMap("""
				SELECT claim_no, policy_no, id_card, incident_date, closed_date, cause, paid_amount, partner_id
				  FROM dw.insurance_claim""")).containsEntry("claim_no", "C2026000101")
			.containsEntry("policy_no", "P4407202600001")
			.containsEntry("id_card", LI)
			.containsEntry("incident_date", Date.valueOf("2026-03-08"))
			.containsEntry("closed_date", Date.valueOf("2026-04-02"))
			.containsEntry("cause", "跌倒致左腕骨折")
			.containsEntry("paid_amount", new BigDecimal("8600.00"))
			.containsEntry("partner_id", "insurer");
		assertThat(rejects(run)).containsExactly(tuple("insurer_2026H1.xlsx", "承保清单", 6L, "id_lost_precision"),
				tuple("insurer_2026H1.xlsx", "承保清单", 7L, "invalid_date"),
				tuple("insurer_2026H1.xlsx", "理赔清单", 5L, "bad_amount"));
		assertThat(feedback("insurer", "insurer_2026H1.xlsx")).contains("承保清单,6,").contains("理赔清单,5,金额无效");
	}

	@Test
	void premiumsAndClaimsStoredAsExcelWritesThemLoadAsTheFenExcelShows() throws IOException {
		// the <v> texts Excel writes for 1,234.57, 4,567.80, 0.30 and 12.345 typed into
		// cells; dates as styled serials, one a computed time just before midnight
		Path xlsx = new RawXlsx().row("承保清单", "保单号", "被保险人", "证件号码", "生效日期", "终止日期", "保费", "保额")
			.row("承保清单", "P4407202600001", "李𠮷祥", LI, RawXlsx.date("46023"), RawXlsx.date("46387"),
					RawXlsx.number("1234.5699999999999"), RawXlsx.number("100000"))
			.row("承保清单", "P4407202600002", "陈志强", CHEN, RawXlsx.date("46022.999999999993"), RawXlsx.shortDate("46387"),
					RawXlsx.number("0.30000000000000004"), RawXlsx.number("99999.990000000005"))
			.row("承保清单", "P4407202600003", "黄秀英", HUANG, RawXlsx.date("46023"), RawXlsx.date("46387"),
					RawXlsx.number("12.345"), RawXlsx.number("100000"))
			.row("理赔清单", "赔案号", "保单号", "被保险人", "证件号码", "出险日期", "结案日期", "出险原因", "赔付金额（元）")
			.row("理赔清单", "C2026000101", "P4407202600001", "李𠮷祥", LI, RawXlsx.date("46089"), RawXlsx.date("46114"),
					"跌倒致左腕骨折", RawXlsx.number("4567.8000000000002"))
			.writeTo(DATA_DIR.resolve("insurer_excel.xlsx.tmp-fixture"));
		drop("insurer", "insurer_excel.xlsx", Files.readAllBytes(xlsx));

		Map<String, Object> run = awaitRun("insurer", "insurer_excel.xlsx");
		assertThat(run).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 4L)
			.containsEntry("rows_loaded", 3L)
			.containsEntry("rows_rejected", 1L);
		assertThat(this.jdbc.queryForList("""
				SELECT policy_no || '|' || start_date || '|' || end_date || '|' || premium || '|' || sum_insured
				  FROM dw.insurance_policy ORDER BY policy_no""", String.class)).containsExactly(
				"P4407202600001|2026-01-01|2026-12-31|1234.57|100000.00",
				"P4407202600002|2026-01-01|2026-12-31|0.30|99999.99");
		assertThat(this.jdbc.queryForObject(
				"SELECT claim_no || '|' || incident_date || '|' || paid_amount FROM dw.insurance_claim", String.class))
			.isEqualTo("C2026000101|2026-03-08|4567.80");
		assertThat(rejects(run)).containsExactly(tuple("insurer_excel.xlsx", "承保清单", 4L, "bad_amount"));
		assertThat(this.jdbc.queryForObject("SELECT detail FROM ops.rejected_row WHERE run_id = ?", String.class,
				run.get("id")))
			.contains("12.345");
	}

	@Test
	void feesInTextSavedAtFullPrecisionLoadAsTheFenExcelShowsInGbkAndUtf8() throws IOException {
		drop("city-hospital", "his_full_precision.txt", ("""
				流水号|就诊日期|姓名|身份证号|科室|服务项目|总费用|减免金额
				H1|20261101|李?祥|%1$s|眼科|白内障术后复查|1234.5699999999999|0.30000000000000004
				H2|20261102|陈志强|%2$s|内科|门诊诊查|45.5|12.3400000000000001
				TOTAL|2
				""".formatted(LI, CHEN)).getBytes(GBK));
		drop("eye-hospital", "eye_full_precision.csv", ("""
				就诊日期,姓名,身份证号,检查项目,费用合计,优惠金额
				2026-11-03,黄秀英,%1$s,眼底照相,"4,567.8000000000002",4567.8000000000002
				""".formatted(HUANG)).getBytes(StandardCharsets.UTF_8));

		Map<String, Object> his = awaitRun("city-hospital", "his_full_precision.txt");
		Map<String, Object> eye = awaitRun("eye-hospital", "eye_full_precision.csv");
		assertThat(his).containsEntry("rows_loaded", 1L).containsEntry("rows_rejected", 1L);
		assertThat(eye).containsEntry("rows_loaded", 1L).containsEntry("rows_rejected", 0L);
		assertThat(this.jdbc.queryForList(
				"SELECT partner_id || '|' || fee || '|' || discount FROM dw.medical_service ORDER BY partner_id",
				String.class))
			.containsExactly("city-hospital|1234.57|0.30", "eye-hospital|4567.80|4567.80");
		assertThat(rejects(his)).containsExactly(tuple("his_full_precision.txt", null, 3L, "bad_amount"));
	}

	@Test
	void aTruncatedWorkbookIsUnreadableAndNothingIsLoaded() throws IOException {
		Path xlsx = DATA_DIR.resolve("insurer_cut.xlsx.tmp-fixture");
		PartnerFixtures.insurerWorkbook(xlsx);
		byte[] whole = Files.readAllBytes(xlsx);
		drop("insurer", "insurer_cut.xlsx", java.util.Arrays.copyOf(whole, whole.length * 2 / 3));

		Map<String, Object> run = awaitRun("insurer", "insurer_cut.xlsx");
		assertThat(run).containsEntry("status", "unreadable");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.insurance_policy", Long.class)).isZero();
		assertThat(Files.exists(DATA_DIR.resolve("error/insurer/insurer_cut.xlsx"))).isTrue();
	}

	@Test
	void theDemoSamplesLoadAsDocumented() throws IOException {
		PartnerFixtures.People demo = PartnerSamplesWriter.DEMO;
		person(demo.li().id(), demo.li().name(), "M", LocalDate.of(1941, 7, 10));
		person(demo.chen().id(), demo.chen().name(), "M", LocalDate.of(1939, 11, 4));
		person(demo.huang().id(), demo.huang().name(), "F", LocalDate.of(1959, 11, 30));
		Path samples = Path.of("samples/partners");
		drop("city-hospital", "his_202611.txt", Files.readAllBytes(samples.resolve("city-hospital/his_202611.txt")));
		drop("eye-hospital", "eye_202611.csv", Files.readAllBytes(samples.resolve("eye-hospital/eye_202611.csv")));
		drop("insurer", "insurer_2026H1.xlsx", Files.readAllBytes(samples.resolve("insurer/insurer_2026H1.xlsx")));

		assertThat(awaitRun("city-hospital", "his_202611.txt")).containsEntry("rows_read", 7L)
			.containsEntry("rows_loaded", 2L)
			.containsEntry("rows_rejected", 5L);
		assertThat(awaitRun("eye-hospital", "eye_202611.csv")).containsEntry("rows_read", 5L)
			.containsEntry("rows_loaded", 2L)
			.containsEntry("rows_rejected", 3L);
		assertThat(awaitRun("insurer", "insurer_2026H1.xlsx")).containsEntry("rows_read", 6L)
			.containsEntry("rows_loaded", 3L)
			.containsEntry("rows_rejected", 3L);
		String documented = Files.readString(Path.of("docs/sources.md"), StandardCharsets.UTF_8);
		String feedback = feedback("city-hospital", "his_202611.txt").substring(1).replace("\r\n", "\n");
		assertThat(documented).as("docs/sources.md shows the sample's feedback file").contains(feedback);
	}

	@Autowired
	private CamelContext camel;

	@Autowired
	private PersonMerger merger;

	@Autowired
	private PendingFactResolver resolver;

	@Autowired
	private RunLedger ledger;

	@Autowired
	private PlatformTransactionManager transactions;

	private void person(String idCard, String name, String gender, LocalDate birth) {
		this.jdbc.update("""
				INSERT INTO dw.person (id_card, name, gender, birth_date, name_source, name_set_at)
				VALUES (?, ?, ?, ?, 'province', now())""", idCard, name, gender, Date.valueOf(birth));
	}

	private void drop(String partner, String name, byte[] content) throws IOException {
		Path staging = Files.createTempFile(DATA_DIR, ".drop-", ".tmp");
		Files.write(staging, content);
		Files.move(staging, DATA_DIR.resolve("inbox/partners").resolve(partner).resolve(name),
				StandardCopyOption.ATOMIC_MOVE);
	}

	private Map<String, Object> awaitRun(String source, String fileName) {
		return await().atMost(Duration.ofSeconds(30)).until(() -> {
			List<Map<String, Object>> runs = this.jdbc.queryForList("""
					SELECT * FROM ops.ingest_run WHERE source_id = ? AND file_name = ? AND status <> 'running'""",
					source, fileName);
			return runs.isEmpty() ? null : runs.get(0);
		}, (r) -> r != null);
	}

	private List<org.assertj.core.groups.Tuple> rejects(Map<String, Object> run) {
		return this.jdbc
			.queryForList(
					"SELECT file_name, sheet, row_number, reason FROM ops.rejected_row WHERE run_id = ? ORDER BY id",
					run.get("id"))
			.stream()
			.map((r) -> tuple(r.get("file_name"), r.get("sheet"), r.get("row_number"), r.get("reason")))
			.toList();
	}

	private long runsOf(String fileName) {
		return this.jdbc.queryForObject("SELECT count(*) FROM ops.ingest_run WHERE file_name = ?", Long.class,
				fileName);
	}

	private String feedback(String partner, String fileName) throws IOException {
		Path file = DATA_DIR.resolve("outbox").resolve(partner).resolve(fileName + ".回执.csv");
		return Files.readString(file, StandardCharsets.UTF_8);
	}

	/**
	 * Whether the file reaches the partner's archive: it is moved there after its run is
	 * committed, so a test that has seen the run succeed waits a little for the move.
	 */
	private boolean archived(String partner, String fileName) {
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> inArchive(partner, fileName));
			return true;
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			return false;
		}
	}

	private boolean inArchive(String partner, String fileName) throws IOException {
		Path archive = DATA_DIR.resolve("archive").resolve(partner);
		if (!Files.isDirectory(archive)) {
			return false;
		}
		try (Stream<Path> files = Files.walk(archive)) {
			return files.anyMatch((p) -> p.getFileName().toString().equals(fileName));
		}
	}

}
