package cn.jiangmen.vethub.testdata;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.util.CellReference;

/**
 * A minimal XLSX workbook whose sheet XML is written by hand, so that a test controls the
 * exact {@code <v>} text of each number cell as Excel writes it
 * ({@code 1234.5699999999999}, {@code 4.4078419900101E+17}), which POI's
 * {@code setCellValue(double)} does not (it writes {@code Double.toString}). Strings go
 * into {@code xl/sharedStrings.xml} as Excel puts them; date cells carry style 1, a
 * custom {@code yyyy\-mm\-dd} number format (numFmtId 176, as Excel writes a typed
 * {@code yyyy-mm-dd}), or style 2, the built-in short date 14.
 */
public final class RawXlsx {

	private final Map<String, List<List<Cell>>> sheets = new LinkedHashMap<>();

	private final Map<String, Integer> strings = new LinkedHashMap<>();

	private final Map<String, List<String>> merges = new LinkedHashMap<>();

	private int stringCount;

	/** One cell: its XML attributes and value, written as given. */
	public record Cell(String type, String style, String value) {
	}

	/** A shared-string cell ({@code t="s"}). */
	public static Cell text(String s) {
		return new Cell("s", null, s);
	}

	/** A number cell whose {@code <v>} is exactly this text. */
	public static Cell number(String stored) {
		return new Cell(null, null, stored);
	}

	/** A date cell (custom format {@code yyyy\-mm\-dd}) holding this serial text. */
	public static Cell date(String serial) {
		return new Cell(null, "1", serial);
	}

	/** A date cell in the built-in short-date format 14. */
	public static Cell shortDate(String serial) {
		return new Cell(null, "2", serial);
	}

	/**
	 * The {@code <v>} text Excel writes for a double: its exact value rounded to 17
	 * significant digits (C's {@code %.17g}, not Java's, which pads the shortest digits
	 * with zeros), trailing zeros dropped, with an {@code E+nn} exponent from 1E+17 up
	 * and below 1E-5.
	 */
	public static String excelV(double d) {
		if (d == 0) {
			return "0";
		}
		BigDecimal v = new BigDecimal(d).round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
		int exponent = v.precision() - v.scale() - 1;
		if (exponent >= 17 || exponent < -5) {
			BigDecimal mantissa = v.movePointLeft(exponent).stripTrailingZeros();
			return mantissa.toPlainString() + "E" + ((exponent < 0) ? "-" : "+")
					+ String.format("%02d", Math.abs(exponent));
		}
		return v.toPlainString();
	}

	/** Adds a sheet (in order) and returns it to be filled. */
	public List<List<Cell>> sheet(String name) {
		return this.sheets.computeIfAbsent(name, (n) -> new ArrayList<>());
	}

	/**
	 * Adds a row to a sheet: a {@link Cell}, a {@code String} (shared string) or
	 * {@code null} (no cell) per column.
	 */
	public RawXlsx row(String sheet, Object... cells) {
		List<Cell> row = new ArrayList<>();
		for (Object c : cells) {
			row.add((c == null) ? null : (c instanceof Cell cell) ? cell : text(c.toString()));
		}
		sheet(sheet).add(row);
		return this;
	}

	/**
	 * Merges a range of a sheet (a title across the table, {@code A1:H1}), written as
	 * Excel writes it: a {@code <mergeCells>} element after the sheet data, the value in
	 * the first cell only.
	 */
	public RawXlsx merge(String sheet, String range) {
		sheet(sheet);
		this.merges.computeIfAbsent(sheet, (n) -> new ArrayList<>()).add(range);
		return this;
	}

	/** Writes the workbook. */
	public Path writeTo(Path file) {
		try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
			List<String> sheetXml = new ArrayList<>();
			for (Map.Entry<String, List<List<Cell>>> sheet : this.sheets.entrySet()) {
				sheetXml.add(sheetXml(sheet.getValue(), this.merges.getOrDefault(sheet.getKey(), List.of())));
			}
			put(zip, "[Content_Types].xml", contentTypes());
			put(zip, "_rels/.rels",
					"""
							<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
							<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
							<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
							</Relationships>""");
			put(zip, "xl/workbook.xml", workbook());
			put(zip, "xl/_rels/workbook.xml.rels", workbookRels());
			put(zip, "xl/styles.xml",
					"""
							<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
							<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
							<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy\\-mm\\-dd"/></numFmts>\
							<fonts count="1"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>\
							<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
							<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
							<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
							<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
							<xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
							<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
							<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>\
							</styleSheet>""");
			for (int i = 0; i < sheetXml.size(); i++) {
				put(zip, "xl/worksheets/sheet" + (i + 1) + ".xml", sheetXml.get(i));
			}
			put(zip, "xl/sharedStrings.xml", sharedStrings());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

	private String sheetXml(List<List<Cell>> rows, List<String> merged) {
		StringBuilder b = new StringBuilder("""
				<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
				<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
				xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>""");
		for (int r = 0; r < rows.size(); r++) {
			b.append("<row r=\"").append(r + 1).append("\">");
			List<Cell> row = rows.get(r);
			for (int c = 0; c < row.size(); c++) {
				Cell cell = row.get(c);
				if (cell == null) {
					continue;
				}
				b.append("<c r=\"").append(CellReference.convertNumToColString(c)).append(r + 1).append('"');
				if (cell.style() != null) {
					b.append(" s=\"").append(cell.style()).append('"');
				}
				String value = cell.value();
				if (cell.type() != null) {
					b.append(" t=\"").append(cell.type()).append('"');
					value = Integer.toString(stringIndex(cell.value()));
				}
				b.append("><v>").append(escape(value)).append("</v></c>");
			}
			b.append("</row>");
		}
		b.append("</sheetData>");
		if (!merged.isEmpty()) {
			b.append("<mergeCells count=\"").append(merged.size()).append("\">");
			merged.forEach((range) -> b.append("<mergeCell ref=\"").append(range).append("\"/>"));
			b.append("</mergeCells>");
		}
		return b.append("</worksheet>").toString();
	}

	private int stringIndex(String s) {
		this.stringCount++;
		return this.strings.computeIfAbsent(s, (k) -> this.strings.size());
	}

	private String sharedStrings() {
		StringBuilder b = new StringBuilder("""
				<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
				<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main\"""");
		b.append(" count=\"")
			.append(this.stringCount)
			.append("\" uniqueCount=\"")
			.append(this.strings.size())
			.append("\">");
		for (String s : this.strings.keySet()) {
			b.append("<si><t xml:space=\"preserve\">").append(escape(s)).append("</t></si>");
		}
		return b.append("</sst>").toString();
	}

	private String contentTypes() {
		StringBuilder b = new StringBuilder(
				"""
						<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
						<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
						<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
						<Default Extension="xml" ContentType="application/xml"/>\
						<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
						<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
						<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>""");
		for (int i = 1; i <= this.sheets.size(); i++) {
			b.append("<Override PartName=\"/xl/worksheets/sheet")
				.append(i)
				.append(".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
		}
		return b.append("</Types>").toString();
	}

	private String workbook() {
		StringBuilder b = new StringBuilder("""
				<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
				<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
				xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>""");
		int i = 1;
		for (String name : this.sheets.keySet()) {
			b.append("<sheet name=\"")
				.append(escape(name))
				.append("\" sheetId=\"")
				.append(i)
				.append("\" r:id=\"rId")
				.append(i)
				.append("\"/>");
			i++;
		}
		return b.append("</sheets></workbook>").toString();
	}

	private String workbookRels() {
		StringBuilder b = new StringBuilder("""
				<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
				<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""");
		int n = this.sheets.size();
		for (int i = 1; i <= n; i++) {
			b.append("<Relationship Id=\"rId")
				.append(i)
				.append("\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet")
				.append(i)
				.append(".xml\"/>");
		}
		b.append("<Relationship Id=\"rId")
			.append(n + 1)
			.append("\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>");
		b.append("<Relationship Id=\"rId")
			.append(n + 2)
			.append("\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>");
		return b.append("</Relationships>").toString();
	}

	private static void put(ZipOutputStream zip, String name, String content) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(content.getBytes(StandardCharsets.UTF_8));
		zip.closeEntry();
	}

	private static String escape(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
