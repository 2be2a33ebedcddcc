package cn.jiangmen.vethub.console;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes a report as an XLSX workbook: a title row (the report's title), a row saying
 * what it shows (the filter, the export time, the unit), a blank row, then the header row
 * and the rows; counts and amounts as numbers, text as text. A text that a spreadsheet
 * would take for a formula (starting with {@code =}, {@code +}, {@code -}, {@code @}, tab
 * or carriage return) is written with a leading apostrophe, so it is never executed when
 * the file is opened or edited. Pure: no Spring.
 */
final class XlsxReportWriter {

	private XlsxReportWriter() {
	}

	/** The index of the header row: after the title, the filter line and a blank row. */
	static final int HEADER_ROW = 3;

	/**
	 * @param title the report's title (row 1, bold; also the sheet's name)
	 * @param about the filter, export time and unit (row 2)
	 */
	static void write(String title, String about, List<String> headers, List<String> kinds, List<List<Object>> rows,
			OutputStream out) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			Sheet sheet = workbook.createSheet(safeSheetName(title));
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			CellStyle money = workbook.createCellStyle();
			money.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
			CellStyle percent = workbook.createCellStyle();
			percent.setDataFormat(workbook.createDataFormat().getFormat("0.0"));
			Cell titleCell = sheet.createRow(0).createCell(0);
			titleCell.setCellValue(neutralise(title));
			titleCell.setCellStyle(bold);
			sheet.createRow(1).createCell(0).setCellValue(neutralise(about));
			Row header = sheet.createRow(HEADER_ROW);
			for (int c = 0; c < headers.size(); c++) {
				Cell cell = header.createCell(c);
				cell.setCellValue(neutralise(headers.get(c)));
				cell.setCellStyle(bold);
			}
			for (int r = 0; r < rows.size(); r++) {
				Row row = sheet.createRow(HEADER_ROW + 1 + r);
				List<Object> values = rows.get(r);
				for (int c = 0; c < values.size(); c++) {
					Object value = values.get(c);
					if (value == null) {
						continue;
					}
					Cell cell = row.createCell(c);
					if (value instanceof Number number) {
						// A spreadsheet number is a binary double. Excel shows it with 15
						// significant digits (normalize.ExcelNumber, the rule the hub
						// reads
						// cells by), so a yuan amount of up to 13 integer digits shows
						// its
						// exact fen; the exact figure stays in the warehouse (numeric).
						cell.setCellValue((number instanceof BigDecimal bd) ? bd.doubleValue() : number.doubleValue());
						if ("money".equals(kinds.get(c))) {
							cell.setCellStyle(money);
						}
						else if ("percent".equals(kinds.get(c))) {
							cell.setCellStyle(percent);
						}
					}
					else {
						cell.setCellValue(neutralise(String.valueOf(value)));
					}
				}
			}
			for (int c = 0; c < headers.size(); c++) {
				sheet.setColumnWidth(c, 18 * 256);
			}
			workbook.write(out);
		}
	}

	/** A text cell value that no spreadsheet will interpret as a formula. */
	static String neutralise(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		char first = text.charAt(0);
		return (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
				? "'" + text : text;
	}

	private static String safeSheetName(String name) {
		String clean = name.replaceAll("[\\\\/?*\\[\\]:]", " ");
		return (clean.length() > 31) ? clean.substring(0, 31) : clean;
	}

}
