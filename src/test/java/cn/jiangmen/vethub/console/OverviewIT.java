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
