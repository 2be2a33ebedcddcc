package cn.jiangmen.vethub.console;

import java.nio.file.Files;
import java.nio.file.Path;

import cn.jiangmen.vethub.FormLoginSession;
import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.ops.RunStatus;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.system.HubFolders;
import cn.jiangmen.vethub.testdata.IdCards;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page of a source: settings as read with secrets hidden, mapping, schedule and next
 * run (none while paused), its own runs in pages, its last error, the files waiting in
 * its inbox and those refused into {@code error/}, the preview form; linked from the
 * sources and runs lists.
 */
class SourcePageIT extends HubIntegrationTest {

	@Autowired
	private RunLedger ledger;

	@Autowired
	private HubFolders folders;

	@Autowired
	private SourceControl control;

	@Test
	void aPausedCountyShowsNoNextRunItsWaitingAndRefusedFilesItsLastErrorAndItsRunsInPages() throws Exception {
		for (int i = 0; i < 55; i++) {
			long run = this.ledger.start("heshan", RunTrigger.FILE,
					"鹤山市退役军人花名册_202611" + String.format("%02d", i) + ".xlsx", null);
			this.ledger.finish(run, RunStatus.SUCCEEDED, 10, 10, 0, null, null);
		}
		String id = IdCards.valid("440784", java.time.LocalDate.of(1962, 8, 1), 15, true);
		long failed = this.ledger.start("heshan", RunTrigger.FILE, "解三难_" + id + ".pdf", null);
		this.ledger.finish(failed, RunStatus.UNREADABLE, 0, 0, 0, "不是可读取的 XLSX 或 CSV 文件：解三难_" + id + ".pdf", null);
		long newest = this.ledger.start("heshan", RunTrigger.FILE, "鹤山市退役军人花名册_20261130.xlsx", null);
		this.ledger.finish(newest, RunStatus.SUCCEEDED, 3, 3, 0, null, null);
		// files other test classes of this JVM refused into the shared data folder are
		// not this page's
		Path errorDir = Files.createDirectories(this.folders.errorDir("heshan"));
		try (var left = Files.list(errorDir)) {
			for (Path f : left.toList()) {
				Files.deleteIfExists(f);
			}
		}
		Path refused = errorDir.resolve("解三难_" + id + ".pdf");
		Files.writeString(refused, "%PDF-1.4 not a table");
		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		assertThat(this.control.pause("heshan", "admin").ok()).isTrue();
		try {
			Path waiting = Files.createDirectories(DATA_DIR.resolve("inbox/county/heshan"))
				.resolve("鹤山市花名册_20261201.csv");
			Files.writeString(waiting, "姓名,身份证号码\r\n");

			String page = admin.get("/sources/heshan").body();
			assertThat(page).contains("已暂停：恢复前不会运行", "鹤山市花名册_20261201.csv", "解三难_" + id + ".pdf", "收件箱中等待的文件（1）",
					"被拒收、移入 error/ 的文件（1）", "/runs/" + failed, "不是可读取的 XLSX 或 CSV 文件", "第 1–50 条，共 57 条",
					"id=\"source-preview\"", "inbox/county/heshan", "county-code", "公民身份号码");
			assertThat(page).doesNotContain("source-run-" + (newest - 56)).contains("source-run-" + newest);
			String second = admin.get("/sources/heshan?page=1").body();
			assertThat(second).contains("第 51–57 条，共 57 条").doesNotContain("source-run-" + newest);
			// the sources list says so too, and links to the page
			String list = admin.get("/sources").body();
			assertThat(list).contains("href=\"/sources/heshan\"");
			assertThat(admin.get("/runs").body()).contains("href=\"/sources/heshan\"");

			// a viewer sees the file names and the error masked, and no preview form
			FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
			String masked = viewer.get("/sources/heshan").body();
			assertThat(masked).contains("解三难_440784************.pdf")
				.doesNotContain(id.substring(6, 17), "source-preview");
			Files.delete(waiting);
		}
		finally {
			this.control.resume("heshan", "admin");
		}
		assertThat(admin.get("/sources/heshan").body()).doesNotContain("已暂停：恢复前不会运行").contains("每 ");
	}

	@Test
	void pullSourcesShowTheirScheduleAndNextRunWithTheirSecretsHidden() {
		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		String province = admin.get("/sources/province").body();
		assertThat(province)
			.contains("0 0 2 * * ? (Asia/Shanghai)", "province.client-secret", "已设置（隐藏）", "province.page-size",
					" 02:00:00")
			.doesNotContain("demo-secret");
		String pharmacy = admin.get("/sources/pharmacy-db?lang=en").body();
		assertThat(pharmacy).contains("database.password", "database.query", "SELECT", "Mapping");
		String eye = admin.get("/sources/eye-hospital?lang=zh_CN").body();
		assertThat(eye).contains("身份证号", "dw.medical_service.id_card", "检查项目", "dw.medical_service.item", "记录键");
		assertThat(admin.get("/sources/no-such-source").statusCode()).isEqualTo(404);
	}

}
