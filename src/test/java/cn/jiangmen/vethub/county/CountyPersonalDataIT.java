package cn.jiangmen.vethub.county;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.FormLoginSession;
import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.testdata.IdCards;
import cn.jiangmen.vethub.testdata.ViewerLeaks;
import cn.jiangmen.vethub.testdata.ViewerLeaks.Sample;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static cn.jiangmen.vethub.testdata.ViewerLeaks.fullWidth;
import static cn.jiangmen.vethub.testdata.ViewerLeaks.grouped;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a VIEWER can read about a county's roster and payment sheets that carry personal
 * data in columns the hub does not load (户主, 紧急联系人, 联系人电话, 家属身份证, 备注) and a name column
 * under a configured synonym (军人姓名): pages, API, exports and the feedback file give
 * nobody away.
 */
class CountyPersonalDataIT extends HubIntegrationTest {

	private static final LocalDate HUANG_BORN = LocalDate.of(1962, 5, 7);

	private static final String HUANG = IdCards.valid("440784", HUANG_BORN, 123, true);

	private static final String HUANG_WIFE = IdCards.valid("440784", LocalDate.of(1965, 8, 9), 456, false);

	private static final LocalDate WANG_BORN = LocalDate.of(1958, 3, 14);

	private static final String WANG = IdCards.valid("440784", WANG_BORN, 77, false);

	private static final Sample HUANG_FAMILY = new Sample(List.of(HUANG, HUANG_WIFE), List.of("黄志强", "黄大明", "李四"),
			List.of("13823456789", "13912345678"), HUANG_BORN);

	private static final Sample WANG_FAMILY = new Sample(List.of(WANG), List.of("王秀兰", "王大山"),
			List.of("13902281234", "07503301234"), WANG_BORN);

	private CountyInbox inbox;

	@BeforeEach
	void inbox() {
		this.inbox = new CountyInbox(DATA_DIR, this.jdbc);
	}

	@Test
	void aRosterWithFamilyColumnsAndFreeTextShowsAViewerNothingOfThePeopleInIt() throws Exception {
		Path file;
		try (CountyFiles.Workbook wb = new CountyFiles.Workbook()) {
			Sheet s = wb.sheet("花名册");
			wb.row(s, 0, "序号", "军人姓名", "公民身份号码", "性别", "出生日期", "联系电话", "镇（街）", "户主", "紧急联系人", "联系人电话", "家属身份证", "备注");
			// refused for its check digit; the birth date an Excel serial (22774)
			wb.row(s, 1, 1, "黄志强", IdCards.withWrongCheckDigit(HUANG), "男",
					(double) ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), HUANG_BORN), "13823456789", "沙坪",
					"黄大明", "李 四", "13912345678", fullWidth(HUANG_WIFE), "联系人李四 13912345678 身份证" + grouped(HUANG_WIFE));
			// refused for its town, after its birth date was found right
			wb.row(s, 2, 2, "王秀兰", WANG, "女", "1958-03-14", "139-0228-1234", "火星镇", "王大山", null, null, null,
					"户主王大山，电话0750-3301234，身份证" + WANG.substring(0, 6) + "-" + WANG.substring(6, 14) + "-"
							+ WANG.substring(14));
			file = wb.writeTo(this.inbox.staging("鹤山市花名册_家属.xlsx"));
		}
		long run = this.inbox.load("heshan", file);
		assertThat(this.inbox.run(run)).containsEntry("rows_rejected", 2L);
		Map<String, String> texts = ViewerLeaks.viewerTexts(this.port, viewerApi(), run,
				this.inbox.feedback("heshan", "鹤山市花名册_家属.xlsx.回执.csv"));

		assertThat(texts.get("/runs/" + run)).as("the rows are there, masked")
			.contains("户主", "紧急联系人", "家属身份证", "黄**", "黄*", "李*", "王**", "440784************", "1962-**-**",
					"1958-**-**", "139****5678", "138****6789");
		assertThat(texts.get("feedback file")).contains("黄**", "440784************", "王**");
		ViewerLeaks.assertNothingOf(texts, List.of(HUANG_FAMILY, WANG_FAMILY));
	}

	@Test
	void aPaymentSheetWithTheCollectorsNameAndPhoneShowsAViewerNothingOfThem() throws Exception {
		Path file = CountyFiles.csv(this.inbox.staging("解三难救助发放明细_家属.csv"), CountyFiles.utf8(), true,
				List.of("序号,姓名,身份证号码,救助类别,救助金额（元）,发放日期,经办人,领款人,领款人电话,备注",
						"1,黄志强," + HUANG + ",生活困难,1200.00,2026-11-20,刘主任,黄大明,13912345678,代领人黄大明 身份证 "
								+ fullWidth(HUANG_WIFE) + " 联系人李四",
						"2,王秀兰," + WANG + ",医疗困难,12O.00,2026-11-20,刘主任,王大山,0750-3301234,"));
		long run = this.inbox.load("heshan", file);
		assertThat(this.inbox.run(run)).containsEntry("rows_rejected", 2L);
		Map<String, String> texts = ViewerLeaks.viewerTexts(this.port, viewerApi(), run,
				this.inbox.feedback("heshan", "解三难救助发放明细_家属.csv.回执.csv"));

		assertThat(texts.get("/runs/" + run)).contains("领款人", "黄**", "王**", "刘**", "440784************", "139****5678");
		ViewerLeaks.assertNothingOf(texts,
				List.of(HUANG_FAMILY, WANG_FAMILY, new Sample(List.of(), List.of("刘主任"), List.of(), null)));
		// an administrator still finds the person when asking for full values
		assertThat(
				FormLoginSession.login(this.port, "admin", "admin-test-pw").get("/runs/" + run + "?unmask=true").body())
			.contains("黄大明", HUANG);
	}

}
