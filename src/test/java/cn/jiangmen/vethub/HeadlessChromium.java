package cn.jiangmen.vethub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, both named explicitly so
 * that Selenium Manager never tries to download a browser or a driver. Without them,
 * browser tests are skipped with a message, unless {@code VETHUB_REQUIRE_BROWSER=true}
 * (set by {@code .ci/run}): then they fail.
 */
public final class HeadlessChromium {

	static final String BROWSER = System.getenv().getOrDefault("VETHUB_CHROMIUM", "/usr/bin/chromium");

	static final String DRIVER = System.getenv().getOrDefault("VETHUB_CHROMEDRIVER", "/usr/bin/chromedriver");

	private HeadlessChromium() {
	}

	/**
	 * Skips (locally) or fails (CI) the calling test class when the browser or its driver
	 * is missing.
	 */
	public static void requireBrowser() {
		boolean present = Files.isExecutable(Path.of(BROWSER)) && Files.isExecutable(Path.of(DRIVER));
		if (present) {
			return;
		}
		String message = "Browser tests need Debian's chromium and chromium-driver (" + BROWSER + ", " + DRIVER
				+ "): apt-get install -y chromium chromium-driver";
		if ("true".equalsIgnoreCase(System.getenv("VETHUB_REQUIRE_BROWSER"))) {
			Assertions.fail(message + " (VETHUB_REQUIRE_BROWSER=true: they must run here)");
		}
		Assumptions.abort(message + " (skipped)");
	}

	/**
	 * A fresh headless browser with its own profile; downloads go to {@code downloads}
	 * without asking.
	 */
	public static ChromeDriver start(Path profile, Path downloads) {
		System.setProperty("webdriver.chrome.driver", DRIVER);
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BROWSER);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-default-apps", "--window-size=1400,900", "--lang=zh-CN",
				"--user-data-dir=" + profile.toAbsolutePath());
		options.setExperimentalOption("prefs",
				Map.of("download.default_directory", downloads.toAbsolutePath().toString(),
						"download.prompt_for_download", false, "safebrowsing.enabled", false, "intl.accept_languages",
						"zh-CN,zh"));
		options.setExperimentalOption("excludeSwitches", List.of("enable-automation"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(DRIVER).toFile())
			.usingAnyFreePort()
			.withSilent(true)
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return driver;
	}

	public static Path tempDir(String prefix) {
		try {
			return Files.createTempDirectory(prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
