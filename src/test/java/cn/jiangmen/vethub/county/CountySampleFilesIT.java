package cn.jiangmen.vethub.county;

import java.nio.file.Files;
import java.nio.file.Path;

import cn.jiangmen.vethub.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
	}

}
