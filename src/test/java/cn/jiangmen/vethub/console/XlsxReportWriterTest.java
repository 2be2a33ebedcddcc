package cn.jiangmen.vethub.console;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class XlsxReportWriterTest {

	@Test
	void neutralisesTextThatASpreadsheetWouldTakeForAFormula() {
		assertThat(XlsxReportWriter.neutralise("=HYPERLINK(\"http://evil\",\"点我\")"))
			.isEqualTo("'=HYPERLINK(\"http://evil\",\"点我\")");
		assertThat(XlsxReportWriter.neutralise("+86 750 3301234")).isEqualTo("'+86 750 3301234");
		assertThat(XlsxReportWriter.neutralise("-1+1")).isEqualTo("'-1+1");
		assertThat(XlsxReportWriter.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(XlsxReportWriter.neutralise("\t=1")).isEqualTo("'\t=1");
		assertThat(XlsxReportWriter.neutralise("生活困难救助")).isEqualTo("生活困难救助");
		assertThat(XlsxReportWriter.neutralise("")).isEmpty();
	}

	@Test
	void writesNumbersAsNumbersAndTextAsNeutralisedText() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		XlsxReportWriter.write("解三难救助发放（按类别）", "县（市、区）：全部　导出时间：2026-12-03 16:50:00　单位：笔、元",
				List.of("类别", "发放笔数", "发放金额（元）"), List.of("text", "count", "money"),
				List.of(Arrays.asList("生活困难救助", 3L, new BigDecimal("4500.50")),
						Arrays.asList("=cmd|' /C calc'!A0", 1L, new BigDecimal("0.10"))),
				out);
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getSheetName()).isEqualTo("解三难救助发放（按类别）");
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("解三难救助发放（按类别）");
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).contains("导出时间：2026-12-03 16:50:00", "单位：笔、元");
			assertThat(sheet.getRow(2)).as("a blank row before the header").isNull();
			assertThat(sheet.getRow(3).getCell(2).getStringCellValue()).isEqualTo("发放金额（元）");
			assertThat(sheet.getRow(4).getCell(1).getNumericCellValue()).isEqualTo(3.0);
			assertThat(new BigDecimal(Double.toString(sheet.getRow(4).getCell(2).getNumericCellValue())))
				.isEqualByComparingTo("4500.50");
			assertThat(sheet.getRow(5).getCell(0).getStringCellValue()).isEqualTo("'=cmd|' /C calc'!A0");
			for (Row row : sheet) {
				for (Cell cell : row) {
					assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
				}
			}
		}
	}

	@Test
	void moneyWrittenAsDoublesReadsBackAsTheSameFenByTheRuleTheHubReadsCellsBy() throws Exception {
		List<BigDecimal> amounts = List.of(new BigDecimal("0.10"), new BigDecimal("1234.57"), new BigDecimal("4567.80"),
				new BigDecimal("0.30"), new BigDecimal("9999999999.99"));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		XlsxReportWriter.write("发放金额", "单位：元", List.of("发放金额（元）"), List.of("money"),
				amounts.stream().map((a) -> List.<Object>of(a)).toList(), out);
		java.nio.file.Path file = java.nio.file.Files.createTempFile("report-", ".xlsx");
		try {
			java.nio.file.Files.write(file, out.toByteArray());
			List<BigDecimal> read = new java.util.ArrayList<>();
			new cn.jiangmen.vethub.ingest.XlsxTableReader().read(file, (row) -> {
				if (row.rowNumber() > XlsxReportWriter.HEADER_ROW + 1) {
					read.add(cn.jiangmen.vethub.normalize.AmountNormalizer.amount(row.cell(0)).value());
				}
			});
			assertThat(read).containsExactlyElementsOf(amounts);
		}
		finally {
			java.nio.file.Files.delete(file);
		}
	}

}
