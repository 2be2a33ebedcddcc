package cn.jiangmen.vethub.testdata;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import cn.jiangmen.vethub.FormLoginSession;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report's XLSX export ({@code /reports/<key>.xlsx}) read back as a user sees it: its
 * data rows, each as its cells joined by {@code |}, read as far as the header is wide.
 * Numbers are written with the decimals of their cell format (counts none, rates one,
 * amounts two); an empty cell is empty.
 */
public final class ReportExports {

	/**
	 * The header's row (0-based): after the title, the filter and unit row and a blank
	 * row ({@code XlsxReportWriter.HEADER_ROW}).
	 */
	private static final int HEADER_ROW = 3;

	private ReportExports() {
	}

	/**
	 * The data rows of the export of {@code report} with {@code query} (e.g.
	 * {@code ?county=440784&month=2026-07}, or empty), asserting it is a 200.
	 */
	public static List<String> rows(FormLoginSession viewer, String report, String query) throws IOException {
		HttpResponse<byte[]> response = viewer.getBytes("/reports/" + report + ".xlsx" + query);
		assertThat(response.statusCode()).as(report + query).isEqualTo(200);
		List<String> rows = new ArrayList<>();
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
			Sheet sheet = workbook.getSheetAt(0);
			int width = sheet.getRow(HEADER_ROW).getLastCellNum();
			for (int r = HEADER_ROW + 1; r <= sheet.getLastRowNum(); r++) {
				Row row = sheet.getRow(r);
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < width; c++) {
					cells.add(text(row.getCell(c)));
				}
				rows.add(String.join("|", cells));
			}
		}
		return rows;
	}

	private static String text(Cell cell) {
		if (cell == null || cell.getCellType() == CellType.BLANK) {
			return "";
		}
		if (cell.getCellType() == CellType.NUMERIC) {
			// money as #,##0.00, percent as 0.0, counts as integers
			String format = cell.getCellStyle().getDataFormatString();
			int scale = format.contains("0.00") ? 2 : format.contains("0.0") ? 1 : 0;
			return BigDecimal.valueOf(cell.getNumericCellValue())
				.setScale(scale, RoundingMode.HALF_EVEN)
				.toPlainString();
		}
		return cell.getStringCellValue();
	}

}
