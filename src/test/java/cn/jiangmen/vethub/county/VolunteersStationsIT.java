package cn.jiangmen.vethub.county;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import cn.jiangmen.vethub.FormLoginSession;
import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ops.PersonalDataMask;
import cn.jiangmen.vethub.testdata.ReportExports;
import cn.jiangmen.vethub.testdata.RawXlsx;
import cn.jiangmen.vethub.warehouse.PendingFactResolver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static cn.jiangmen.vethub.county.CountySampleFiles.FENG;
import static cn.jiangmen.vethub.county.CountySampleFiles.HE;
import static cn.jiangmen.vethub.county.CountySampleFiles.LIANG;
import static cn.jiangmen.vethub.county.CountySampleFiles.NOT_IN_ROSTER;
import static cn.jiangmen.vethub.county.VolunteerStationSamples.GONGHE_TEAM;
import static cn.jiangmen.vethub.county.VolunteerStationSamples.SHAPING_TEAM;
import static cn.jiangmen.vethub.county.VolunteerStationSamples.day;
import static cn.jiangmen.vethub.testdata.RawXlsx.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Volunteers and service stations (issue 15, V97) arriving as a county workbook (sheet
 * kinds of {@code hub.county.sheets}) and as partner workbooks (the corps' ledger, the
 * service centre's register of the network), written as Excel writes them
 * ({@link VolunteerStationSamples}: merged titles, totals rows, Chinese dates, numbers as
 * stored): rows with their canonical town and county, rejects with their reason
 * (unknown_town, a waiting person, an impossible date, a station without its village),
 * re-deliveries that update rather than add, and the report figures on the reports page's
 * XLSX exports.
 */
@SuppressWarnings("unchecked")
class VolunteersStationsIT extends HubIntegrationTest {

	@Autowired
	private PendingFactResolver resolver;

	private CountyInbox inbox;

	@BeforeEach
	void roster() throws Exception {
		this.inbox = new CountyInbox(DATA_DIR, this.jdbc);
		long run = this.inbox.load("heshan", CountySampleFiles.roster(this.inbox.staging(CountySampleFiles.ROSTER)));
		assertThat(this.inbox.run(run)).containsEntry("status", "succeeded");
	}

	@Test
	void theCountyWorkbookLoadsTeamsVolunteersActivitiesAndStationsAndRefusesEachBadRowForItsReason() throws Exception {
		// the dry run tells the unknown town as the load does: the town is resolved when
		// the row is mapped
		Map<String, Object> dryRun = preview("heshan", VolunteerStationSamples.COUNTY,
				VolunteerStationSamples.county());
		assertThat(dryRun).containsEntry("rowsRead", 17);
		assertThat((Map<String, Object>) dryRun.get("rejectsByReason")).containsEntry("unknown_town", 1)
			.containsEntry("invalid_date", 1)
			.containsEntry("unknown_person", 1);
		assertThat((List<Map<String, Object>>) dryRun.get("rejectSample"))
			.extracting(
					(r) -> r.get("sheet") + "|" + r.get("rowNumber") + "|" + r.get("reason") + "|" + r.get("detail"))
			.contains("队伍|5|unknown_town|所在镇街“白沙”不是本县（市、区）的镇街");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.volunteer_team", Long.class)).isZero();

		long run = this.inbox.load("heshan",
				VolunteerStationSamples.county().writeTo(this.inbox.staging(VolunteerStationSamples.COUNTY)));

		assertThat(this.inbox.run(run)).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 17L)
			.containsEntry("rows_loaded", 13L)
			.containsEntry("rows_rejected", 4L);
		assertThat(this.jdbc.queryForList("""
				SELECT team_name || '|' || town || '|' || county_code || '|' || founded_date || '|' || sheet || '|'
				       || row_number
				  FROM dw.volunteer_team ORDER BY row_number""", String.class)).containsExactly(
				SHAPING_TEAM + "|沙坪街道|440784|2024-03-05|队伍|3", GONGHE_TEAM + "|共和镇|440784|2025-05-01|队伍|4");
		assertThat(this.jdbc.queryForList("""
				SELECT id_card || '|' || team_name || '|' || joined_date || '|' || county_code FROM dw.volunteer
				 ORDER BY row_number""", String.class)).containsExactly(HE + "|" + SHAPING_TEAM + "|2024-03-05|440784",
				LIANG + "|" + SHAPING_TEAM + "|2025-01-10|440784", FENG + "|" + GONGHE_TEAM + "|2026-02-01|440784");
		assertThat(this.jdbc.queryForList("""
				SELECT activity_date || '|' || title || '|' || town || '|' || person_times || '|' || beneficiaries
				  FROM dw.volunteer_activity ORDER BY activity_date""", String.class)).containsExactly(
				"2026-03-05|学雷锋日关爱老兵|沙坪街道|12|30", "2026-07-28|防汛抢险|共和镇|25|200", "2026-08-01|八一慰问|沙坪街道|15|45");
		assertThat(this.jdbc.queryForList("""
				SELECT level || '|' || station_name || '|' || coalesce(town, '-') || '|' || coalesce(village, '-')
				       || '|' || county_code
				  FROM dw.service_station ORDER BY row_number""", String.class)).containsExactly(
				"县级|鹤山市退役军人服务中心|-|-|440784", "镇级|沙坪街道退役军人服务站|沙坪街道|-|440784", "镇级|共和镇退役军人服务站|共和镇|-|440784",
				"村级|沙坪示例01村退役军人服务站|沙坪街道|沙坪示例01村|440784", "村级|沙坪示例02村退役军人服务站|沙坪街道|沙坪示例02村|440784");
		assertThat(this.jdbc.queryForList("""
				SELECT sheet || '|' || row_number || '|' || reason || '|' || coalesce(fact_table, '-')
				  FROM ops.rejected_row WHERE run_id = ? ORDER BY sheet, row_number""", String.class, run))
			.containsExactlyInAnyOrder("队伍|5|unknown_town|-", "志愿者|6|unknown_person|dw.volunteer",
					"活动|5|invalid_date|-", "服务站|8|missing_required|-");
		assertThat(this.jdbc.queryForObject("""
				SELECT detail || '|' || (raw_values->>'队伍名称') FROM ops.rejected_row
				 WHERE run_id = ? AND reason = 'unknown_town'""", String.class, run))
			.isEqualTo("所在镇街“白沙”不是本县（市、区）的镇街|鹤山市侨都星火志愿服务队白沙分队");
		String feedback = this.inbox.feedback("heshan", VolunteerStationSamples.COUNTY + ".回执.csv");
		assertThat(feedback).contains("所在镇街“白沙”不是本县（市、区）的镇街")
			.contains("村级服务站须填写所在镇街和村（社区）")
			.contains(PersonalDataMask.idCard(NOT_IN_ROSTER))
			.doesNotContain(NOT_IN_ROSTER);

		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		// 2026: both teams, the three volunteers, the three activities of a real date
		assertThat(ReportExports.rows(viewer, "volunteers", "?county=440784&year=2026"))
			.containsExactly("鹤山市|2|3|3|52|275");
		// 2025: 共和 founded 2025-05-01, 冯志明 joined 2026, no activity
		assertThat(ReportExports.rows(viewer, "volunteers", "?county=440784&year=2025"))
			.containsExactly("鹤山市|2|2|0|0|0");
		// a month counts its activities (防汛抢险 of 28 July) and the teams and volunteers
		// of its last day
		assertThat(ReportExports.rows(viewer, "volunteers", "?county=440784&month=2026-07"))
			.containsExactly("鹤山市|2|3|1|25|200");
		// a range: on 30 April 2025 共和 (founded 1 May) and 冯志明 (joined 2026) were not
		// there yet
		assertThat(ReportExports.rows(viewer, "volunteers", "?county=440784&from=2025-01-01&to=2025-04-30"))
			.containsExactly("鹤山市|1|2|0|0|0");
		assertThat(ReportExports.rows(viewer, "volunteers", "?county=440784&from=2026-03-01&to=2026-03-05"))
			.containsExactly("鹤山市|2|3|1|12|30");
		// 鹤山's 10 reference towns, 2 with a town station; its county centre; 2 villages
		assertThat(ReportExports.rows(viewer, "station-coverage", "?county=440784"))
			.containsExactly("鹤山市|0|1|10|2|20.0|2");
		assertThat(ReportExports.rows(viewer, "station-towns", "?county=440784")).contains("鹤山市|沙坪街道|是|2",
				"鹤山市|共和镇|是|0", "鹤山市|雅瑶镇|否|0");
		assertThat(ReportExports.rows(viewer, "station-coverage", "?county=440784&year=2020"))
			.containsExactly("鹤山市|0|1|10|2|20.0|1");
		// 沙坪示例01村's station was built on 1 May 2020 (written 2020年5月1日): counted from
		// that month's end, not in April's
		assertThat(ReportExports.rows(viewer, "station-coverage", "?county=440784&month=2020-04"))
			.containsExactly("鹤山市|0|1|10|2|20.0|0");
		assertThat(ReportExports.rows(viewer, "station-coverage", "?county=440784&month=2020-05"))
			.containsExactly("鹤山市|0|1|10|2|20.0|1");
		assertThat(ReportExports.rows(viewer, "station-towns", "?county=440784&from=2019-01-01&to=2019-05-31"))
			.hasSize(10)
			.contains("鹤山市|沙坪街道|否|0", "鹤山市|共和镇|否|0");
		// before the county centre (1 March 2019) nothing of the network was built
		assertThat(ReportExports.rows(viewer, "station-coverage", "?county=440784&month=2019-02")).isEmpty();

		// a corrected re-delivery: the town station's town written in full and its name
		// changed,
		// the activity's count corrected: nothing is added
		long again = this.inbox.load("heshan", corrected(this.inbox.staging("鹤山市志愿服务与服务站点_更正_20261205.xlsx")));
		assertThat(this.inbox.run(again)).containsEntry("status", "succeeded").containsEntry("rows_rejected", 0L);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.service_station", Long.class)).isEqualTo(5);
		assertThat(this.jdbc.queryForObject(
				"SELECT station_name FROM dw.service_station WHERE level = '镇级'" + " AND town = '沙坪街道'", String.class))
			.isEqualTo("沙坪街道退役军人服务站（更名）");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.volunteer_activity", Long.class)).isEqualTo(3);
		assertThat(ReportExports.rows(viewer, "volunteers", "?county=440784&year=2026"))
			.containsExactly("鹤山市|2|3|3|55|275");

		// the waiting volunteer is loaded, with where it was read, when the person
		// arrives
		this.jdbc.update("""
				INSERT INTO dw.person (id_card, name, gender, birth_date, county_code, name_source, name_set_at)
				VALUES (?, '罗德华', 'M', '1955-10-01', '440784', 'province', now())""", NOT_IN_ROSTER);
		this.jdbc.execute((java.sql.Connection con) -> this.resolver.resolve(con, run));
		assertThat(this.jdbc.queryForObject("""
				SELECT team_name || '|' || joined_date || '|' || county_code || '|' || sheet || '|' || row_number
				  FROM dw.volunteer WHERE id_card = ?""", String.class, NOT_IN_ROSTER))
			.isEqualTo(GONGHE_TEAM + "|2026-03-01|440784|志愿者|6");
		assertThat(ReportExports.rows(viewer, "volunteers", "?county=440784&year=2026"))
			.containsExactly("鹤山市|2|4|3|55|275");
	}

	@Test
	void theCitysRegisterAndTheCorpsLedgerGiveTheNetworkAndTheCitysVolunteerFigures() throws Exception {
		Map<String, Object> register = dropAndAwait("service-centre", VolunteerStationSamples.REGISTER,
				VolunteerStationSamples.register());
		assertThat(register).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 1413L)
			.containsEntry("rows_loaded", 1411L)
			.containsEntry("rows_rejected", 2L);
		assertThat(this.jdbc.queryForList("""
				SELECT row_number || '|' || reason || '|' || detail FROM ops.rejected_row WHERE run_id = ?
				 ORDER BY row_number""", String.class, register.get("id")))
			.containsExactly("1414|unknown_town|所在镇街“东湖镇”不是本市的镇街（或简称不唯一）", "1415|missing_required|村级服务站须填写所在镇街和村（社区）");
		// a county's own stations are places of the same network: counted once
		long county = this.inbox.load("heshan",
				VolunteerStationSamples.county().writeTo(this.inbox.staging(VolunteerStationSamples.COUNTY)));
		assertThat(this.inbox.run(county)).containsEntry("status", "succeeded");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.service_station", Long.class)).isEqualTo(1416);

		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		List<String> coverage = ReportExports.rows(viewer, "station-coverage", "");
		assertThat(coverage).hasSize(8)
			.contains("鹤山市|0|1|10|10|100.0|180")
			.last()
			.isEqualTo("全市合计|1|7|73|73|100.0|1330");
		// village stations built by the end of 2022: the register's of 2020, 2021 and
		// 2022,
		// and 沙坪示例01村 and 02村, which 鹤山's sheet dates 2020 and 2021 (the register 2024
		// and 2025): a place counts from its earliest date
		long by2022 = IntStream.range(0, VolunteerStationSamples.VILLAGES).filter((i) -> i % 6 < 3).count() + 2;
		assertThat(ReportExports.rows(viewer, "station-coverage", "?year=2022")).last()
			.isEqualTo("全市合计|1|7|73|73|100.0|" + by2022);
		assertThat(ReportExports.rows(viewer, "station-coverage", "?year=2019")).last()
			.isEqualTo("全市合计|1|7|73|73|100.0|0");
		assertThat(ReportExports.rows(viewer, "station-towns", "")).hasSize(74).last().isEqualTo("全市合计|||1330");

		Map<String, Object> corpsDryRun = preview("volunteer-corps", VolunteerStationSamples.CORPS,
				VolunteerStationSamples.corps());
		assertThat((Map<String, Object>) corpsDryRun.get("rejectsByReason")).containsEntry("unknown_town", 1);
		assertThat((List<Map<String, Object>>) corpsDryRun.get("rejectSample"))
			.extracting(
					(r) -> r.get("sheet") + "|" + r.get("rowNumber") + "|" + r.get("reason") + "|" + r.get("detail"))
			.contains("队伍|5|unknown_town|所在镇街“白沙”不是本市的镇街（或简称不唯一）");
		Map<String, Object> registerDryRun = preview("service-centre", "服务网络_复核.xlsx",
				VolunteerStationSamples.register());
		assertThat((Map<String, Object>) registerDryRun.get("rejectsByReason")).containsEntry("unknown_town", 1);

		Map<String, Object> corps = dropAndAwait("volunteer-corps", VolunteerStationSamples.CORPS,
				VolunteerStationSamples.corps());
		assertThat(corps).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 8L)
			.containsEntry("rows_loaded", 6L)
			.containsEntry("rows_rejected", 2L);
		assertThat(this.jdbc.queryForObject("""
				SELECT detail FROM ops.rejected_row WHERE run_id = ? AND reason = 'unknown_town'""", String.class,
				corps.get("id")))
			.isEqualTo("所在镇街“白沙”不是本市的镇街（或简称不唯一）");
		assertThat(this.jdbc.queryForList("SELECT team_name || '|' || town || '|' || county_code FROM dw.volunteer_team"
				+ " WHERE partner_id = 'volunteer-corps' ORDER BY team_name", String.class))
			.containsExactlyInAnyOrder("侨都星火志愿服务总队蓬江大队|环市街道|440703", "侨都星火志愿服务总队江海大队|外海街道|440704");
		// the city: 鹤山's and the corps' teams; the volunteer of the 蓬江 team counted in 蓬江
		assertThat(ReportExports.rows(viewer, "volunteers", "?year=2026")).containsExactly("蓬江区|1|1|1|40|120",
				"江海区|1|0|1|18|500", "鹤山市|2|3|3|52|275", "全市合计|4|4|5|110|895");
		assertThat(ReportExports.rows(viewer, "volunteers", "?year=2025")).last().isEqualTo("全市合计|4|3|1|22|64");
	}

	/**
	 * The 鹤山 workbook again, corrected: 沙坪's town station under a new name with its town
	 * in full, the 八一 activity with 18 volunteers instead of 15.
	 */
	private static Path corrected(Path file) {
		RawXlsx wb = new RawXlsx();
		wb.row("服务站", "序号", "层级", "站点名称", "所在镇街", "所在村（社区）", "建成日期");
		wb.row("服务站", number("1"), "镇级", "沙坪街道退役军人服务站（更名）", "沙坪街道办事处", null, day(2019, 6, 1));
		wb.row("活动", "活动日期", "服务队", "活动名称", "参与志愿者（人次）", "服务对象（人）");
		wb.row("活动", day(2026, 8, 1), SHAPING_TEAM, "八一慰问", number("18"), number("45"));
		return wb.writeTo(file);
	}

	/**
	 * The dry run of a workbook: {@code POST /api/sources/{id}/preview}, as an ADMIN
	 * uploads it.
	 */
	private Map<String, Object> preview(String source, String name, RawXlsx workbook) throws IOException {
		Path file = Files.createTempFile(DATA_DIR, ".preview-", ".xlsx");
		byte[] bytes = Files.readAllBytes(workbook.writeTo(file));
		Files.delete(file);
		return previewUpload(source, name, bytes);
	}

	private Map<String, Object> dropAndAwait(String partner, String name, RawXlsx workbook) throws IOException {
		Path staging = Files.createTempFile(DATA_DIR, ".drop-", ".tmp");
		workbook.writeTo(staging);
		Files.move(staging, DATA_DIR.resolve("inbox/partners").resolve(partner).resolve(name),
				StandardCopyOption.ATOMIC_MOVE);
		return await().atMost(Duration.ofSeconds(60)).until(() -> {
			List<Map<String, Object>> runs = this.jdbc.queryForList("""
					SELECT * FROM ops.ingest_run WHERE source_id = ? AND file_name = ? AND status <> 'running'""",
					partner, name);
			return runs.isEmpty() ? null : runs.get(0);
		}, (r) -> r != null);
	}

}
