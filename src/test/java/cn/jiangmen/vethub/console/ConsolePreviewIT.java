package cn.jiangmen.vethub.console;

import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.Map;

import cn.jiangmen.vethub.FormLoginSession;
import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.testdata.IdCards;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The preview form of the sources page: an administrator uploads a county file through it
 * (a multipart form with the CSRF token, as the browser sends it) and reads the reasons
 * on a page of the console, masked; a pull source has a button; a viewer sees no form and
 * is refused the POST.
 */
class ConsolePreviewIT extends HubIntegrationTest {

	static final String KNOWN = IdCards.valid("440784", LocalDate.of(1950, 4, 2), 31, true);

	static final String STRANGER = IdCards.valid("440784", LocalDate.of(1952, 7, 9), 47, false);

	@Test
	void anAdministratorUploadsACountyFileAndReadsTheReasons() {
		this.jdbc.update("""
				INSERT INTO dw.person (id_card, name, gender, birth_date, name_source, name_set_at)
				VALUES (?, '黄志强', 'M', DATE '1950-04-02', 'heshan', now()) ON CONFLICT DO NOTHING""", KNOWN);
		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		String page = admin.get("/sources").body();
		assertThat(page).contains("id=\"preview-file-heshan\"", "enctype=\"multipart/form-data\"",
				"action=\"/sources/heshan/preview\"");
		assertThat(page).as("a pull source has a button, no file input")
			.contains("id=\"preview-province\"")
			.doesNotContain("id=\"preview-file-province\"");
		byte[] csv = String
			.join("\r\n", "序号,姓名,身份证号码,救助类别,救助金额（元）,发放日期,经办人", "1,黄志强," + KNOWN + ",生活困难救助,\"1,200.00\",2026-11-10,李明",
					"2,黄志强," + KNOWN + ",医疗困难救助,壹仟元,2026-11-12,李明", "3,何秀英," + STRANGER + ",生活困难救助,800,2026-11-15,李明",
					"")
			.getBytes(Charset.forName("GBK"));

		HttpResponse<String> answer = admin.postFile("/sources/heshan/preview", "file", "救助发放_11月.csv", csv);

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("救助发放_11月.csv", "读取 3 行，将入库 1 行，将退回 2 行", "id=\"reason-bad_amount\"",
				"id=\"reason-unknown_person\"", "<code>bad_amount</code>", "没有写入任何数据");
		assertThat(answer.body()).doesNotContain(KNOWN, STRANGER, "黄志强", "何秀英");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM ops.ingest_run", Long.class)).isZero();
	}

	@Test
	void aFormWithoutAFileIsAnsweredOnThePage() {
		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		admin.get("/sources");
		HttpResponse<String> answer = admin.postForm("/sources/heshan/preview", Map.of());
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("id=\"preview-refused\"", "multipart part");
	}

	@Test
	void aViewerSeesNoFormAndIsRefusedThePost() {
		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		String page = viewer.get("/sources").body();
		assertThat(page).doesNotContain("/preview", "preview-file-");
		HttpResponse<String> answer = viewer.postFile("/sources/heshan/preview", "file", "x.csv",
				"a,b\r\n".getBytes(Charset.forName("GBK")));
		assertThat(answer.statusCode()).isEqualTo(403);
	}

}
