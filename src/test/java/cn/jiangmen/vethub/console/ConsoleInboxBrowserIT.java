package cn.jiangmen.vethub.console;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import javax.imageio.ImageIO;

import cn.jiangmen.vethub.HeadlessChromium;
import cn.jiangmen.vethub.source.SourceRegistry;
import cn.jiangmen.vethub.system.HubFolders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files sent, files taken again, waiting work and alerts in a real browser (headless
 * Chromium, as {@link ConsoleBrowserIT}): an administrator sends a county file with the
 * form of its files page, lands on the drop's page, which refreshes itself until the
 * source's route has taken the file and then links its run, where a fact waiting for its
 * person is counted as waiting; a refused file in {@code error/} raises the banner, whose
 * link leads to the waiting work, and is taken again with its button. The new pages,
 * banner shown, fit a 400 px wide screen (DOM and screenshot).
 */
class ConsoleInboxBrowserIT extends BrowserIntegrationTest {

	@Autowired
	private HubFolders folders;

	@Autowired
	private SourceRegistry registry;

	private Path files;

	@BeforeEach
	void emptyHeshanFolders() throws IOException {
		this.files = HeadlessChromium.tempDir("vethub-upload-");
		for (Path dir : new Path[] { this.folders.inbox(this.registry.get("heshan")),
				this.folders.errorDir("heshan") }) {
			FileSystemUtils.deleteRecursively(dir);
			Files.createDirectories(dir);
		}
		this.jdbc.update("""
				INSERT INTO dw.person (id_card, name, gender, birth_date, name_source, name_set_at)
				VALUES (?, '黄志强', 'M', DATE '1950-04-02', 'heshan', now())""", ConsoleInboxIT.KNOWN);
	}

	@AfterEach
	void emptyHeshanErrorFolder() throws IOException {
		FileSystemUtils.deleteRecursively(this.folders.errorDir("heshan"));
		Files.createDirectories(this.folders.errorDir("heshan"));
	}

	@Test
	void anAdministratorSendsAFileAndFollowsItToItsRun() throws IOException {
		Path file = this.files.resolve("鹤山市解三难救助发放明细_202611.csv");
		Files.write(file, ConsoleInboxIT.payments());
		logIn("admin", "admin-test-pw");
		this.browser.findElement(By.id("files-heshan")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("upload-form")));

		this.browser.findElement(By.id("upload-file")).sendKeys(file.toString());
		this.browser.findElement(By.id("upload-send")).click();

		// the drop's page refreshes itself until the route has taken the file
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("drop-facts")));
		assertThat(this.browser.getCurrentUrl()).contains("/drops/");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("drop-run-link")));
		this.wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("drop-run-status"), "运行中")));
		assertThat(this.browser.findElement(By.id("drop-trigger")).getText()).isEqualTo("网页上传");
		assertThat(this.browser.findElement(By.id("drop-run-counts")).getText()).isEqualTo("读取 3，入库 1，拒收 1，等待人员信息 1");
		this.browser.findElement(By.id("drop-run-link")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("run-facts")));
		assertThat(this.browser.findElement(By.id("run-rejected")).getText()).isEqualTo("1");
		assertThat(this.browser.findElement(By.id("run-waiting")).getText()).isEqualTo("1");
		assertThat(this.browser.getPageSource()).doesNotContain(ConsoleInboxIT.STRANGER);
	}

	@Test
	void aRefusedFileRaisesTheBannerWhichLeadsToItAndItIsTakenAgain() throws IOException {
		Files.write(this.folders.errorDir("heshan").resolve("鹤山市救助_补报.csv"), ConsoleInboxIT.payments());
		logIn("admin", "admin-test-pw");
		assertThat(this.browser.findElement(By.id("alert-refused-files-heshan")).getText())
			.isEqualTo("鹤山市：error/ 中有 1 个被退回的文件");

		this.browser.findElement(By.id("alert-refused-files-heshan")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("refused-heshan")));
		assertThat(this.browser.getCurrentUrl()).endsWith("/waiting#refused-heshan");
		assertThat(this.browser.findElement(By.id("refused-heshan")).getText()).contains("鹤山市救助_补报.csv");
		this.browser.findElement(By.cssSelector("#refused-heshan a")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("retake-error-0")));
		this.browser.findElement(By.id("retake-error-0")).click();

		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("drop-run-link")));
		assertThat(this.browser.findElement(By.id("drop-trigger")).getText()).isEqualTo("重新处理");
		// the file has left error/: the banner is gone
		this.browser.navigate().refresh();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("drop-facts")));
		assertThat(this.browser.findElements(By.id("alert-refused-files-heshan"))).isEmpty();
	}

	@Test
	void theNewPagesWithTheBannerFitA400PixelWideScreen() throws Exception {
		Files.write(this.folders.errorDir("heshan").resolve("鹤山市退役军人花名册_20261115_很长的文件名_再长一些_补报第二次.xlsx"),
				new byte[] { 1 });
		logIn("admin", "admin-test-pw");
		this.browser.manage().window().setSize(new Dimension(400, 900));
		this.wait
			.until((driver) -> ((Number) this.browser.executeScript("return window.innerWidth;")).intValue() <= 400);
		for (String page : List.of("/waiting", "/inbox/heshan", "/sources")) {
			this.browser.get(url(page));
			this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("alerts")));
			long innerWidth = ((Number) this.browser.executeScript("return window.innerWidth;")).longValue();
			long scrollWidth = ((Number) this.browser.executeScript("return document.documentElement.scrollWidth;"))
				.longValue();
			assertThat(scrollWidth).as(page + ": page width").isLessThanOrEqualTo(innerWidth);
			BufferedImage before = screenshotImage();
			this.browser.executeScript("window.scrollTo(10000, 0);");
			assertThat(((Number) this.browser.executeScript("return window.scrollX;")).longValue()).isZero();
			assertThat(samePixels(before, screenshotImage())).as(page + ": nothing beyond the right edge").isTrue();
			// the banner stays visible with the menu folded
			assertThat(this.browser.findElement(By.id("alert-refused-files-heshan")).isDisplayed()).as(page).isTrue();
			assertThat(this.browser.findElement(By.id("nav-waiting")).isDisplayed()).as(page + ": menu folded")
				.isFalse();
			screenshot("console-400" + page.replace('/', '-') + ".png");
		}
	}

	private BufferedImage screenshotImage() throws IOException {
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

	private void screenshot(String name) {
		try {
			Files.copy(this.browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", name),
					StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
