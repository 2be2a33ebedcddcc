package cn.jiangmen.vethub.console;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.jiangmen.vethub.FormLoginSession;
import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ingest.InboxFiles;
import cn.jiangmen.vethub.source.SourceRegistry;
import cn.jiangmen.vethub.system.HubFolders;
import cn.jiangmen.vethub.testdata.IdCards;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sending a county file through the browser and taking a file again from {@code error/}
 * or {@code archive/}: the file goes through the source's own inbox route (its run
 * recorded with the trigger {@code upload} or {@code retake}, who did it in
 * {@code ops.inbox_drop}), the drop's page shows the run, and facts waiting for their
 * person are counted as waiting, not refused, on the pages and in the feedback file. A
 * name the inbox would never take, a path in a name, a file of that name already waiting,
 * a missing file: each a 4xx with its reason, nothing written outside the inbox.
 */
class ConsoleInboxIT extends HubIntegrationTest {

	static final String KNOWN = IdCards.valid("440784", LocalDate.of(1950, 4, 2), 31, true);

	static final String STRANGER = IdCards.valid("440784", LocalDate.of(1952, 7, 9), 47, false);

	private static final Pattern DROP = Pattern.compile("^/drops/(\\d+)$");

	@Autowired
	private HubFolders folders;

	@Autowired
	private SourceRegistry registry;

	@BeforeEach
	void emptyHeshanFolders() throws IOException {
		for (Path dir : new Path[] { this.folders.inbox(this.registry.get("heshan")), this.folders.errorDir("heshan"),
				this.folders.root().resolve("archive/heshan") }) {
			FileSystemUtils.deleteRecursively(dir);
			Files.createDirectories(dir);
		}
		this.jdbc.update("""
				INSERT INTO dw.person (id_card, name, gender, birth_date, name_source, name_set_at)
				VALUES (?, '黄志强', 'M', DATE '1950-04-02', 'heshan', now())""", KNOWN);
	}

	/** A payments file as a county office saves it from Excel as CSV: GBK, CRLF. */
	static byte[] payments() {
		return String
			.join("\r\n", "序号,姓名,身份证号码,救助类别,救助金额（元）,发放日期,经办人", "1,黄志强," + KNOWN + ",生活困难救助,\"1,200.00\",2026-11-10,李明",
					"2,黄志强," + KNOWN + ",医疗困难救助,壹仟元,2026-11-12,李明", "3,何秀英," + STRANGER + ",生活困难救助,800,2026-11-15,李明",
					"")
			.getBytes(Charset.forName("GBK"));
	}

	@Test
	void anAdministratorSendsAFileThroughTheBrowserAndSeesItsRun() throws IOException {
		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		assertThat(admin.get("/inbox/heshan").body()).contains("id=\"upload-form\"", "enctype=\"multipart/form-data\"");

		HttpResponse<String> sent = admin.postFile("/inbox/heshan/upload", "file", "救助发放_11月.csv", payments());

		long drop = dropOf(sent);
		String page = awaitRun(admin, drop);
		assertThat(page).contains("救助发放_11月.csv", "网页上传", "admin", "读取 3，入库 1，拒收 1，等待人员信息 1")
			.doesNotContain(STRANGER, "何秀英");
		Map<String, Object> run = this.jdbc.queryForMap("""
				SELECT r.id, r.trigger, r.status, r.rows_loaded, d.dropped_by, r.feedback_file
				  FROM ops.ingest_run r JOIN ops.inbox_drop d ON d.run_id = r.id WHERE d.id = ?""", drop);
		assertThat(run).containsEntry("trigger", "upload")
			.containsEntry("status", "succeeded")
			.containsEntry("rows_loaded", 1L)
			.containsEntry("dropped_by", "admin");
		assertThat(this.folders.archiveDir("heshan", LocalDate.now(InboxFiles.CHINA)).resolve("救助发放_11月.csv")).exists();
		String feedback = Files.readString(this.folders.outboxDir("heshan").resolve((String) run.get("feedback_file")));
		assertThat(feedback).as("the waiting row is counted apart in the feedback file")
			.contains("退回行数,1,待人员信息到达后入库行数,1");

		String runPage = admin.get("/runs/" + run.get("id")).body();
		assertThat(runPage).contains("id=\"run-waiting\">1<", "id=\"run-rejected\">1<", "网页上传");
		String runs = admin.get("/runs?source=heshan").body();
		assertThat(runs).contains("<td class=\"num rejected\">1</td>", "<td class=\"num waiting\">1</td>");
		String waiting = admin.get("/waiting").body();
		assertThat(waiting).contains("id=\"facts-heshan\"", "<td class=\"num total\">1</td>").doesNotContain(STRANGER);
		String api = adminApi().get().uri("/api/waiting").retrieve().body(String.class);
		assertThat(api).contains("\"sourceId\":\"heshan\"", "\"underADay\":1", "\"total\":1").doesNotContain(STRANGER);
	}

	@Test
	void aFileTakenAgainFromTheArchiveIsLoadedAgainNotSkippedAsADuplicate() throws IOException {
		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		admin.get("/inbox/heshan");
		awaitRun(admin, dropOf(admin.postFile("/inbox/heshan/upload", "file", "救助发放_11月.csv", payments())));
		String today = LocalDate.now(InboxFiles.CHINA).toString();
		String page = admin.get("/inbox/heshan").body();
		assertThat(page).contains("id=\"retake-archive-0\"", today);

		HttpResponse<String> again = admin.postForm("/inbox/heshan/retake",
				Map.of("day", today, "file", "救助发放_11月.csv"));

		long drop = dropOf(again);
		awaitRun(admin, drop);
		Map<String, Object> run = this.jdbc.queryForMap("""
				SELECT r.trigger, r.status, d.origin FROM ops.ingest_run r JOIN ops.inbox_drop d ON d.run_id = r.id
				 WHERE d.id = ?""", drop);
		assertThat(run).containsEntry("trigger", "retake")
			.containsEntry("status", "succeeded")
			.containsEntry("origin", "archive/" + today + "/救助发放_11月.csv");
	}

	@Test
	void aRefusedFileIsTakenAgainFromError() throws IOException {
		Path refused = this.folders.errorDir("heshan").resolve("run7-救助发放_11月.csv");
		Files.write(refused, payments());
		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		String page = admin.get("/inbox/heshan").body();
		assertThat(page).contains("run7-救助发放_11月.csv", "id=\"retake-error-0\"");

		long drop = dropOf(admin.postForm("/inbox/heshan/retake", Map.of("file", "run7-救助发放_11月.csv")));

		String dropPage = awaitRun(admin, drop);
		assertThat(dropPage).contains("重新处理", "error/run7-救助发放_11月.csv");
		assertThat(refused).doesNotExist();
		assertThat(this.jdbc.queryForObject("SELECT trigger FROM ops.ingest_run", String.class)).isEqualTo("retake");
	}

	@Test
	void namesTheInboxWouldNeverTakeAreRefusedWithTheirReason() {
		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		admin.get("/inbox/heshan");
		assertRefused(admin.postFile("/inbox/heshan/upload", "file", ".hidden.csv", payments()), 400, "hidden");
		admin.get("/inbox/heshan");
		assertRefused(admin.postFile("/inbox/heshan/upload", "file", "~$花名册.xlsx", payments()), 400, "hidden");
		admin.get("/inbox/heshan");
		assertRefused(admin.postFile("/inbox/heshan/upload", "file", "", payments()), 400, "choose a file");
		admin.get("/inbox/heshan");
		assertRefused(admin.postForm("/inbox/heshan/retake", Map.of("file", "../../config/heshan.yml")), 400,
				"plain name");
		admin.get("/inbox/heshan");
		assertRefused(admin.postForm("/inbox/heshan/retake", Map.of("file", "none.csv")), 404, "none.csv");
		admin.get("/inbox/heshan");
		assertRefused(admin.postForm("/inbox/heshan/retake", Map.of("day", "2026-13-45", "file", "x.csv")), 400,
				"archive day");
		admin.get("/inbox/heshan");
		assertThat(admin.postForm("/inbox/province/retake", Map.of("file", "x.csv")).statusCode()).isEqualTo(409);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM ops.inbox_drop", Long.class)).isZero();
	}

	@Test
	void aPathInTheSentNameIsDroppedAndASecondFileOfTheSameNameWaits() throws IOException {
		Path inbox = this.folders.inbox(this.registry.get("heshan"));
		// the route is paused so that the first file stays in the inbox
		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		admin.get("/sources");
		admin.postForm("/sources/heshan/pause", Map.of());
		try {
			admin.get("/inbox/heshan");
			dropOf(admin.postFile("/inbox/heshan/upload", "file", "..\\..\\..\\救助发放.csv", payments()));
			assertThat(inbox.resolve("救助发放.csv")).exists();
			assertThat(this.folders.root().getParent().resolve("救助发放.csv")).doesNotExist();
			admin.get("/inbox/heshan");
			assertRefused(admin.postFile("/inbox/heshan/upload", "file", "救助发放.csv", payments()), 409,
					"already waiting");
			try (var files = Files.list(inbox)) {
				assertThat(files.map((f) -> f.getFileName().toString())).containsExactly("救助发放.csv");
			}
		}
		finally {
			admin.get("/sources");
			admin.postForm("/sources/heshan/resume", Map.of());
		}
	}

	@Test
	void aViewerSeesTheFilesMaskedWithoutFormsAndIsRefusedTheActions() throws IOException {
		Files.write(this.folders.errorDir("heshan").resolve("补报_" + STRANGER + ".csv"), payments());
		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		String page = viewer.get("/inbox/heshan").body();
		assertThat(page).contains("补报_440784").doesNotContain(STRANGER, "upload-form", "retake");
		assertThat(viewer.get("/waiting").body()).contains("补报_440784").doesNotContain(STRANGER);
		assertThat(viewer.postFile("/inbox/heshan/upload", "file", "x.csv", payments()).statusCode()).isEqualTo(403);
		assertThat(viewer.postForm("/inbox/heshan/retake", Map.of("file", "x.csv")).statusCode()).isEqualTo(403);
	}

	private static void assertRefused(HttpResponse<String> answer, int status, String why) {
		assertThat(answer.statusCode()).isEqualTo(status);
		assertThat(answer.body()).contains(why);
	}

	private static long dropOf(HttpResponse<String> answer) {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
		Matcher m = DROP.matcher(answer.headers().firstValue("Location").orElse(""));
		assertThat(m.matches()).as(answer.headers().firstValue("Location").orElse("no Location")).isTrue();
		return Long.parseLong(m.group(1));
	}

	/** The drop's page once its run has ended. */
	private String awaitRun(FormLoginSession session, long drop) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM ops.inbox_drop d JOIN ops.ingest_run r ON r.id = d.run_id WHERE d.id = ? AND r.status <> 'running'",
					Long.class, drop) == 1);
		String page = session.get("/drops/" + drop).body();
		assertThat(page).contains("id=\"drop-run-link\"").doesNotContain("id=\"drop-waiting\"");
		return page;
	}

}
