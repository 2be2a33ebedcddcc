package cn.jiangmen.vethub.console;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import cn.jiangmen.vethub.testdata.IdCards;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reports' period and county filter in a real browser (headless Chromium): a viewer
 * picks a month and a county, the tables change, the language switch keeps the filter,
 * the XLSX export names the period in its title row, and the filter form fits a 400 px
 * screen.
 */
class ReportPeriodsBrowserIT extends BrowserIntegrationTest {

	@Test
	void aViewerPicksAMonthAndACountySwitchesLanguageAndExportsThePeriod() throws Exception {
		String heshan = person("440784", LocalDate.of(1985, 3, 1), 1, "440784");
		String enping = person("440785", LocalDate.of(1978, 1, 20), 2, "440785");
		payment(heshan, "生活困难救助", "1000.00", "2025-11-30", "440784");
		payment(heshan, "医疗困难救助", "500.00", "2025-12-01", "440784");
		payment(enping, "生活困难救助", "300.50", "2025-11-01", "440785");
		logIn("viewer", "viewer-test-pw");
		this.browser.get(url("/reports"));
		String allTime = text("report-assistance-by-county");
		assertThat(allTime).contains("鹤山市 2 1,500.00", "恩平市 1 300.50", "全市合计 3 1,800.50");
		// only the inputs of the chosen kind of period are shown
		assertThat(this.browser.findElement(By.id("period-month")).isDisplayed()).isFalse();

		new Select(this.browser.findElement(By.id("period-kind"))).selectByValue("month");
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("period-month")));
		assertThat(this.browser.findElement(By.id("period-year")).isDisplayed()).isFalse();
		// a month input's typing order depends on the browser's locale: set its value
		this.browser.executeScript("arguments[0].value = '2025-11';", this.browser.findElement(By.id("period-month")));
		new Select(this.browser.findElement(By.id("filter-county"))).selectByVisibleText("鹤山市");
		this.browser.findElement(By.id("filters-apply")).click();
		this.wait.until(ExpectedConditions.urlContains("month=2025-11"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("period-summary"), "2025年11月"));
		assertThat(text("period-summary")).contains("期间：2025年11月；县（市、区）：鹤山市");
		String november = text("report-assistance-by-county");
		assertThat(november).contains("鹤山市 1 1,000.00").doesNotContain("恩平市", "1,500.00");
		assertThat(new Select(this.browser.findElement(By.id("filter-county"))).getFirstSelectedOption().getText())
			.isEqualTo("鹤山市");

		// the language switch keeps the filter
		this.browser.findElement(By.id("lang-en")).click();
		this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Reports"));
		assertThat(this.browser.getCurrentUrl()).contains("month=2025-11", "county=440784");
		assertThat(text("period-summary")).contains("Period: 11/2025; county: 鹤山市");
		assertThat(text("report-assistance-by-county")).contains("鹤山市 1 1,000.00").doesNotContain("恩平市");
		assertThat(this.browser.findElement(By.id("period-month")).getDomProperty("value")).isEqualTo("2025-11");
		this.browser.findElement(By.id("lang-zh")).click();
		this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "统计报表"));
		assertThat(this.browser.getCurrentUrl()).contains("month=2025-11", "county=440784");

		// the export has the page's filter, its title row names the period
		this.browser.findElement(By.id("export-assistance-by-county")).click();
		String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
		Path export = this.downloads.resolve("退役军人统计-解三难救助发放（按县（市、区））-" + today + ".xlsx");
		await().atMost(Duration.ofSeconds(20)).until(() -> Files.isRegularFile(export) && Files.size(export) > 0);
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(Files.readAllBytes(export)))) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("解三难救助发放（按县（市、区））（2025年11月）");
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).contains("县（市、区）：鹤山市；期间：2025年11月");
			assertThat(sheet.getRow(4).getCell(0).getStringCellValue()).isEqualTo("鹤山市");
			assertThat(sheet.getRow(4).getCell(2).getNumericCellValue()).isEqualTo(1000.0);
			assertThat(sheet.getLastRowNum()).isEqualTo(4);
		}

		// the filter form wraps on a 400 px screen: the page never scrolls sideways
		this.browser.manage().window().setSize(new Dimension(400, 900));
		this.wait
			.until((driver) -> ((Number) this.browser.executeScript("return window.innerWidth;")).intValue() <= 400);
		this.browser.navigate().refresh();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("period-month")));
		long innerWidth = ((Number) this.browser.executeScript("return window.innerWidth;")).longValue();
		long scrollWidth = ((Number) this.browser.executeScript("return document.documentElement.scrollWidth;"))
			.longValue();
		assertThat(scrollWidth).isLessThanOrEqualTo(innerWidth);
		assertThat((Boolean) this.browser.executeScript(
				"return document.getElementById('filters').getBoundingClientRect().right <= window.innerWidth;"))
			.isTrue();
		Files.copy(this.browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", "console-400-periods.png"),
				StandardCopyOption.REPLACE_EXISTING);
	}

	/** The visible text of an element, whitespace runs (table cells) as one space. */
	private String text(String id) {
		return this.browser.findElement(By.id(id)).getText().replaceAll("\\s+", " ");
	}

	private String person(String region, LocalDate birth, int seq, String county) {
		String id = IdCards.valid(region, birth, seq, seq % 2 == 1);
		this.jdbc.update("""
				INSERT INTO dw.person (id_card, name, gender, birth_date, category, political_status, party_member,
				                       county_code, name_source, name_set_at)
				VALUES (?, ?, ?, ?, '退役士兵', '群众', false, ?, 'province', now())""", id, "人员" + seq,
				(seq % 2 == 1) ? "M" : "F", birth, county);
		return id;
	}

	private void payment(String id, String category, String amount, String paid, String county) {
		this.jdbc.update("""
				INSERT INTO dw.assistance_payment (source_id, id_card, category, amount, paid_date, county_code, run_id)
				VALUES ('heshan', ?, ?, ?, ?::date, ?, 1)""", id, category, new BigDecimal(amount), paid, county);
	}

}
