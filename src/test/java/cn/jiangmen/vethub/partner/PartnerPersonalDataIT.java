package cn.jiangmen.vethub.partner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.testdata.IdCards;
import cn.jiangmen.vethub.testdata.ViewerLeaks;
import cn.jiangmen.vethub.testdata.ViewerLeaks.Sample;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import static cn.jiangmen.vethub.testdata.ViewerLeaks.fullWidth;
import static cn.jiangmen.vethub.testdata.ViewerLeaks.grouped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a VIEWER can read about each partner format's refused rows when a partner sends
 * more than it was asked for (contacts, a family member's ID, a birth date, remarks) and
 * its name column under a header of its own (被保险人): pages, API, exports and the feedback
 * file give nobody away, and the eye hospital's record key, derived from the ID, is never
 * shown.
 */
class PartnerPersonalDataIT extends HubIntegrationTest {

	private static final LocalDate HUANG_BORN = LocalDate.of(1944, 8, 2);

	/** Not in the warehouse: the row waits as unknown_person, raw values and all. */
	private static final String HUANG = IdCards.valid("440781", HUANG_BORN, 35, true);

	private static final String HUANG_SON = IdCards.valid("440781", LocalDate.of(1970, 2, 3), 88, true);

	private static final LocalDate WANG_BORN = LocalDate.of(1939, 12, 30);

	private static final String WANG = IdCards.valid("440705", WANG_BORN, 48, false);

	private static final Sample HUANG_FAMILY = new Sample(List.of(HUANG, HUANG_SON), List.of("黄志强", "黄小明", "李四"),
			List.of("13823456789", "13912345678"), HUANG_BORN);

	private static final Sample WANG_FAMILY = new Sample(List.of(WANG), List.of("王秀兰"), List.of("13700001234"),
			WANG_BORN);

	private static final String REMARK = "联系人李四 13912345678 身份证" + grouped(HUANG_SON);

	@Test
	void eyeHospitalCsv() throws IOException {
		String csv = String.join("\r\n", "就诊日期,姓名,身份证号,检查项目,费用合计,优惠金额,联系电话,紧急联系人,家属身份证,出生日期,备注",
				"2026-11-05,黄志强," + HUANG + ",视力检查,30.00,30.00,13823456789,黄小明," + fullWidth(HUANG_SON) + ","
						+ HUANG_BORN + "," + REMARK,
				"2026-11-06,王秀兰," + IdCards.withWrongCheckDigit(WANG) + ",眼压,20.00,0,137 0000 1234,,,"
						+ WANG_BORN.toString().replace("-", "") + ",户主王秀兰")
				+ "\r\n";
		long run = load("eye-hospital", "eye_202611.csv", csv.getBytes(StandardCharsets.UTF_8));
		Map<String, String> texts = texts(run, "eye-hospital", "eye_202611.csv");

		String key = this.jdbc.queryForObject(
				"SELECT record_key FROM ops.rejected_row WHERE run_id = ? AND reason = 'unknown_person'", String.class,
				run);
		assertThat(key).as("the unkeyed SHA-256 of date, ID and item").hasSize(64);
		assertThat(texts.get("/runs/" + run))
			.contains("紧急联系人", "黄**", "黄**", "440781************", "1944-**-**", "1939-**-**", "138****6789")
			.as("the key shown as its keyed pseudonym")
			.containsPattern("#[0-9a-f]{16}");
		for (Map.Entry<String, String> text : texts.entrySet()) {
			assertThat(text.getValue()).as(text.getKey()).doesNotContain(key);
		}
		ViewerLeaks.assertNothingOf(texts, List.of(HUANG_FAMILY, WANG_FAMILY));
	}

	@Test
	void cityHospitalGbkPipeText() throws IOException {
		String his = String.join("\r\n", "流水号|就诊日期|姓名|身份证号|科室|服务项目|总费用|减免金额|联系电话|出生日期|备注",
				"ZY2026110101|20261101|黄志强|" + HUANG + "|眼科|复查|320.00|96.00|13823456789|"
						+ HUANG_BORN.toString().replace("-", "") + "|" + REMARK + " 户主黄小明",
				"ZY2026110102|20261102|王秀兰|" + IdCards.withWrongCheckDigit(WANG)
						+ "|内科|诊查|45.50|45.50|+86 137 0000 1234|" + WANG_BORN + "|",
				"TOTAL|2") + "\r\n";
		long run = load("city-hospital", "his_家属.txt", his.getBytes(Charset.forName("GBK")));
		Map<String, String> texts = texts(run, "city-hospital", "his_家属.txt");

		assertThat(texts.get("/runs/" + run)).contains("黄**", "王**", "440781************", "1944-**-**", "138****6789",
				"ZY2026110101");
		ViewerLeaks.assertNothingOf(texts, List.of(HUANG_FAMILY, WANG_FAMILY));
	}

	@Test
	void insurerXlsxWithTheNameUnderItsOwnHeader() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (XSSFWorkbook wb = new XSSFWorkbook()) {
			CellStyle date = wb.createCellStyle();
			date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
			Sheet s = wb.createSheet("承保清单");
			String[] headers = { "保单号", "被保险人", "证件类型", "证件号码", "性别", "年龄", "生效日期", "终止日期", "保费", "保额", "投保人", "联系电话",
					"出生日期", "受益人", "备注" };
			Row header = s.createRow(0);
			for (int c = 0; c < headers.length; c++) {
				header.createCell(c).setCellValue(headers[c]);
			}
			policy(s, 1, date, "PA2026440700000123", "黄志强", HUANG, HUANG_BORN, "黄小明", 13823456789L, REMARK);
			policy(s, 2, date, "PA2026440700000124", "王秀兰", IdCards.withWrongCheckDigit(WANG), WANG_BORN, "王大山",
					13700001234L, "");
			wb.write(bytes);
		}
		long run = load("insurer", "承保清单_家属.xlsx", bytes.toByteArray());
		Map<String, String> texts = texts(run, "insurer", "承保清单_家属.xlsx");

		assertThat(texts.get("/runs/" + run)).contains("被保险人", "黄**", "王**", "440781************", "1944-**-**",
				"PA2026440700000123");
		ViewerLeaks.assertNothingOf(texts,
				List.of(HUANG_FAMILY, WANG_FAMILY, new Sample(List.of(), List.of("王大山"), List.of(), null)));
	}

	private static void policy(Sheet s, int index, CellStyle date, String no, String name, String id, LocalDate born,
			String beneficiary, long phone, String remark) {
		Row row = s.createRow(index);
		row.createCell(0).setCellValue(no);
		row.createCell(1).setCellValue(name);
		row.createCell(2).setCellValue("居民身份证");
		row.createCell(3).setCellValue(id);
		row.createCell(4).setCellValue("男");
		row.createCell(5).setCellValue(82);
		row.createCell(6).setCellValue(LocalDate.of(2026, 1, 1));
		row.getCell(6).setCellStyle(date);
		row.createCell(7).setCellValue(LocalDate.of(2026, 12, 31));
		row.getCell(7).setCellStyle(date);
		row.createCell(8).setCellValue(120);
		row.createCell(9).setCellValue(50000);
		row.createCell(10).setCellValue("江门市退役军人事务局");
		// numbers where Excel users type them: the phone and the birth date's serial
		row.createCell(11).setCellValue((double) phone);
		row.createCell(12).setCellValue((double) ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), born));
		row.createCell(13).setCellValue(beneficiary);
		row.createCell(14).setCellValue(remark);
	}

	private long load(String partner, String name, byte[] content) throws IOException {
		Path staging = Files.createTempFile(DATA_DIR, ".drop-", ".tmp");
		Files.write(staging, content);
		Files.move(staging, DATA_DIR.resolve("inbox/partners").resolve(partner).resolve(name),
				StandardCopyOption.ATOMIC_MOVE);
		Long run = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc
				.query("SELECT id FROM ops.ingest_run WHERE source_id = ? AND file_name = ? AND status <> 'running'",
						(rs, i) -> rs.getLong(1), partner, name)
				.stream()
				.findFirst()
				.orElse(null), (id) -> id != null);
		assertThat(this.jdbc.queryForObject("SELECT rows_rejected FROM ops.ingest_run WHERE id = ?", Long.class, run))
			.isEqualTo(2L);
		return run;
	}

	private Map<String, String> texts(long run, String partner, String name) throws IOException {
		String feedback = Files.readString(DATA_DIR.resolve("outbox").resolve(partner).resolve(name + ".回执.csv"),
				StandardCharsets.UTF_8);
		assertThat(feedback).contains("440781************");
		return ViewerLeaks.viewerTexts(this.port, viewerApi(), run, feedback);
	}

}
