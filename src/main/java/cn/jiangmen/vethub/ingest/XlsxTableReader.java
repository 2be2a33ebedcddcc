package cn.jiangmen.vethub.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.ParserConfigurationException;

import cn.jiangmen.vethub.normalize.CellKind;
import cn.jiangmen.vethub.normalize.RawCell;
import cn.jiangmen.vethub.normalize.Text;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Streams an XLSX workbook with POI's event API ({@link XSSFReader} and SAX), never the
 * user model, so a 200,000-row sheet reads in a small heap. Cells keep their raw content:
 * shared and inline strings become {@link CellKind#TEXT}, numbers {@link CellKind#NUMBER}
 * (so that an ID typed as a number is recognised as having lost digits), numbers
 * formatted as dates (built-in, custom and the Chinese {@code yyyy"年"m"月"d"日"} formats)
 * {@link CellKind#DATE} with the serial number as text, booleans
 * {@link CellKind#BOOLEAN}. A number's stored {@code <v>} text (Excel writes up to 17
 * significant digits: {@code 1234.5699999999999}) becomes the number Excel shows, by the
 * one rule of {@link cn.jiangmen.vethub.normalize.ExcelNumber} that {@link RawCell}
 * applies. Text has its {@code _xHHHH_} escapes decoded (shared and inline strings alike)
 * and its control characters removed ({@link Text#withoutControls}); a raw NUL byte or a
 * {@code &#0;} in the XML is not XML 1.0 at all, and the file is refused as corrupt.
 * <p>
 * Vertically merged cells (a town written once for a block of rows) apply to every row
 * they span. Excel writes {@code <mergeCells>} after {@code <sheetData>}, so each sheet
 * is read twice: a cheap first SAX pass collects its merge ranges, the second streams the
 * rows and fills merged values down.
 */
public final class XlsxTableReader implements TableReader {

	@Override
	public void read(Path file, RowHandler handler) throws UnreadableFileException, IOException {
		OPCPackage pkg;
		try {
			pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
		}
		catch (OpenXML4JException | POIXMLException | IllegalArgumentException ex) {
			throw new UnreadableFileException("Excel 文件已损坏或不完整，无法打开", ex);
		}
		try {
			XSSFReader reader = new XSSFReader(pkg);
			SharedStrings strings = sharedStrings(pkg);
			DateStyles dates = new DateStyles(reader.getStylesTable());
			XSSFReader.SheetIterator sheets = reader.getSheetIterator();
			while (sheets.hasNext()) {
				sheets.next().close();
				String name = Text.withoutControls(sheets.getSheetName());
				PackagePart part = sheets.getSheetPart();
				List<Merge> merges = new ArrayList<>();
				parse(part, new MergeScan(merges));
				handler.sheetStart(name);
				parse(part, new SheetRows(name, strings, dates, merges, handler));
				handler.sheetEnd(name);
			}
		}
		catch (HandlerException ex) {
			throw ex;
		}
		catch (WrappedHandlerFailure ex) {
			if (ex.getCause() instanceof UnreadableFileException unreadable) {
				throw unreadable;
			}
			throw CsvTableReader.rethrow((Exception) ex.getCause());
		}
		catch (SAXException | OpenXML4JException | POIXMLException | ParserConfigurationException
				| IllegalStateException | IllegalArgumentException | IndexOutOfBoundsException
				| NullPointerException ex) {
			throw new UnreadableFileException("Excel 文件内容已损坏或不完整，无法读取", ex);
		}
		catch (IOException ex) {
			throw new UnreadableFileException("Excel 文件内容已损坏或不完整，无法读取", ex);
		}
		catch (Exception ex) {
			throw CsvTableReader.rethrow(ex);
		}
		finally {
			pkg.revert();
		}
	}

	private static SharedStrings sharedStrings(OPCPackage pkg) throws IOException, SAXException {
		return new ReadOnlySharedStringsTable(pkg, false);
	}

	private static void parse(PackagePart part, DefaultHandler handler)
			throws IOException, SAXException, ParserConfigurationException {
		try (InputStream in = part.getInputStream()) {
			XMLReader xml = XMLHelper.newXMLReader();
			xml.setContentHandler(handler);
			xml.parse(new InputSource(in));
		}
	}

	/** A vertically merged range, 0-based rows and columns. */
	record Merge(int firstRow, int lastRow, int firstCol, int lastCol) {
	}

	/**
	 * First pass: only the {@code <mergeCell ref="A3:A7"/>} elements that span more than
	 * one row.
	 */
	private static final class MergeScan extends DefaultHandler {

		private final List<Merge> merges;

		MergeScan(List<Merge> merges) {
			this.merges = merges;
		}

		@Override
		public void startElement(String uri, String localName, String qName, Attributes atts) {
			if ("mergeCell".equals(localName)) {
				String ref = atts.getValue("ref");
				if (ref == null || !ref.contains(":")) {
					return;
				}
				String[] ends = ref.split(":");
				CellReference a = new CellReference(ends[0]);
				CellReference b = new CellReference(ends[1]);
				if (b.getRow() > a.getRow()) {
					this.merges.add(new Merge(a.getRow(), b.getRow(), a.getCol(), b.getCol()));
				}
			}
		}

	}

	/** Which cell styles are date formats, computed once per style. */
	private static final class DateStyles {

		private final StylesTable styles;

		private final Map<Integer, Boolean> isDate = new HashMap<>();

		DateStyles(StylesTable styles) {
			this.styles = styles;
		}

		boolean isDate(String styleIndex) {
			if (styleIndex == null || this.styles == null) {
				return false;
			}
			int index;
			try {
				index = Integer.parseInt(styleIndex);
			}
			catch (NumberFormatException ex) {
				return false;
			}
			return this.isDate.computeIfAbsent(index, this::compute);
		}

		private boolean compute(int index) {
			if (index < 0 || index >= this.styles.getNumCellStyles()) {
				return false;
			}
			XSSFCellStyle style = this.styles.getStyleAt(index);
			if (style == null) {
				return false;
			}
			int fmt = style.getDataFormat();
			// 27-36 and 50-58 are the East-Asian built-in date formats (年/月/日) in a
			// Chinese Excel.
			if ((fmt >= 27 && fmt <= 36) || (fmt >= 50 && fmt <= 58)) {
				return true;
			}
			String pattern = style.getDataFormatString();
			return DateUtil.isADateFormat(fmt, pattern) || isChineseDatePattern(pattern);
		}

		static boolean isChineseDatePattern(String pattern) {
			if (pattern == null) {
				return false;
			}
			String p = pattern.toLowerCase();
			return (p.contains("年") || p.contains("月") || p.contains("日")) && (p.contains("y") || p.contains("m"))
					&& !p.contains("0.0") && !p.contains("#");
		}

	}

	/** Second pass: the rows, with merged values filled down. */
	private static final class SheetRows extends DefaultHandler {

		private final String sheet;

		private final SharedStrings strings;

		private final DateStyles dates;

		private final List<Merge> merges;

		private final RowHandler handler;

		/** Top-left values of the vertical merges, by merge. */
		private final Map<Merge, RawCell> mergeValues = new HashMap<>();

		/**
		 * Merges covering the current row; merges are sorted by first row and taken in
		 * order.
		 */
		private final List<Merge> active = new ArrayList<>();

		private int nextMerge;

		private final StringBuilder text = new StringBuilder(64);

		private List<RawCell> cells = new ArrayList<>();

		private long rowNumber;

		private int nextColumn;

		private int column;

		private String type;

		private String style;

		private boolean inValue;

		private boolean inInlineText;

		private boolean inPhonetic;

		private boolean hasValue;

		SheetRows(String sheet, SharedStrings strings, DateStyles dates, List<Merge> merges, RowHandler handler) {
			this.sheet = sheet;
			this.strings = strings;
			this.dates = dates;
			this.merges = new ArrayList<>(merges);
			this.merges.sort(Comparator.comparingInt(Merge::firstRow));
			this.handler = handler;
		}

		@Override
		public void startElement(String uri, String localName, String qName, Attributes atts) {
			switch (localName) {
				case "row" -> {
					String r = atts.getValue("r");
					this.rowNumber = (r != null) ? Long.parseLong(r) : this.rowNumber + 1;
					this.cells = new ArrayList<>();
					this.nextColumn = 0;
				}
				case "c" -> {
					String ref = atts.getValue("r");
					this.column = (ref != null) ? new CellReference(ref).getCol() : this.nextColumn;
					this.nextColumn = this.column + 1;
					this.type = atts.getValue("t");
					this.style = atts.getValue("s");
					this.text.setLength(0);
					this.hasValue = false;
				}
				case "v" -> {
					this.inValue = true;
					this.hasValue = true;
				}
				case "is" -> this.hasValue = true;
				case "rPh" -> this.inPhonetic = true;
				case "t" -> this.inInlineText = !this.inPhonetic;
				default -> {
				}
			}
		}

		@Override
		public void characters(char[] ch, int start, int length) {
			if (this.inValue || this.inInlineText) {
				this.text.append(ch, start, length);
			}
		}

		@Override
		public void endElement(String uri, String localName, String qName) throws SAXException {
			switch (localName) {
				case "v" -> this.inValue = false;
				case "t" -> this.inInlineText = false;
				case "rPh" -> this.inPhonetic = false;
				case "c" -> put(this.column, this.hasValue ? cell() : SourceRow.BLANK);
				case "row" -> emit();
				default -> {
				}
			}
		}

		private RawCell cell() {
			String raw = this.text.toString();
			if (this.type == null || "n".equals(this.type)) {
				if (raw.isEmpty()) {
					return SourceRow.BLANK;
				}
				return new RawCell(raw, this.dates.isDate(this.style) ? CellKind.DATE : CellKind.NUMBER);
			}
			return switch (this.type) {
				case "s" -> {
					String s = this.strings.getItemAt(Integer.parseInt(raw.trim())).getString();
					yield (s == null || s.isEmpty()) ? SourceRow.BLANK : new RawCell(s, CellKind.TEXT);
				}
				case "b" -> new RawCell("1".equals(raw.trim()) ? "TRUE" : "FALSE", CellKind.BOOLEAN);
				case "d" -> new RawCell(raw, CellKind.TEXT);
				case "inlineStr" -> raw.isEmpty() ? SourceRow.BLANK : new RawCell(unescape(raw), CellKind.TEXT);
				default -> raw.isEmpty() ? SourceRow.BLANK : new RawCell(raw, CellKind.TEXT);
			};
		}

		/**
		 * An inline string's {@code _xHHHH_} escapes decoded, as POI decodes those of
		 * shared strings: OOXML writes a character XML cannot hold (a control character)
		 * that way, so a NUL arrives as {@code _x0000_} and is then removed by the rule
		 * for control characters, whichever kind of string holds it. POI's decoder is
		 * heavy, so only a text with an escape goes through it.
		 */
		private static String unescape(String raw) {
			return raw.contains("_x") ? new XSSFRichTextString(raw).getString() : raw;
		}

		private void put(int col, RawCell cell) {
			while (this.cells.size() <= col) {
				this.cells.add(SourceRow.BLANK);
			}
			this.cells.set(col, cell);
		}

		private void emit() throws SAXException {
			if (!this.merges.isEmpty()) {
				fillMerged();
			}
			try {
				this.handler.row(new SourceRow(this.sheet, this.rowNumber, this.cells));
			}
			catch (Exception ex) {
				throw new WrappedHandlerFailure(ex);
			}
		}

		private void fillMerged() {
			int row = (int) this.rowNumber - 1;
			while (this.nextMerge < this.merges.size() && this.merges.get(this.nextMerge).firstRow() <= row) {
				Merge m = this.merges.get(this.nextMerge++);
				if (m.lastRow() >= row) {
					this.active.add(m);
					this.mergeValues.put(m, (m.firstRow() == row && m.firstCol() < this.cells.size())
							? this.cells.get(m.firstCol()) : SourceRow.BLANK);
				}
			}
			this.active.removeIf((m) -> m.lastRow() < row);
			for (Merge m : this.active) {
				RawCell value = this.mergeValues.getOrDefault(m, SourceRow.BLANK);
				for (int c = m.firstCol(); c <= m.lastCol(); c++) {
					put(c, value);
				}
			}
		}

	}

	/** A handler failure crossing the SAX parser, unwrapped by {@link #read}. */
	private static final class WrappedHandlerFailure extends RuntimeException {

		WrappedHandlerFailure(Exception cause) {
			super(cause);
		}

	}

}
