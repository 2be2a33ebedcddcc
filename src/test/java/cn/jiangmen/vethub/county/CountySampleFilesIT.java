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

		assertThat(it.run(roster)).containsEntry("rows_read", 6L)
			.containsEntry("rows_loaded", 4L)
			.containsEntry("rows_rejected", 2L);
		assertThat(it.run(payments)).containsEntry("rows_read", 4L)
			.containsEntry("rows_loaded", 2L)
			.containsEntry("rows_rejected", 2L);
		assertThat(
				this.jdbc.queryForList("SELECT reason FROM ops.rejected_row ORDER BY run_id, row_number", String.class))
			.containsExactly("bad_checksum", "invalid_date", "bad_amount", "unknown_person");
		assertThat(this.jdbc.queryForObject("SELECT town FROM dw.person WHERE id_card = ?", String.class,
				CountySampleFiles.FENG))
			.isEqualTo("沙坪街道");
		assertThat(this.jdbc.queryForObject("SELECT sum(amount)::text FROM dw.assistance_payment", String.class))
			.isEqualTo("2400.00");
	}

}
