package cn.jiangmen.vethub.console;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import cn.jiangmen.vethub.cluster.HubInstance;
import cn.jiangmen.vethub.ops.PersonalDataMask;
import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.ops.RunStatus;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.system.HubFolders;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real browser (headless Chromium): an administrator logs in, sees the
 * sources, runs the province source now and watches the run until it finishes, opens its
 * rejects, downloads a feedback file, switches the language; a viewer is refused when
 * pausing a source.
 * <p>
 * The run started is the real province sync against the hub's demo provincial API, and
 * the feedback file downloaded is the one the partner pipeline wrote for a dropped HIS
 * file; the county history on the sources page is seeded through the ledger
 * ({@link ConsoleFixtures}).
 * <p>
 * With {@code -Dvethub.screenshot=docs/console.png} the sources page is also saved there
 * for the README.
 */
class ConsoleBrowserIT extends BrowserIntegrationTest {

	@Autowired
	private RunLedger ledger;

	@Autowired
	private HubFolders folders;

	@Autowired
	private CamelContext camel;

	@Autowired
	private HubInstance hubInstance;

	@Test
	void anAdministratorRunsASourceWatchesItFinishOpensItsRejectsAndDownloadsFeedback() throws Exception {
		long heshanRun = ConsoleFixtures.finishedHeshanRun(this.ledger, this.folders);
		long enping = this.ledger.start("enping", RunTrigger.FILE, "恩平市解三难救助发放明细_202611.xlsx", "9".repeat(64));
		this.ledger.finish(enping, RunStatus.UNREADABLE, 0, 0, 0, "不是可读取的 XLSX 或 CSV 文件", null);
		logIn("admin", "admin-test-pw");

		// the sources, in Chinese, with the county's last run and the province's next
		// scheduled sync
		WebElement heshan = this.browser.findElement(By.id("source-heshan"));
		assertThat(heshan.getText()).contains("鹤山市", "成功", "读取 120，入库 117，拒收 3");
		assertThat(this.browser.findElement(By.id("source-enping")).getText()).contains("出错", "文件无法读取");
		assertThat(this.browser.findElement(By.id("source-province")).getText()).contains("广东省退役军人信息管理系统", "02:00");
		screenshotForReadme();

		// run the province now: the real sync, against the hub's demo provincial API; the
		// run finishes
		this.browser.findElement(By.id("run-province")).click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "数据源 province 已开始运行"));
		long run = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForList("SELECT id FROM ops.ingest_run WHERE source_id = 'province'",
					Long.class), (ids) -> ids.size() == 1)
			.get(0);
		this.browser.findElement(By.id("nav-runs")).click();
		By runRow = By.id("run-" + run);
		this.wait.until(ExpectedConditions.presenceOfElementLocated(runRow));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(runRow, "成功"));
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#runs-chart canvas")));
		screenshot("console-runs.png");
		assertThat(this.browser.findElement(runRow).getText()).contains("52");

		// its rejects: counts by reason, records with masked ID numbers
		this.browser.findElement(By.id("run-link-" + run)).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reasons")));
		assertThat(this.browser.findElement(By.id("reason-bad_checksum")).getText()).contains("校验位");
		assertThat(this.browser.findElement(By.id("reason-unknown_person")).getText()).isNotBlank();
		String badId = this.jdbc.queryForObject(
				"SELECT raw_values->>'sfzhm' FROM ops.rejected_row WHERE run_id = ? AND reason = 'bad_checksum' LIMIT 1",
				String.class, run);
		String rejects = this.browser.findElement(By.id("rejected-rows")).getText();
		assertThat(rejects).contains(PersonalDataMask.idCard(badId)).doesNotContain(badId);
		// veterans and visits apart, field codes with their labels, codes decoded; the
		// rejected rows exported as XLSX under a Chinese name
		String page = this.browser.findElement(By.tagName("main")).getText();
		assertThat(page).contains("退役军人记录", "走访记录");
		assertThat(page).contains("身份证号码 (sfzhm)", "人员类别 (rylb)");
		this.browser.findElement(By.id("export-rejects")).click();
		Path export = this.downloads.resolve("拒收明细-运行" + run + ".xlsx");
		await().atMost(Duration.ofSeconds(20)).until(() -> Files.isRegularFile(export) && Files.size(export) > 0);
		assertThat(Files.readAllBytes(export)).startsWith('P', 'K');

		// a partner drops a file: the hospital's HIS export (linked to the veterans just
		// synced) is loaded,
		// its run is shown with its rejects, and its feedback file downloads as the
		// pipeline wrote it
		Path inbox = DATA_DIR.resolve("inbox/partners/city-hospital");
		Path staged = Files.copy(Path.of("samples/partners/city-hospital/his_202611.txt"),
				DATA_DIR.resolve("his_202611.txt"), StandardCopyOption.REPLACE_EXISTING);
		Files.move(staged, inbox.resolve("his_202611.txt"), StandardCopyOption.ATOMIC_MOVE);
		Map<String, Object> his = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForList(
					"SELECT id, feedback_file FROM ops.ingest_run WHERE source_id = 'city-hospital' AND status = 'succeeded'"),
					(rows) -> rows.size() == 1)
			.get(0);
		this.browser.get(url("/runs/" + his.get("id")));
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reasons")));
		assertThat(this.browser.findElement(By.id("reason-bad_amount")).getText()).contains("金额");
		assertThat(this.browser.findElement(By.id("rejected-rows")).getText()).contains("12O.00");
		this.browser.findElement(By.id("download-feedback")).click();
		String feedbackName = (String) his.get("feedback_file");
		Path downloaded = this.downloads.resolve(feedbackName);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> Files.isRegularFile(downloaded) && Files.size(downloaded) > 0);
		assertThat(Files.readAllBytes(downloaded))
			.isEqualTo(Files.readAllBytes(this.folders.outboxDir("city-hospital").resolve(feedbackName)));

		// a county run's feedback file, as the county pipeline leaves it in the outbox
		this.browser.get(url("/runs/" + heshanRun));
		assertThat(this.browser.findElement(By.id("rejected-rows")).getText()).contains("黄**", "138****1234")
			.doesNotContain("黄志强");
	}

	@Test
	void theConsoleSwitchesToEnglishAndRemembersIt() {
		logIn("admin", "admin-test-pw");
		assertThat(this.browser.findElement(By.id("nav-sources")).getText()).isEqualTo("数据源");
		this.browser.findElement(By.id("lang-en")).click();
		this.wait.until(ExpectedConditions.textToBe(By.id("nav-sources"), "Sources"));
		this.browser.findElement(By.id("nav-reports")).click();
		this.wait.until(ExpectedConditions.titleContains("Reports"));
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Reports");
		// the charts are drawn by ECharts from the webjar, under the content security
		// policy (hardship payments list every county, 0 when none paid; a report
		// without rows, as visit coverage here without persons, says so instead)
		this.wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#report-assistance-by-county .chart canvas")));
		assertThat(this.browser.findElement(By.id("empty-visit-coverage")).getText()).isEqualTo("No data yet.");
		screenshot("console-reports.png");
		this.browser.findElement(By.id("lang-zh")).click();
		this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "统计报表"));
	}

	@Test
	void aViewerSeesNoPauseButtonAndIsRefusedWhenPausingAnyway() {
		logIn("viewer", "viewer-test-pw");
		assertThat(this.browser.findElement(By.id("source-heshan")).getText()).contains("鹤山市");
		assertThat(this.browser.findElements(By.id("pause-heshan"))).isEmpty();
		// the form an administrator gets, submitted by a viewer with a valid session and
		// CSRF token
		this.browser.executeScript("""
				const form = document.createElement('form');
				form.method = 'post';
				form.action = '/sources/heshan/pause';
				const token = document.createElement('input');
				token.type = 'hidden';
				token.name = '_csrf';
				token.value = document.querySelector('meta[name=_csrf]').content;
				form.appendChild(token);
				document.body.appendChild(form);
				form.submit();""");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("forbidden")));
		assertThat(this.browser.findElement(By.id("forbidden")).getText()).isEqualTo("无权操作");
		assertThat(this.camel.getRouteController().getRouteStatus("heshan")).as("heshan's route, if any, still runs")
			.satisfiesAnyOf((s) -> assertThat(s).isNull(), (s) -> assertThat(s.isStarted()).isTrue());
	}

	@Test
	void theRunsListReloadsWhileARunIsRunningOnlyAndKeepsItsFiltersAcrossTheLanguageSwitch() {
		long running = this.ledger.start("heshan", RunTrigger.FILE, "鹤山_大文件.xlsx", "f".repeat(64));
		logIn("viewer", "viewer-test-pw");
		this.browser.get(url("/runs?source=heshan&status=running"));
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("auto-refresh")));
		assertThat(this.browser.findElement(By.id("run-" + running)).getText()).contains("鹤山市", "运行中");
		// the page reloads by itself (a marker set in this page is gone) ...
		this.browser.executeScript("window.vethubMarker = 'before reload';");
		this.wait.until((driver) -> this.browser.executeScript("return window.vethubMarker === undefined;"));
		// ... and once the run has finished it shows so, then stops reloading
		this.ledger.finish(running, RunStatus.SUCCEEDED, 10, 10, 0, null, null);
		this.browser.get(url("/runs?source=heshan"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-" + running), "成功"));
		assertThat(this.browser.findElements(By.id("auto-refresh"))).isEmpty();
		this.browser.executeScript("window.vethubMarker = 'stays';");
		// no reload for longer than a refresh period: the marker is still there
		await().during(Duration.ofSeconds(7))
			.atMost(Duration.ofSeconds(10))
			.until(() -> "stays".equals(this.browser.executeScript("return window.vethubMarker;")));
		// English, with the same filter
		this.browser.findElement(By.id("lang-en")).click();
		this.wait.until(ExpectedConditions.textToBe(By.id("nav-runs"), "Runs"));
		assertThat(this.browser.getCurrentUrl()).contains("source=heshan", "lang=en");
		assertThat(this.browser.findElement(By.id("filter-source")).getDomProperty("value")).isEqualTo("heshan");
		assertThat(this.browser.findElement(By.id("run-" + running)).getText()).contains("succeeded");
	}

	@Test
	void theHubsPageListsEveryHubAliveOrDeadWithTheLeaderAndTheRunsSayWhichHubRanThem() {
		HubInstance self = this.hubInstance;
		await().atMost(Duration.ofSeconds(20)).until(() -> self.leads("vethub-scheduled"));
		// a peer that died five minutes ago (rows ten timeouts old are forgotten), with
		// the run it was loading when it died
		UUID dead = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO ops.hub_instance (id, host, pid, port, started_at, heartbeat_at)
				VALUES (?, 'hub-b.jiangmen.local', 31337, 8081, clock_timestamp() - interval '3 hours',
				        clock_timestamp() - interval '5 minutes')""", dead);
		long ofPeer = this.ledger.start("kaiping", RunTrigger.FILE, "开平市退役军人花名册_20261203.xlsx", "d".repeat(64));
		this.jdbc.update("UPDATE ops.ingest_run SET instance_id = ?, status = 'failed', finished_at = clock_timestamp()"
				+ " WHERE id = ?", dead, ofPeer);
		long ours = this.ledger.start("heshan", RunTrigger.FILE, "鹤山市退役军人花名册_20261203.xlsx", "e".repeat(64));
		this.ledger.succeed(ours, 4, 4, 0, null);
		logIn("viewer", "viewer-test-pw");

		this.browser.findElement(By.id("nav-instances")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("instances")));
		String selfShort = self.id().toString().substring(0, 8);
		String mine = this.browser.findElement(By.id("instance-" + selfShort)).getText();
		assertThat(mine).contains(selfShort, "（本节点）", self.host() + ":" + this.port,
				Long.toString(ProcessHandle.current().pid()), "在线", "主节点（vethub-scheduled）", "province",
				"cluster-dead-hub-runs");
		String peer = this.browser.findElement(By.id("instance-" + dead.toString().substring(0, 8))).getText();
		assertThat(peer).contains("hub-b.jiangmen.local:8081", "31337", "已停止", "否").doesNotContain("本节点");
		assertThat(this.browser.findElement(By.id("instances-note")).getText()).contains("file", "60 秒");
		screenshot("console-instances.png");

		// the runs list and a run's page name the hub that ran it
		this.browser.findElement(By.id("nav-runs")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("run-" + ours)));
		assertThat(this.browser.findElement(By.id("instance-" + ours)).getText()).isEqualTo(selfShort);
		assertThat(this.browser.findElement(By.id("instance-" + ours)).getDomAttribute("title"))
			.isEqualTo(self.host() + ":" + this.port);
		assertThat(this.browser.findElement(By.id("instance-" + ofPeer)).getText())
			.isEqualTo(dead.toString().substring(0, 8));
		this.browser.findElement(By.id("run-link-" + ofPeer)).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("run-instance")));
		assertThat(this.browser.findElement(By.id("run-instance")).getText()).contains(dead.toString(),
				"hub-b.jiangmen.local:8081");

		// in English too
		this.browser.get(url("/instances?lang=en"));
		this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Hubs on this warehouse"));
		assertThat(this.browser.findElement(By.id("instance-" + selfShort)).getText()).contains("(this hub)", "alive",
				"leader (vethub-scheduled)");
		assertThat(this.browser.findElement(By.id("instance-" + dead.toString().substring(0, 8))).getText())
			.contains("dead");
	}

	@Test
	void theConsoleFitsA400PixelWideScreen() throws Exception {
		long heshanRun = ConsoleFixtures.finishedHeshanRun(this.ledger, this.folders);
		logIn("admin", "admin-test-pw");
		this.browser.manage().window().setSize(new Dimension(400, 900));
		this.wait
			.until((driver) -> ((Number) this.browser.executeScript("return window.innerWidth;")).intValue() <= 400);
		for (String page : List.of("/sources", "/runs", "/runs/" + heshanRun, "/reports", "/overview", "/instances",
				"/runs/987654321")) {
			this.browser.get(url(page));
			this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nav-toggle")));
			if (page.equals("/runs") || page.equals("/reports")) {
				this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".chart canvas")));
				// the chart is drawn at the card's width, not the desktop's
				assertThat((Boolean) this.browser.executeScript("""
						return Array.from(document.querySelectorAll('.chart')).every((c) =>
						  c.querySelector('canvas') && c.querySelector('canvas').getBoundingClientRect().right
						    <= c.getBoundingClientRect().right + 1);""")).as(page + ": charts inside their card")
					.isTrue();
			}
			// the page itself never scrolls sideways: wide tables scroll inside their
			// card
			long innerWidth = ((Number) this.browser.executeScript("return window.innerWidth;")).longValue();
			long scrollWidth = ((Number) this.browser.executeScript("return document.documentElement.scrollWidth;"))
				.longValue();
			assertThat(scrollWidth).as(page + ": page width").isLessThanOrEqualTo(innerWidth);
			// the same, seen in the screenshots: one at the viewport's width, and
			// scrolling
			// the page all the way right shows exactly the same picture
			BufferedImage before = screenshotImage();
			double ratio = ((Number) this.browser.executeScript("return window.devicePixelRatio;")).doubleValue();
			assertThat(before.getWidth()).as(page + ": screenshot width")
				.isEqualTo((int) Math.round(innerWidth * ratio));
			this.browser.executeScript("window.scrollTo(10000, 0);");
			assertThat(((Number) this.browser.executeScript("return window.scrollX;")).longValue()).isZero();
			BufferedImage after = screenshotImage();
			assertThat(samePixels(before, after)).as(page + ": nothing beyond the right edge").isTrue();
			screenshot("console-400" + page.replace('/', '-') + ".png");
			// the menu is folded behind its toggle
			assertThat(this.browser.findElement(By.id("nav-runs")).isDisplayed()).as(page + ": menu folded").isFalse();
		}
		// the rejected rows' table scrolls inside its card
		this.browser.get(url("/runs/" + heshanRun));
		assertThat((Boolean) this.browser.executeScript(
				"const t = document.getElementById('rejected-rows').parentElement; return t.scrollWidth > t.clientWidth;"))
			.isTrue();
		// the toggle opens the menu
		this.browser.findElement(By.id("nav-toggle")).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav-runs")));
		assertThat(this.browser.findElement(By.id("nav-toggle")).getDomAttribute("aria-expanded")).isEqualTo("true");
		this.browser.findElement(By.id("nav-runs")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("runs-pager")));
	}

	private BufferedImage screenshotImage() throws java.io.IOException {
		return ImageIO.read(new ByteArrayInputStream(this.browser.getScreenshotAs(OutputType.BYTES)));
	}

	private static boolean samePixels(BufferedImage a, BufferedImage b) {
		if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
			return false;
		}
		for (int y = 0; y < a.getHeight(); y++) {
			for (int x = 0; x < a.getWidth(); x++) {
				if (a.getRGB(x, y) != b.getRGB(x, y)) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * A screenshot in target/, to look at when a browser test fails or the pages change.
	 */
	private void screenshot(String name) {
		try {
			Files.copy(this.browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", name),
					StandardCopyOption.REPLACE_EXISTING);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private void screenshotForReadme() throws Exception {
		Path shot = this.browser.getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(shot, Path.of("target", "console.png"), StandardCopyOption.REPLACE_EXISTING);
		String readme = System.getProperty("vethub.screenshot");
		if (readme != null && !readme.isBlank()) {
			Files.createDirectories(Path.of(readme).toAbsolutePath().getParent());
			Files.copy(shot, Path.of(readme), StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
