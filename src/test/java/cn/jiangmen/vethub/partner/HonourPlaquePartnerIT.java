package cn.jiangmen.vethub.partner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ops.PersonalDataMask;
import cn.jiangmen.vethub.testdata.IdCards;
import cn.jiangmen.vethub.testdata.RawXlsx;
import cn.jiangmen.vethub.warehouse.PendingFactResolver;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static cn.jiangmen.vethub.partner.LinesOfWorkFixtures.day;
import static cn.jiangmen.vethub.testdata.RawXlsx.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Honour plaques (光荣牌) sent by a partner, the veterans' service centre
 * (config/sources/service-centre.yml), rather than by a county: the same target
 * ({@code honour_plaque}), checks and reject vocabulary as the county plaque sheet, towns
 * looked up city-wide, re-deliveries updating their plaque, unknown persons waiting, and
 * the hanging rate of {@code dw.v_report_plaques} counting the plaques where their
 * persons live.
 */
class HonourPlaquePartnerIT extends HubIntegrationTest {

	/** 鹤山, 退役士兵. */
	static final String LI = IdCards.valid("440784", LocalDate.of(1979, 8, 20), 3, true);

	/** 江海, 烈士遗属. */
	static final String CHEN = IdCards.valid("440704", LocalDate.of(1990, 1, 1), 20, false);

	/** 鹤山, 伤残军人. */
	static final String WANG = IdCards.valid("440784", LocalDate.of(1958, 2, 3), 8, true);

	/** 鹤山, 退役士兵: not in the warehouse until the test adds him. */
	static final String LIANG = IdCards.valid("440784", LocalDate.of(1966, 10, 1), 77, true);

	@Autowired
	private PendingFactResolver resolver;

	@Test
	void aPartnersPlaqueRegisterLoadsThroughTheSharedTargetWithTheSharedRejects() throws IOException {
		person(LI, "李国强", LocalDate.of(1979, 8, 20), "440784", "退役士兵");
		person(CHEN, "陈美玲", LocalDate.of(1990, 1, 1), "440704", "烈士遗属");
		person(WANG, "王德明", LocalDate.of(1958, 2, 3), "440784", "伤残军人");

		Map<String, Object> run = dropAndAwait("光荣牌悬挂登记_2026.xlsx", register("未悬挂"));

		assertThat(run).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 10L)
			.containsEntry("rows_loaded", 3L)
			.containsEntry("rows_rejected", 7L);
		assertThat(this.jdbc.queryForList("""
				SELECT plaque_no || '|' || id_card || '|' || status || '|' || coalesce(hung_date::text, '-') || '|'
				       || coalesce(town, '-') || '|' || coalesce(village, '-') || '|' || coalesce(county_code, '-')
				       || '|' || source_id || '|' || partner_id || '|' || sheet || '!' || row_number
				  FROM dw.honour_plaque ORDER BY plaque_no""", String.class)).containsExactly(
				"GRP-0001|" + LI + "|已悬挂|2026-03-05|沙坪街道|越塘村|-|service-centre|service-centre|光荣牌!4",
				"GRP-0002|" + CHEN + "|未悬挂|-|外海街道|-|-|service-centre|service-centre|光荣牌!5",
				"GRP-0003|" + WANG + "|未悬挂|-|龙口镇|-|-|service-centre|service-centre|光荣牌!7");
		assertThat(this.jdbc.queryForList("""
				SELECT row_number || '|' || reason || '|' || (raw_values->>'户主姓名') || '|' || file_name
				  FROM ops.rejected_row WHERE run_id = ? ORDER BY row_number""", String.class, run.get("id")))
			.containsExactly("6|duplicate_in_file|王德明|光荣牌悬挂登记_2026.xlsx", "8|unknown_person|梁振邦|光荣牌悬挂登记_2026.xlsx",
					"9|bad_checksum|王德明|光荣牌悬挂登记_2026.xlsx", "10|invalid_date|王德明|光荣牌悬挂登记_2026.xlsx",
					"11|bad_value|王德明|光荣牌悬挂登记_2026.xlsx", "12|unknown_town|王德明|光荣牌悬挂登记_2026.xlsx",
					"13|missing_required|王德明|光荣牌悬挂登记_2026.xlsx");
		assertThat(this.jdbc.queryForObject(
				"SELECT detail FROM ops.rejected_row WHERE run_id = ? AND reason = 'bad_value'", String.class,
				run.get("id")))
			.isEqualTo("悬挂情况为未悬挂，但填写了悬挂日期");
		assertThat(this.jdbc.queryForObject(
				"SELECT detail FROM ops.rejected_row WHERE run_id = ? AND reason = 'unknown_town'", String.class,
				run.get("id")))
			.isEqualTo("镇街“白沙”不是本市的镇街（或简称不唯一）");
		assertThat(this.jdbc.queryForMap("""
				SELECT fact_table, record_key, payload->>'partner_id' AS partner, payload->>'town' AS town
				  FROM ops.rejected_row WHERE run_id = ? AND reason = 'unknown_person'""", run.get("id")))
			.containsEntry("fact_table", "dw.honour_plaque")
			.containsEntry("record_key", "GRP-0004")
			.containsEntry("partner", "service-centre")
			.containsEntry("town", "共和镇");
		String feedback = feedback("光荣牌悬挂登记_2026.xlsx");
		assertThat(feedback).contains("读取行数,10,入库行数,3,退回行数,6,待人员信息到达后入库行数,1")
			.contains("光荣牌,11,代码或取值无法识别")
			.contains("光荣牌,12,镇街不属于本县（市、区）")
			.contains(PersonalDataMask.idCard(LIANG));
		for (String id : List.of(LI, CHEN, WANG, LIANG)) {
			assertThat(feedback).doesNotContain(id);
		}
		// eligible: 李国强, 王德明 in 鹤山, 陈美玲 in 江海; hung: 李国强 (GRP-0003 of 王德明 was
		// superseded by its later row, 未悬挂)
		assertThat(plaqueReport()).containsExactly("440704|1|0|0.0", "440784|2|1|50.0", "total|3|1|33.3");

		// the corrected register: GRP-0002 is hung now; the unchanged plaques keep their
		// run
		Map<String, Object> again = dropAndAwait("光荣牌悬挂登记_2026_更正.xlsx", register("是"));
		assertThat(this.jdbc.queryForList(
				"SELECT plaque_no || '|' || status || '|' || run_id FROM dw.honour_plaque ORDER BY plaque_no",
				String.class))
			.containsExactly("GRP-0001|已悬挂|" + run.get("id"), "GRP-0002|已悬挂|" + again.get("id"),
					"GRP-0003|未悬挂|" + run.get("id"));
		assertThat(plaqueReport()).containsExactly("440704|1|1|100.0", "440784|2|1|50.0", "total|3|2|66.7");

		// the household of GRP-0004 arrives: its newest delivery loads
		person(LIANG, "梁振邦", LocalDate.of(1966, 10, 1), "440784", "退役士兵");
		this.jdbc.execute((java.sql.Connection con) -> this.resolver.resolve(con, (Long) again.get("id")));
		assertThat(this.jdbc
			.queryForObject("SELECT status || '|' || hung_date || '|' || town || '|' || run_id FROM dw.honour_plaque"
					+ " WHERE plaque_no = 'GRP-0004'", String.class))
			.isEqualTo("已悬挂|2026-04-01|共和镇|" + again.get("id"));
		assertThat(plaqueReport()).containsExactly("440704|1|1|100.0", "440784|3|2|66.7", "total|4|3|75.0");
	}

	/**
	 * The centre's register as Excel writes it: a merged title, a note row, the header,
	 * numbered rows with dates as serials and as Chinese text, a 合计 row.
	 * @param chenStatus 悬挂情况 of GRP-0002: 未悬挂 leaves both it and its 悬挂日期 empty
	 */
	private static RawXlsx register(String chenStatus) {
		String s = "光荣牌";
		boolean chenHung = !"未悬挂".equals(chenStatus);
		return new RawXlsx().merge(s, "A1:I1")
			.row(s, "江门市退役军人服务中心光荣牌悬挂登记表")
			.row(s, "填报单位：江门市退役军人服务中心", null, null, null, null, null, null, null, "制表日期：2026年6月30日")
			.row(s, "序号", "光荣牌编号", "户主姓名", "户主身份证号码", "镇街", "村（社区）", "悬挂日期", "悬挂情况", "备注")
			.row(s, number("1"), "GRP-0001", "李国强", LI, "沙坪", "越塘村", day(2026, 3, 5), "已悬挂", null)
			.row(s, number("2"), "GRP-0002", "陈美玲", CHEN, "外海街道", null, chenHung ? "2026年5月1日" : null,
					chenHung ? chenStatus : null, null)
			.row(s, number("3"), "GRP-0003", "王德明", WANG, "龙口镇", null, day(2026, 2, 1), "已悬挂", null)
			.row(s, number("4"), "GRP-0003", "王德明", WANG, "龙口镇", null, null, "未悬挂", "搬迁后未挂")
			.row(s, number("5"), "GRP-0004", "梁振邦", LIANG, "共和", null, day(2026, 4, 1), null, null)
			.row(s, number("6"), "GRP-0005", "王德明", IdCards.withWrongCheckDigit(WANG), "龙口镇", null, null, null, null)
			.row(s, number("7"), "GRP-0006", "王德明", WANG, "龙口镇", null, "2026年2月30日", "已悬挂", null)
			.row(s, number("8"), "GRP-0007", "王德明", WANG, "龙口镇", null, day(2026, 2, 1), "未悬挂", null)
			.row(s, number("9"), "GRP-0008", "王德明", WANG, "白沙", null, null, null, null)
			.row(s, number("10"), null, "王德明", WANG, "龙口镇", null, null, null, null)
			.row(s, "合计", null, null, null, null, null, null, "10户", null);
	}

	private void person(String idCard, String name, LocalDate birth, String county, String category) {
		this.jdbc.update("""
				INSERT INTO dw.person (id_card, name, gender, birth_date, county_code, category, name_source,
				                       name_set_at)
				VALUES (?, ?, ?, ?, ?, ?, 'province', now())""", idCard, name,
				(idCard.charAt(16) - '0') % 2 == 1 ? "M" : "F", Date.valueOf(birth), county, category);
	}

	private Map<String, Object> dropAndAwait(String name, RawXlsx workbook) throws IOException {
		Path staging = Files.createTempFile(DATA_DIR, ".drop-", ".tmp");
		workbook.writeTo(staging);
		Files.move(staging, DATA_DIR.resolve("inbox/partners/service-centre").resolve(name),
				StandardCopyOption.ATOMIC_MOVE);
		return await().atMost(Duration.ofSeconds(30)).until(() -> {
			List<Map<String, Object>> runs = this.jdbc.queryForList("""
					SELECT * FROM ops.ingest_run WHERE source_id = 'service-centre' AND file_name = ?
					   AND status <> 'running'""", name);
			return runs.isEmpty() ? null : runs.get(0);
		}, (r) -> r != null);
	}

	private String feedback(String fileName) throws IOException {
		Path file = DATA_DIR.resolve("outbox/service-centre").resolve(fileName + ".回执.csv");
		await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file));
		return Files.readString(file, StandardCharsets.UTF_8);
	}

	/** The report's rows of all years: county (or total), eligible, hung, rate. */
	private List<String> plaqueReport() {
		return this.jdbc.queryForList("""
				SELECT coalesce(county_code, 'total') || '|' || eligible || '|' || hung || '|' || hung_pct
				  FROM dw.v_report_plaques WHERE hung_year IS NULL ORDER BY is_total, county_code""", String.class);
	}

}
