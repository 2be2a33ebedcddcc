package cn.jiangmen.vethub.county;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import cn.jiangmen.vethub.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README demo: the committed sample files of {@code samples/county/heshan/} dropped
 * into the running hub give what the README promises.
 */
class CountySampleFilesIT extends HubIntegrationTest {

	@Test
	void sampleFilesLoadAsTheReadmeSays() throws Exception {
		Path samples = Path.of("samples/county/heshan");
		CountyInbox it = new CountyInbox(DATA_DIR, this.jdbc);

		long roster = it.load("heshan",
				Files.copy(samples.resolve(CountySampleFiles.ROSTER), it.staging(CountySampleFiles.ROSTER)));
		long payments = it.load("heshan",
				Files.copy(samples.resolve(CountySampleFiles.PAYMENTS), it.staging(CountySampleFiles.PAYMENTS)));

		long plaques = it.load("heshan",
				Files.copy(samples.resolve(CountySampleFiles.PLAQUES), it.staging(CountySampleFiles.PLAQUES)));

		assertThat(it.run(roster)).containsEntry("rows_read", 6L)
			.containsEntry("rows_loaded", 4L)
			.containsEntry("rows_rejected", 2L);
		assertThat(it.run(payments)).containsEntry("rows_read", 4L)
			.containsEntry("rows_loaded", 2L)
			.containsEntry("rows_rejected", 2L);
		assertThat(
				this.jdbc.queryForList("SELECT reason FROM ops.rejected_row ORDER BY run_id, row_number", String.class))
			.containsExactly("bad_checksum", "invalid_date", "bad_amount", "unknown_person", "invalid_date",
					"unknown_person");
		assertThat(it.run(plaques)).containsEntry("rows_read", 5L)
			.containsEntry("rows_loaded", 3L)
			.containsEntry("rows_rejected", 2L);
		// eligible: 何建国 退役士兵, 梁秀兰 烈士遗属, 冯志明 军队转业干部, 谢·阿卜杜 复员军人; hung: 何建国, 梁秀兰
		assertThat(this.jdbc.queryForMap(
				"SELECT eligible, hung, hung_pct::text AS pct FROM dw.v_report_plaques WHERE county_code = '440784'"
						+ " AND hung_year IS NULL"))
			.containsEntry("eligible", 4L)
			.containsEntry("hung", 2L)
			.containsEntry("pct", "50.0");
		assertThat(this.jdbc.queryForObject("SELECT town FROM dw.person WHERE id_card = ?", String.class,
				CountySampleFiles.FENG))
			.isEqualTo("沙坪街道");
		assertThat(this.jdbc.queryForObject("SELECT sum(amount)::text FROM dw.assistance_payment", String.class))
			.isEqualTo("2400.00");

		long employment = it.load("heshan",
				Files.copy(samples.resolve(CountySampleFiles.EMPLOYMENT), it.staging(CountySampleFiles.EMPLOYMENT)));
		long training = it.load("heshan",
				Files.copy(samples.resolve(CountySampleFiles.TRAINING), it.staging(CountySampleFiles.TRAINING)));
		long school = loadPartner(it, "training-school", Path.of("samples/partners/training-school"),
				CountySampleFiles.SCHOOL);

		assertThat(it.run(employment)).containsEntry("rows_read", 9L)
			.containsEntry("rows_loaded", 6L)
			.containsEntry("rows_rejected", 3L);
		assertThat(it.run(training)).containsEntry("rows_read", 13L)
			.containsEntry("rows_loaded", 11L)
			.containsEntry("rows_rejected", 2L);
		assertThat(it.run(school)).containsEntry("rows_read", 3L)
			.containsEntry("rows_loaded", 2L)
			.containsEntry("rows_rejected", 1L);
		assertThat(this.jdbc.queryForList(
				"SELECT coalesce(sheet, '-') || '|' || row_number || '|' || reason FROM ops.rejected_row"
						+ " WHERE run_id IN (?, ?, ?) ORDER BY run_id, sheet, row_number",
				String.class, employment, training, school))
			.containsExactly("招聘会|5|invalid_date", "推荐就业|7|unknown_person", "推荐就业|8|bad_value", "学历提升|6|bad_value",
					"技能培训|8|missing_required", "-|4|unknown_person");
		// 当年退役大学生士兵 intending to work: 何建国, 梁秀兰, 冯志明; employed: 何建国, 冯志明
		assertThat(this.jdbc.queryForMap("""
				SELECT intending, employed, employment_pct::text AS pct FROM dw.v_report_employment
				 WHERE report_year = 2026 AND county_code = '440784'""")).containsEntry("intending", 3L)
			.containsEntry("employed", 2L)
			.containsEntry("pct", "66.7");
		assertThat(this.jdbc.queryForObject("""
				SELECT fairs || '|' || employers || '|' || posts || '|' || attendees || '|' || intentions
				  FROM dw.v_report_job_fairs WHERE report_year = 2026 AND is_total""", String.class))
			.isEqualTo("2|55|680|275|87");
		assertThat(this.jdbc.queryForList("""
				SELECT course || '|' || sessions || '|' || participants || '|' || person_times || '|' || certified
				  FROM dw.v_report_skills_training WHERE report_year = 2026 AND is_total ORDER BY course""",
				String.class))
			.containsExactly("叉车|2|2|2|2", "工业机器人|2|2|3|1", "无人机|1|1|1|1", "电商|1|1|1|0");
	}

	private long loadPartner(CountyInbox it, String partner, Path samples, String name) throws Exception {
		Path inbox = it.folder("inbox/partners/" + partner);
		CountyFiles.drop(Files.copy(samples.resolve(name), it.staging(name)), inbox);
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> !Files.exists(inbox.resolve(name)) && this.jdbc.queryForObject(
					"SELECT count(*) FROM ops.ingest_run WHERE file_name = ? AND status <> 'running'", Long.class,
					name) > 0);
		return this.jdbc.queryForObject("SELECT max(id) FROM ops.ingest_run WHERE file_name = ?", Long.class, name);
	}

}
