package cn.jiangmen.vethub.console;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import cn.jiangmen.vethub.console.ConsoleQueries.RejectedRowView;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes a run's rejected rows as an XLSX workbook, one sheet per table of
 * {@link RejectTables} (a kind of record, or a sheet of the sender's workbook): a title
 * row, a note row (when and how masked), then a header row and the rows, each with its
 * file, sheet, row number, record key (a pull source's record, a keyed partner row; as
 * the run page shows both), reason, reason code and detail, then its raw values as shown
 * on the run page, in the sender's column order. Streams through POI's SXSSF, so a large
 * export does not sit in memory as a workbook. Every text goes through
 * {@link XlsxReportWriter#neutralise} (no cell is ever a formula). Pure: no Spring.
 */
final class RejectsWorkbook {

	/** The fixed columns' headings, before the raw values'. */
	record Headings(String file, String sheet, String where, String key, String reason, String code, String detail) {

	}

	/** The column of the first raw value, after the fixed ones. */
	static final int RAW_FROM = 7;

	private RejectsWorkbook() {
	}

	static void write(String title, String note, Headings headings, List<RejectTables.Table> tables, Locale locale,
			String fallbackSheet, OutputStream out) throws IOException {
		SXSSFWorkbook workbook = new SXSSFWorkbook(200);
		try {
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			Set<String> used = new HashSet<>();
			List<RejectTables.Table> all = tables.isEmpty()
					? List.of(new RejectTables.Table(null, List.of(), List.of())) : tables;
			for (RejectTables.Table table : all) {
				Sheet sheet = workbook
					.createSheet(sheetName((table.title() != null) ? table.title() : fallbackSheet, used));
				text(sheet.createRow(0), 0, title + ((table.title() != null) ? " – " + table.title() : ""), bold);
				text(sheet.createRow(1), 0, note, null);
				List<String> header = new ArrayList<>(List.of(headings.file(), headings.sheet(), headings.where(),
						headings.key(), headings.reason(), headings.code(), headings.detail()));
				header.addAll(table.headings());
				Row h = sheet.createRow(3);
				for (int c = 0; c < header.size(); c++) {
					text(h, c, header.get(c), bold);
				}
				int r = 4;
				for (RejectTables.Line line : table.rows()) {
					RejectedRowView v = line.row();
					Row row = sheet.createRow(r++);
					text(row, 0, v.fileName(), null);
					text(row, 1, v.sheet(), null);
					if (v.rowNumber() != null) {
						row.createCell(2).setCellValue(v.rowNumber());
					}
					text(row, 3, v.recordKey(), null);
					text(row, 4, v.label(locale), null);
					text(row, 5, v.reason(), null);
					text(row, 6, v.detail(), null);
					for (int c = 0; c < line.values().size(); c++) {
						text(row, RAW_FROM + c, line.values().get(c), null);
					}
				}
				for (int c = 0; c < header.size(); c++) {
					sheet.setColumnWidth(c, ((c == RAW_FROM - 1) ? 36 : 16) * 256);
				}
			}
			workbook.write(out);
		}
		finally {
			// also removes the rows' temp files (close disposes the workbook since POI 5)
			workbook.close();
		}
	}

	private static void text(Row row, int column, String value, CellStyle style) {
		if (value == null || value.isEmpty()) {
			return;
		}
		Cell cell = row.createCell(column);
		cell.setCellValue(XlsxReportWriter.neutralise(value));
		if (style != null) {
			cell.setCellStyle(style);
		}
	}

	/** A sheet name Excel accepts (31 chars, none of \ / ? * [ ] :), unique. */
	static String sheetName(String name, Set<String> used) {
		String clean = name.replaceAll("[\\\\/?*\\[\\]:]", " ").strip();
		if (clean.isEmpty()) {
			clean = "Sheet";
		}
		if (clean.length() > 31) {
			clean = clean.substring(0, 31);
		}
		String candidate = clean;
		for (int n = 2; !used.add(candidate.toLowerCase(Locale.ROOT)); n++) {
			String suffix = " (" + n + ")";
			candidate = clean.substring(0, Math.min(clean.length(), 31 - suffix.length())) + suffix;
		}
		return candidate;
	}

}
