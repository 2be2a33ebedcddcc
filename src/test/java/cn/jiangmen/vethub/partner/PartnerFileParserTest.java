package cn.jiangmen.vethub.partner;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.ingest.UnreadableFileException;
import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.partner.PartnerFileParser.ParsedFile;
import cn.jiangmen.vethub.source.PartnerSettings;
import cn.jiangmen.vethub.source.PartnerSettings.Field;
import cn.jiangmen.vethub.source.PartnerSettings.Format;
import cn.jiangmen.vethub.source.PartnerSettings.Mapping;
import cn.jiangmen.vethub.source.PartnerSettings.Target;
import cn.jiangmen.vethub.testdata.IdCards;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static cn.jiangmen.vethub.partner.PartnerFixtures.CHEN;
import static cn.jiangmen.vethub.partner.PartnerFixtures.LI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The partner file parser on its own: header, skip rules, trailer, precedence, without
 * database or routes.
 */
class PartnerFileParserTest {

	@TempDir
	Path dir;

	@Test
	void aRowIsRefusedForTheFirstReasonInPrecedence() throws Exception {
		ParsedFile parsed = parse(his(), "his.txt", """
				流水号|就诊日期|姓名|身份证号|科室|服务项目|总费用|减免金额
				A1|20260931|陈志强|%2$s|内科|诊查|12O.00|0
				A2|20260931|陈志强|%1$s|内科|诊查|12O.00|0
				A3|20261101|陈志强|%1$s|内科|诊查|12O.00|0
				|20261101|陈志强|4.40781E+17|内科|诊查|10|0
				TOTAL|4
				""".formatted(CHEN, IdCards.withWrongCheckDigit(CHEN)), Charset.forName("GBK"));

		assertThat(parsed.facts()).isEmpty();
		assertThat(parsed.rejects()).extracting(RejectedRow::rowNumber, RejectedRow::reason)
			.containsExactly(tuple(2L, RejectReason.BAD_CHECKSUM), tuple(3L, RejectReason.INVALID_DATE),
					tuple(4L, RejectReason.BAD_AMOUNT), tuple(5L, RejectReason.MISSING_REQUIRED));
		assertThat(parsed.rejects().get(3).detail()).isEqualTo("流水号为空");
	}

	@Test
	void quotesAreOrdinaryCharactersInDelimitedText() throws Exception {
		ParsedFile parsed = parse(his(), "his.txt", """
				流水号|就诊日期|姓名|身份证号|科室|服务项目|总费用|减免金额
				A1|20261101|李?祥|%s|眼科|"专家"号|30|30
				TOTAL|1
				""".formatted(LI), Charset.forName("GBK"));

		assertThat(parsed.facts()).singleElement()
			.satisfies(
					(f) -> assertThat(f.columns()).containsEntry("item", "\"专家\"号").containsEntry("record_key", "A1"));
	}

	@Test
	void aTrailerFollowedByMoreLinesIsRefused() {
		assertThatExceptionOfType(UnreadableFileException.class).isThrownBy(() -> parse(his(), "his.txt", """
				流水号|就诊日期|姓名|身份证号|科室|服务项目|总费用|减免金额
				A1|20261101|李?祥|%1$s|眼科|视力|30|30
				TOTAL|1
				A2|20261102|李?祥|%1$s|眼科|视力|30|30
				""".formatted(LI), Charset.forName("GBK"))).withMessageContaining("第 4 行：结尾行（TOTAL）之后还有内容");
	}

	@Test
	void aHeaderWithoutAnAgreedColumnRefusesTheFileNamingIt() {
		assertThatExceptionOfType(UnreadableFileException.class).isThrownBy(() -> parse(his(), "his.txt", """
				流水号|日期|姓名|身份证号|科室|服务项目|总费用|减免金额
				TOTAL|0
				""", Charset.forName("GBK"))).withMessageContaining("第 1 行表头缺少约定的列（dw.medical_service：就诊日期）");
	}

	@Test
	void aRefusedRowKeepsEveryColumnEvenUnderARepeatedHeader() throws Exception {
		ParsedFile parsed = parse(his(), "his.txt", """
				流水号|就诊日期|姓名|身份证号|科室|服务项目|总费用|减免金额|备注|备注
				A1|20260931|陈志强|%s|内科|诊查|12|0|复诊|家属代办
				TOTAL|1
				""".formatted(CHEN), Charset.forName("GBK"));

		assertThat(parsed.rejects()).singleElement().satisfies((r) -> {
			assertThat(r.reason()).isEqualTo(RejectReason.INVALID_DATE);
			assertThat(r.rawValues()).containsEntry("备注", "复诊").containsEntry("备注(2)", "家属代办").hasSize(10);
			assertThat(parsed.idAsWritten(r)).isEqualTo(CHEN);
		});
	}

	@Test
	void aWorkbookWhereTextWasAgreedIsRefused() throws IOException {
		Path xlsx = this.dir.resolve("list.xlsx");
		PartnerFixtures.insurerWorkbook(xlsx);
		assertThatExceptionOfType(UnreadableFileException.class)
			.isThrownBy(() -> new PartnerFileParser(his()).parse(xlsx, "list.txt"))
			.withMessageContaining("收到的是 Excel 工作簿");
	}

	@Test
	void aFixedHeaderRowAndAutoEncodingReadAGbkCsv() throws Exception {
		PartnerSettings eye = new PartnerSettings(Format.CSV, PartnerSettings.AUTO, null, 3, 10, List.of("合计"), null,
				List.of(new Mapping(Target.MEDICAL_SERVICE,
						fields("service-date", "日期", "id-card", "身份证号", "item", "项目"),
						List.of("service-date", "id-card", "item"))));
		ParsedFile parsed = parse(eye, "eye.csv", """
				眼科检查月报
				身份证号在第三行
				日期,身份证号,项目
				2026年11月3日,%s,视力检查
				合计,,
				""".formatted(LI), Charset.forName("GBK"));

		assertThat(parsed.rowsRead()).isEqualTo(1);
		assertThat(parsed.facts()).singleElement().satisfies((f) -> {
			assertThat(f.columns()).containsEntry("service_date", LocalDate.of(2026, 11, 3))
				.containsEntry("id_card", LI);
			assertThat(f.key()).hasSize(64);
		});
	}

	@Test
	void theLastOfTwoRowsWithTheSameKeyWins() throws Exception {
		ParsedFile parsed = parse(his(), "his.txt", """
				流水号|就诊日期|姓名|身份证号|科室|服务项目|总费用|减免金额
				A1|20261101|李?祥|%1$s|眼科|视力|30|30
				A1|20261101|李?祥|%1$s|眼科|视力|35|30
				TOTAL|2
				""".formatted(LI), Charset.forName("GBK"));

		assertThat(parsed.facts()).singleElement()
			.satisfies((f) -> assertThat(f.columns().get("fee")).hasToString("35.00"));
		assertThat(parsed.rejects()).singleElement()
			.satisfies((r) -> assertThat(r.rowNumber()).isEqualTo(2L))
			.satisfies((r) -> assertThat(r.detail()).isEqualTo("与第 3 行的记录重复，以最后一行为准"));
	}

	@Test
	void aDuplicateOnAnotherSheetNamesThatSheet() throws Exception {
		Path xlsx = this.dir.resolve("policies.xlsx");
		try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
			for (String month : List.of("一月", "二月")) {
				Sheet sheet = wb.createSheet(month);
				Row header = sheet.createRow(0);
				Row row = sheet.createRow(1);
				String[][] cells = { { "保单号", "P4407202600001" }, { "证件号码", LI }, { "生效日期", "2026-01-01" },
						{ "终止日期", "2026-12-31" }, { "保费", month.equals("一月") ? "150" : "160" } };
				for (int c = 0; c < cells.length; c++) {
					header.createCell(c).setCellValue(cells[c][0]);
					row.createCell(c).setCellValue(cells[c][1]);
				}
			}
			wb.write(out);
		}
		PartnerSettings insurer = new PartnerSettings(Format.XLSX, PartnerSettings.AUTO, null, null, 10, List.of(),
				null, List.of(new Mapping(Target.INSURANCE_POLICY, fields("policy-no", "保单号", "id-card", "证件号码",
						"start-date", "生效日期", "end-date", "终止日期", "premium", "保费"), null)));

		ParsedFile parsed = new PartnerFileParser(insurer).parse(xlsx, "policies.xlsx");

		assertThat(parsed.facts()).singleElement()
			.satisfies((f) -> assertThat(f.columns()).containsEntry("policy_no", "P4407202600001")
				.containsEntry("premium", new java.math.BigDecimal("160.00")));
		assertThat(parsed.rejects()).singleElement().satisfies((r) -> {
			assertThat(r.sheet()).isEqualTo("一月");
			assertThat(r.reason()).isEqualTo(RejectReason.DUPLICATE_IN_FILE);
			assertThat(r.detail()).isEqualTo("与工作表“二月”第 2 行的记录重复，以最后一行为准");
		});
	}

	private ParsedFile parse(PartnerSettings settings, String name, String content, Charset charset) throws Exception {
		Path file = Files.write(this.dir.resolve(name), content.getBytes(charset));
		return new PartnerFileParser(settings).parse(file, name);
	}

	private static PartnerSettings his() {
		Map<String, Field> fields = fields("serial-no", "流水号", "service-date", "就诊日期", "id-card", "身份证号", "item",
				"服务项目", "fee", "总费用", "discount", "减免金额");
		fields.put("service-date", new Field("就诊日期", null, "yyyyMMdd", null));
		return new PartnerSettings(Format.DELIMITED, "GBK", "|", null, 10, List.of("制表", "合计"), "TOTAL",
				List.of(new Mapping(Target.MEDICAL_SERVICE, fields, null)));
	}

	private static Map<String, Field> fields(String... nameThenColumn) {
		Map<String, Field> fields = new LinkedHashMap<>();
		for (int i = 0; i < nameThenColumn.length; i += 2) {
			fields.put(nameThenColumn[i], new Field(nameThenColumn[i + 1], null, null, null));
		}
		return fields;
	}

}
