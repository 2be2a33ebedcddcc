package cn.jiangmen.vethub.console;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;

import cn.jiangmen.vethub.FormLoginSession;
import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.testdata.IdCards;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The year overview (/overview): headline figures from the report views' city rows. */
class OverviewIT extends HubIntegrationTest {

	@Test
	void aViewerSeesTheYearsFiguresWithTheirNewestDataAndLinksAndAnEmptyYearSaysSo() throws Exception {
		String a = person("440784", LocalDate.of(1998, 3, 1), 1, "退役士兵", "440784");
		String b = person("440784", LocalDate.of(1999, 4, 2), 2, "退役士兵", "440784");
		String c = person("440785", LocalDate.of(1970, 5, 3), 3, "伤残军人", "440785");
		this.jdbc.update("""
				INSERT INTO dw.visit (source_id, visit_key, id_card, visit_date, visit_type, run_id, loaded_at)
				VALUES ('province', 'V1', ?, '2025-10-01', '节日慰问', 1, '2025-10-02 23:30+08')""", c);
		this.jdbc.update("""
				INSERT INTO dw.assistance_payment (source_id, id_card, category, amount, paid_date, county_code, run_id,
				                                   loaded_at)
				VALUES ('heshan', ?, '生活困难救助', 1500.00, '2025-09-15', '440784', 1, '2025-09-16 09:00+08'),
				       ('enping', ?, '生活困难救助', 800.50, '2025-09-20', '440785', 1, '2025-09-21 09:00+08')""", a, c);
		// 就业率 of 2025: a and b were college soldiers intending to work, only a is
		// employed
		placement(a, "2025-06-01", "是", "2025-11-20 10:00+08");
		placement(b, "2025-07-01", "否", "2025-11-21 01:00+08");

		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		HttpResponse<String> response = viewer.get("/overview?year=2025&lang=zh_CN");
		assertThat(response.statusCode()).isEqualTo(200);
		String page = response.body();
		assertThat(page).contains("2025 年度工作概况", "id=\"nav-overview\"")
			.doesNotContain("id=\"overview-empty\"")
			.doesNotContain(a, b, c);
		assertThat(figure(page, "persons")).isEqualTo("3");
		assertThat(page).contains("退役士兵 2 · 伤残军人 1");
		assertThat(figure(page, "visit-coverage")).isEqualTo("33.3 %");
		assertThat(page).contains("已走访/总人数 1/3");
		assertThat(figure(page, "assistance-by-category")).isEqualTo("2,300.50");
		assertThat(figure(page, "employment")).isEqualTo("50 %");
		assertThat(page).contains("已就业/有就业意向 1/2");
		// newest data: the day of the newest loaded_at in Shanghai (01:00+08 is still the
		// 21st there)
		assertThat(page).contains("id=\"newest-employment\">最新数据：2025-11-21<",
				"id=\"newest-visit-coverage\">最新数据：2025-10-02<",
				"id=\"newest-assistance-by-category\">最新数据：2025-09-21<", "id=\"newest-legal-aid\">尚无数据<");
		assertThat(page).contains("href=\"/reports?year=2025#report-employment\"",
				"href=\"/reports#report-visit-coverage\"", "href=\"/reports#report-persons\"");
		assertThat(viewer.get("/reports?year=2025").body()).contains("id=\"report-employment\"",
				"id=\"report-visit-coverage\"", "id=\"report-persons\"");

		String empty = viewer.get("/overview?year=2019&lang=zh_CN").body();
		assertThat(empty).contains("id=\"overview-empty\"", "2019 年没有任何年度数据");
		assertThat(figure(empty, "employment")).isEqualTo("—");
		assertThat(empty).contains("已就业/有就业意向 0/0");
		// figures of all years stay
		assertThat(figure(empty, "persons")).isEqualTo("3");

		String thisYear = viewer.get("/overview").body();
		assertThat(thisYear).contains(LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() + " 年度工作概况");
		assertThat(viewer.get("/overview?year=20x5").statusCode()).isEqualTo(400);
	}

	@Test
	void volunteersAndStationCoverageAreHeadlineFiguresOfTheYear() throws Exception {
		String a = person("440784", LocalDate.of(1980, 1, 1), 11, "退役士兵", "440784");
		String b = person("440784", LocalDate.of(1981, 2, 2), 12, "退役士兵", "440784");
		this.jdbc.update("""
				INSERT INTO dw.volunteer_team (source_id, partner_id, record_key, team_name, town, founded_date,
				                               county_code, run_id, loaded_at)
				VALUES ('heshan', 'heshan', '沙坪分队', '沙坪分队', '沙坪街道', '2024-03-05', '440784', 1,
				        '2025-03-01 10:00+08')""");
		this.jdbc.update("""
				INSERT INTO dw.volunteer (source_id, partner_id, record_key, id_card, team_name, joined_date,
				                          county_code, run_id, loaded_at)
				VALUES ('heshan', 'heshan', 'a', ?, '沙坪分队', '2024-03-05', '440784', 1, '2025-03-01 10:00+08'),
				       ('heshan', 'heshan', 'b', ?, '沙坪分队', '2026-01-05', '440784', 1, '2025-03-01 10:00+08')""", a, b);
		this.jdbc.update("""
				INSERT INTO dw.volunteer_activity (source_id, partner_id, record_key, activity_date, team_name, title,
				                                   person_times, beneficiaries, county_code, run_id, loaded_at)
				VALUES ('heshan', 'heshan', '1', '2025-03-05', '沙坪分队', '学雷锋', 12, 30, '440784', 1,
				        '2025-03-06 10:00+08'),
				       ('heshan', 'heshan', '2', '2025-08-01', '沙坪分队', '八一慰问', 15, 45, '440784', 1,
				        '2025-08-02 10:00+08')""");
		// two of the 73 towns have a town station, one village a station; one built in
		// 2026
		this.jdbc.update("""
				INSERT INTO dw.service_station (source_id, partner_id, record_key, level, station_name, town, village,
				                                established_date, county_code, run_id, loaded_at)
				VALUES ('heshan', 'heshan', 't1', '镇级', '沙坪站', '沙坪街道', NULL, '2019-06-01', '440784', 1,
				        '2025-04-01 10:00+08'),
				       ('heshan', 'heshan', 't2', '镇级', '共和站', '共和镇', NULL, NULL, '440784', 1,
				        '2025-04-01 10:00+08'),
				       ('heshan', 'heshan', 'v1', '村级', '示例村站', '沙坪街道', '示例村', '2020-05-01', '440784', 1,
				        '2025-04-01 10:00+08'),
				       ('heshan', 'heshan', 'v2', '村级', '新建村站', '共和镇', '新建村', '2026-01-01', '440784', 1,
				        '2025-04-02 10:00+08')""");

		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		String page = viewer.get("/overview?year=2025&lang=zh_CN").body();
		assertThat(page).doesNotContain("id=\"overview-empty\"").doesNotContain(a, b);
		// 2025: the team, the volunteer who joined in 2024, two activities of 27
		// person-times
		assertThat(figure(page, "volunteers")).isEqualTo("1");
		assertThat(page).contains("队伍·活动·志愿者人次 1 · 2 · 27");
		assertThat(figure(page, "station-coverage")).isEqualTo("2.7 %");
		assertThat(page).contains("有镇级站/镇街数 2/73");
		assertThat(figure(page, "village-stations")).isEqualTo("1");
		assertThat(page).contains("id=\"newest-volunteers\">最新数据：2025-08-02<",
				"id=\"newest-station-coverage\">最新数据：2025-04-02<", "href=\"/reports?year=2025#report-volunteers\"",
				"href=\"/reports?year=2025#report-station-coverage\"");
		assertThat(viewer.get("/reports?year=2025").body()).contains("id=\"report-volunteers\"",
				"id=\"report-station-coverage\"", "id=\"report-station-towns\"");

		String next = viewer.get("/overview?year=2026&lang=zh_CN").body();
		assertThat(figure(next, "volunteers")).isEqualTo("2");
		assertThat(figure(next, "village-stations")).isEqualTo("2");
		assertThat(next).contains("队伍·活动·志愿者人次 1 · 0 · 0");
	}

	private static String figure(String page, String key) {
		String marker = "id=\"figure-" + key + "\">";
		int at = page.indexOf(marker);
		assertThat(at).as(marker).isNotNegative();
		return page.substring(at + marker.length(), page.indexOf('<', at));
	}

	private String person(String region, LocalDate birth, int seq, String category, String county) {
		String id = IdCards.valid(region, birth, seq, seq % 2 == 1);
		this.jdbc.update(
				"""
						INSERT INTO dw.person (id_card, name, gender, birth_date, category, county_code, name_source, name_set_at)
						VALUES (?, ?, ?, ?, ?, ?, 'province', now())""",
				id, "测试" + seq, (seq % 2 == 1) ? "M" : "F", birth, category, county);
		return id;
	}

	private void placement(String id, String date, String employed, String loadedAt) {
		this.jdbc.update("""
				INSERT INTO dw.job_placement (source_id, partner_id, record_key, id_card, placement_date,
				                              college_soldier, intends_work, employed, county_code, run_id, loaded_at)
				VALUES ('hrss', 'hrss', ?, ?, ?::date, '是', '是', ?, '440784', 1, ?::timestamptz)""", id + date, id,
				date, employed, loadedAt);
	}

}
