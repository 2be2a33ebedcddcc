package cn.jiangmen.vethub.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import cn.jiangmen.vethub.FormLoginSession;
import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.system.HubFolders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alerts banner of every console page and the matching source state: a source whose
 * last run failed (linked to that run), the province not synced successfully for 26 h
 * ({@code overdue}), refused files lying in a source's {@code error/} (linked to the
 * waiting work page); gone once the cause is.
 */
class ConsoleAlertsIT extends HubIntegrationTest {

	@Autowired
	private HubFolders folders;

	@AfterEach
	void emptyErrorFolder() throws IOException {
		FileSystemUtils.deleteRecursively(this.folders.errorDir("jianghai"));
		Files.createDirectories(this.folders.errorDir("jianghai"));
	}

	@Test
	void aFailedRunIsShownOnEveryPageWithALinkToIt() {
		long run = run("heshan", "failed", "1 hour");
		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		for (String page : new String[] { "/sources", "/runs", "/runs/" + run, "/reports", "/waiting",
				"/no-such-page" }) {
			assertThat(viewer.get(page).body()).as(page)
				.contains("id=\"alert-failing-heshan\"", "href=\"/runs/" + run + "\"", "鹤山市：最近一次运行（#" + run);
		}
		assertThat(viewer.get("/sources").body()).contains("state-failing");

		run("heshan", "succeeded", "1 minute");
		assertThat(viewer.get("/sources").body()).doesNotContain("alert-failing-heshan");
	}

	@Test
	void theProvinceNotSyncedFor26HoursIsOverdue() {
		run("province", "succeeded", "27 hours");
		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		String sources = admin.get("/sources?lang=en").body();
		assertThat(sources).contains("id=\"alert-overdue-province\"", "href=\"/sources#source-province\"",
				"expected at least every 26 h", "state-overdue");
		assertThat(adminApi().get().uri("/api/alerts").retrieve().body(String.class)).contains("\"kind\":\"overdue\"",
				"\"sourceId\":\"province\"");

		run("province", "succeeded", "1 hour");
		assertThat(admin.get("/sources").body()).doesNotContain("alert-overdue-province", "state-overdue");
	}

	@Test
	void refusedFilesLyingInErrorAreShownWithALinkToTheWaitingWork() throws IOException {
		Path error = this.folders.errorDir("jianghai");
		Files.write(error.resolve("花名册.xlsx"), new byte[] { 1, 2, 3 });
		Files.write(error.resolve("花名册_补报.xlsx"), new byte[] { 4 });
		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		String page = viewer.get("/runs").body();
		assertThat(page).contains("id=\"alert-refused-files-jianghai\"", "href=\"/waiting#refused-jianghai\"",
				"error/ 中有 2 个被退回的文件");
		assertThat(viewer.get("/waiting").body()).contains("id=\"refused-jianghai\"", "花名册_补报.xlsx");
	}

	private long run(String source, String status, String ago) {
		return this.jdbc.queryForObject("""
				INSERT INTO ops.ingest_run (source_id, trigger, status, started_at, finished_at, error_message)
				VALUES (?, 'schedule', ?, now() - ?::interval, now() - ?::interval, ?) RETURNING id""", Long.class,
				source, status, ago, ago, "failed".equals(status) ? "处理失败（SQLException）" : null);
	}

}
