package cn.jiangmen.vethub.console;

import java.util.List;

import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.warehouse.PersonMerger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search, the person page and a source's page in a real browser (headless Chromium):
 * an administrator searches a person by a lower-case ID, opens the person and sees which
 * source set each field, then opens a county's page from the sources list and the runs
 * list; a viewer finds the same person masked; both pages fit a 400-pixel-wide screen.
 */
class SearchAndSourceBrowserIT extends BrowserIntegrationTest {

	@Autowired
	private RunLedger ledger;

	@Autowired
	private PersonMerger merger;

	@Autowired
	private PlatformTransactionManager transactions;

	@Autowired
	private PersonSearch search;

	@BeforeEach
	void forgetLookups() {
		this.search.clearLookups();
	}

	@Test
	void anAdministratorSearchesAPersonSeesTheLineageAndOpensTheSourcesOfIt() {
		long[] runs = PersonFixtures.load(DATA_DIR, this.jdbc, this.ledger, this.merger, this.transactions);
		logIn("admin", "admin-test-pw");
		this.browser.findElement(By.id("nav-search")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("search-q")))
			.sendKeys(PersonFixtures.ID.toLowerCase());
		this.browser.findElement(By.id("search-go")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#search-persons a.person-link")));
		assertThat(this.browser.getCurrentUrl()).as("no ID number in the URL").doesNotContain("4407");
		assertThat(this.browser.findElement(By.id("search-persons")).getText()).contains(PersonFixtures.ID, "黄志明",
				"开平市", "长沙街道");
		this.browser.findElement(By.cssSelector("#search-persons a.person-link")).click();

		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("person-fields")));
		assertThat(this.browser.getCurrentUrl()).doesNotContain(PersonFixtures.ID.substring(0, 6));
		assertThat(this.browser.findElement(By.id("field-name")).getText()).contains("黄志明", "广东省退役军人信息管理系统", "省系统优先");
		assertThat(this.browser.findElement(By.id("field-phone")).getText()).contains(PersonFixtures.HESHAN_PHONE,
				"鹤山市", "#" + runs[1], "最新");
		assertThat(this.browser.findElement(By.id("field-village")).getText()).contains("幕沙村", "开平市");
		// Heshan's observation: its phone won, its name (misspelt) did not
		WebElement heshan = this.browser.findElement(By.id("observation-1"));
		assertThat(heshan.findElement(By.cssSelector("td[data-field=phone]")).getAttribute("class")).contains("won");
		assertThat(heshan.findElement(By.cssSelector("td[data-field=name]")).getText()).isEqualTo("黄智明");
		assertThat(heshan.findElement(By.cssSelector("td[data-field=name]")).getAttribute("class"))
			.doesNotContain("won");
		assertThat(this.browser.findElement(By.id("facts-medical_service")).getText()).contains("视力检查", "30.00");

		// the source that set the phone, from the lineage, then from the lists
		this.browser.findElement(By.cssSelector("#field-phone td.source a")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("source-settings")));
		assertThat(this.browser.findElement(By.id("source-heading")).getText()).contains("鹤山市", "heshan");
		assertThat(this.browser.findElement(By.id("source-runs")).getText()).contains("鹤山市退役军人花名册_20261115.csv");
		assertThat(this.browser.findElement(By.id("source-next")).getText()).contains("秒检查收件目录");
		this.browser.findElement(By.id("nav-sources")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("source-link-eye-hospital"))).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("source-mapping")));
		assertThat(this.browser.findElement(By.id("source-mapping")).getText()).contains("身份证号",
				"dw.medical_service.id_card");
		this.browser.findElement(By.id("nav-runs")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("run-" + runs[2])))
			.findElement(By.cssSelector("td.source a"))
			.click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("source-heading")));
		assertThat(this.browser.findElement(By.id("source-heading")).getText()).contains("开平市");
	}

	@Test
	void aViewerFindsThePersonMaskedAndThePagesFitAPhone() {
		PersonFixtures.load(DATA_DIR, this.jdbc, this.ledger, this.merger, this.transactions);
		logIn("viewer", "viewer-test-pw");
		this.browser.get(url("/search"));
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("search-q"))).sendKeys("黄志明");
		this.browser.findElement(By.id("search-go")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice-names-admin-only")));
		assertThat(this.browser.findElements(By.cssSelector("#search-persons a.person-link"))).isEmpty();

		this.browser.findElement(By.id("search-q")).sendKeys(PersonFixtures.ID);
		this.browser.findElement(By.id("search-go")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#search-persons a.person-link")))
			.click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("person-fields")));
		String page = this.browser.findElement(By.tagName("body")).getText();
		assertThat(page).contains("440784************", "黄**", "1958-**-**", "139****2222")
			.doesNotContain(PersonFixtures.ID, "黄志明", "黄智明", PersonFixtures.HESHAN_PHONE, "1958-03-12");

		this.browser.manage().window().setSize(new Dimension(400, 900));
		this.wait
			.until((driver) -> ((Number) this.browser.executeScript("return window.innerWidth;")).intValue() <= 400);
		String person = this.browser.getCurrentUrl();
		for (String url : List.of(person, url("/sources/heshan"), url("/sources/pharmacy-db"), url("/search"))) {
			this.browser.get(url);
			this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nav-toggle")));
			long innerWidth = ((Number) this.browser.executeScript("return window.innerWidth;")).longValue();
			long scrollWidth = ((Number) this.browser.executeScript("return document.documentElement.scrollWidth;"))
				.longValue();
			assertThat(scrollWidth).as(url + ": page width").isLessThanOrEqualTo(innerWidth);
		}
	}

}
