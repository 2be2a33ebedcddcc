package cn.jiangmen.vethub.console;

import java.nio.file.Path;
import java.time.Duration;

import cn.jiangmen.vethub.HeadlessChromium;
import cn.jiangmen.vethub.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the console's browser tests: the whole hub ({@link HubIntegrationTest}) and,
 * for each test, a fresh headless Chromium ({@link HeadlessChromium}) with its own
 * profile and download folder, quit after the test; a login through the login form.
 */
abstract class BrowserIntegrationTest extends HubIntegrationTest {

	protected ChromeDriver browser;

	/** Where the browser saves downloads (exports, feedback files) in this test. */
	protected Path downloads;

	protected WebDriverWait wait;

	@BeforeEach
	void openBrowser() {
		HeadlessChromium.requireBrowser();
		this.downloads = HeadlessChromium.tempDir("vethub-downloads-");
		this.browser = HeadlessChromium.start(HeadlessChromium.tempDir("vethub-chromium-"), this.downloads);
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(30), Duration.ofMillis(100));
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	/**
	 * Logs in through the form a console page sends an anonymous visitor to, and waits
	 * for the sources page with the user named in the menu.
	 */
	protected void logIn(String user, String password) {
		this.browser.get(url("/sources"));
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
		assertThat(this.browser.getCurrentUrl()).endsWith("/login");
		this.browser.findElement(By.id("username")).sendKeys(user);
		this.browser.findElement(By.id("password")).sendKeys(password);
		this.browser.findElement(By.id("login-submit")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sources")));
		assertThat(this.browser.findElement(By.id("current-user")).getText()).isEqualTo(user);
	}

	/** The address of a page of this hub. */
	protected String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
