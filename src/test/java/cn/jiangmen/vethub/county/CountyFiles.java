package cn.jiangmen.vethub.county;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes county files for tests the way counties make them: workbooks written with POI
 * (typed cells, date formats, merged cells) and CSV in the encodings they arrive in. A
 * value given as {@link LocalDate} becomes a real date cell (ISO format in even columns,
 * 年月日 format in odd ones), a {@link Number} a numeric cell, anything else a text cell;
 * null leaves the cell out.
 */
final class CountyFiles {

	private CountyFiles() {
	}

	/** A workbook under construction. */
	static final class Workbook implements AutoCloseable {

		final XSSFWorkbook wb = new XSSFWorkbook();

		private final CellStyle date;

		private final CellStyle chineseDate;

		Workbook() {
			this.date = this.wb.createCellStyle();
			this.date.setDataFormat(this.wb.createDataFormat().getFormat("yyyy-mm-dd"));
			this.chineseDate = this.wb.createCellStyle();
			this.chineseDate.setDataFormat(this.wb.createDataFormat().getFormat("yyyy\"年\"m\"月\"d\"日\""));
		}

		Sheet sheet(String name) {
			return this.wb.createSheet(name);
		}

		/** Writes a row (0-based index) of values. */
		Row row(Sheet sheet, int index, Object... values) {
			Row row = sheet.createRow(index);
			for (int c = 0; c < values.length; c++) {
				Object v = values[c];
				if (v == null) {
					continue;
				}
				Cell cell = row.createCell(c);
				if (v instanceof LocalDate d) {
					cell.setCellValue(d);
					cell.setCellStyle((c % 2 == 0) ? this.date : this.chineseDate);
				}
				else if (v instanceof Number n) {
					cell.setCellValue(n.doubleValue());
				}
				else {
					cell.setCellValue(v.toString());
				}
			}
			return row;
		}

		Path writeTo(Path file) {
			try (OutputStream out = Files.newOutputStream(file)) {
				this.wb.write(out);
				return file;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public void close() throws IOException {
			this.wb.close();
		}

	}

	/**
	 * A CSV file of the given lines (already joined with commas) in an encoding,
	 * optionally with a BOM.
	 */
	static Path csv(Path file, Charset charset, boolean bom, List<String> lines) {
		try (OutputStream out = Files.newOutputStream(file)) {
			if (bom) {
				out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
			}
			out.write((String.join("\r\n", lines) + "\r\n").getBytes(charset));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Charset gbk() {
		return Charset.forName("GBK");
	}

	static Charset utf8() {
		return StandardCharsets.UTF_8;
	}

	/**
	 * Moves a finished file into an inbox in one step, as a copy tool renaming its
	 * temporary file does.
	 */
	static Path drop(Path file, Path inbox) {
		try {
			Files.createDirectories(inbox);
			return Files.move(file, inbox.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
