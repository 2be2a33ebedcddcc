package cn.jiangmen.vethub.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import cn.jiangmen.vethub.normalize.CellKind;
import cn.jiangmen.vethub.normalize.RawCell;
import cn.jiangmen.vethub.testdata.RawXlsx;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XlsxTableReaderTest {

	@TempDir
	Path dir;

	@Test
	void readsSheetsInOrderWithRawCellKinds() throws Exception {
		Path file = this.dir.resolve("花名册.xlsx");
		try (XSSFWorkbook wb = new XSSFWorkbook()) {
			wb.createSheet("说明").createRow(0).createCell(0).setCellValue("填表说明：身份证号码请以文本格式填写");
			Sheet data = wb.createSheet("花名册");
			CellStyle iso = wb.createCellStyle();
			iso.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
			CellStyle chinese = wb.createCellStyle();
			chinese.setDataFormat(wb.createDataFormat().getFormat("yyyy\"年\"m\"月\"d\"日\""));
			Row header = data.createRow(0);
			header.createCell(0).setCellValue("姓名");
			header.createCell(1).setCellValue("身份证号码");
			header.createCell(2).setCellValue("入伍时间");
			header.createCell(3).setCellValue("退伍时间");
			header.createCell(5).setCellValue("党员");
			Row r = data.createRow(1);
			r.createCell(0).setCellValue("李𠮷祥");
			r.createCell(1).setCellValue(440785199001011234d);
			r.createCell(2).setCellValue(LocalDate.of(2008, 12, 1));
			r.getCell(2).setCellStyle(iso);
			r.createCell(3).setCellValue(LocalDate.of(2010, 12, 1));
			r.getCell(3).setCellStyle(chinese);
			r.createCell(4).setCellValue(12.5);
			r.createCell(5).setCellValue(true);
			write(wb, file);
		}

		List<String> sheets = new ArrayList<>();
		List<SourceRow> rows = read(file, sheets);

		assertThat(sheets).containsExactly("说明", "花名册");
		SourceRow row = rows.stream()
			.filter((x) -> "花名册".equals(x.sheet()) && x.rowNumber() == 2)
			.findFirst()
			.orElseThrow();
		assertThat(row.cell(0)).isEqualTo(new RawCell("李𠮷祥", CellKind.TEXT));
		assertThat(row.cell(1).kind()).isEqualTo(CellKind.NUMBER);
		// POI writes Double.toString, 4.4078519900101126E17; the cell is what Excel shows
		assertThat(row.cell(1).text()).isEqualTo("440785199001011000");
		assertThat(row.cell(2)).isEqualTo(new RawCell("39783.0", CellKind.DATE));
		assertThat(row.cell(3)).isEqualTo(new RawCell("40513.0", CellKind.DATE));
		assertThat(row.cell(4)).isEqualTo(new RawCell("12.5", CellKind.NUMBER));
		assertThat(row.cell(5).kind()).isEqualTo(CellKind.BOOLEAN);
		assertThat(row.cell(9).kind()).isEqualTo(CellKind.BLANK);
	}

	@Test
	void numberCellsAsExcelWritesThemAreReadAsExcelShowsThem() throws Exception {
		Path file = new RawXlsx().row("明细", "金额", "电话", "身份证号码", "发放日期", "入伍时间")
			.row("明细", RawXlsx.number("1234.5699999999999"), RawXlsx.number("13912345678"),
					RawXlsx.number("4.4078419900101101E+17"), RawXlsx.date("46023.999999999993"),
					RawXlsx.shortDate("39783"))
			.row("明细", RawXlsx.number("4567.8000000000002"), RawXlsx.number("1.3912345678E+10"),
					RawXlsx.text("440784199001011234"), RawXlsx.date("45658.5"),
					RawXlsx.shortDate("39783.999999999993"))
			.row("明细", RawXlsx.number("-0.30000000000000004"), RawXlsx.number("3.4567E-3"), null,
					RawXlsx.date("45658.499999999993"), null)
			.writeTo(this.dir.resolve("明细.xlsx"));

		List<SourceRow> rows = read(file, new ArrayList<>());

		assertThat(rows).extracting((r) -> r.cells().toString())
			.containsExactly(
					List.of(RawCell.text("金额"), RawCell.text("电话"), RawCell.text("身份证号码"), RawCell.text("发放日期"),
							RawCell.text("入伍时间"))
						.toString(),
					List.of(new RawCell("1234.57", CellKind.NUMBER), new RawCell("13912345678", CellKind.NUMBER),
							new RawCell("440784199001011000", CellKind.NUMBER), new RawCell("46024", CellKind.DATE),
							new RawCell("39783", CellKind.DATE))
						.toString(),
					List.of(new RawCell("4567.8", CellKind.NUMBER), new RawCell("13912345678", CellKind.NUMBER),
							RawCell.text("440784199001011234"), new RawCell("45658.5", CellKind.DATE),
							new RawCell("39784", CellKind.DATE))
						.toString(),
					List.of(new RawCell("-0.3", CellKind.NUMBER), new RawCell("0.0034567", CellKind.NUMBER),
							RawCell.blank(), new RawCell("45658.5", CellKind.DATE))
						.toString());
	}

	@Test
	void fillsVerticallyMergedCellsDownButNotTitleMerges() throws Exception {
		Path file = this.dir.resolve("merged.xlsx");
		try (XSSFWorkbook wb = new XSSFWorkbook()) {
			Sheet s = wb.createSheet("花名册");
			s.createRow(0).createCell(0).setCellValue("鹤山市退役军人花名册");
			s.addMergedRegion(new CellRangeAddress(0, 0, 0, 3));
			Row h = s.createRow(1);
			h.createCell(0).setCellValue("所属镇街");
			h.createCell(1).setCellValue("姓名");
			for (int i = 2; i <= 5; i++) {
				Row r = s.createRow(i);
				if (i == 2) {
					r.createCell(0).setCellValue("沙坪");
				}
				r.createCell(1).setCellValue("人员" + i);
			}
			s.addMergedRegion(new CellRangeAddress(2, 4, 0, 0));
			write(wb, file);
		}

		List<SourceRow> rows = read(file, new ArrayList<>());

		assertThat(rows).extracting((r) -> r.rowNumber() + ":" + r.text(0) + ":" + r.text(1))
			.containsExactly("1:鹤山市退役军人花名册:", "2:所属镇街:姓名", "3:沙坪:人员2", "4:沙坪:人员3", "5:沙坪:人员4", "6::人员5");
	}

	@Test
	void readsInlineStringsWrittenByStreamingWorkbooks() throws Exception {
		Path file = this.dir.resolve("sxssf.xlsx");
		try (SXSSFWorkbook wb = new SXSSFWorkbook(10)) {
			wb.setCompressTempFiles(true);
			Sheet s = wb.createSheet("名单");
			for (int i = 0; i < 100; i++) {
				s.createRow(i).createCell(0).setCellValue("第" + i + "行");
			}
			write(wb, file);
			wb.dispose();
		}

		List<SourceRow> rows = read(file, new ArrayList<>());

		assertThat(rows).hasSize(100);
		assertThat(rows.get(99).cell(0)).isEqualTo(new RawCell("第99行", CellKind.TEXT));
		assertThat(rows.get(99).rowNumber()).isEqualTo(100);
	}

	@Test
	void escapedControlCharactersInSharedAndInlineStringsAreDecodedThenRemoved() throws Exception {
		Path file = sheetXml(
				"<c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>沙坪_x001B_[31m_x0000_</t></is></c>"
						+ "<c r=\"C1\" t=\"inlineStr\"><is><t>第一行_x000D__x000A_第二行</t></is></c>",
				"<si><t>黄_x0000_志强</t></si>");

		List<SourceRow> rows = read(file, new ArrayList<>());

		assertThat(rows.get(0).cells()).containsExactly(new RawCell("黄志强", CellKind.TEXT),
				new RawCell("沙坪[31m", CellKind.TEXT), new RawCell("第一行\r\n第二行", CellKind.TEXT));
	}

	@Test
	void aNulThatIsNotEscapedIsNotXmlAndTheWorkbookIsUnreadable() throws Exception {
		for (String nul : List.of("\u0000", "&#0;", "&#x1B;")) {
			Path file = sheetXml("<c r=\"A1\" t=\"inlineStr\"><is><t>黄" + nul + "志强</t></is></c>", "");

			assertThatThrownBy(() -> read(file, new ArrayList<>())).as(nul)
				.isInstanceOf(UnreadableFileException.class)
				.hasMessageContaining("损坏");
		}
	}

	/**
	 * A workbook of one row whose cells and shared strings are given as XML, as a
	 * generator that is not Excel might write it.
	 */
	private Path sheetXml(String cells, String sharedStrings) throws IOException {
		Path file = Files.createTempFile(this.dir, "raw", ".xlsx");
		try (XSSFWorkbook wb = new XSSFWorkbook()) {
			wb.createSheet("花名册").createRow(0).createCell(0).setCellValue("占位");
			write(wb, file);
		}
		Path rewritten = Files.createTempFile(this.dir, "raw", ".xlsx");
		try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(file.toFile());
				java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(
						Files.newOutputStream(rewritten))) {
			for (java.util.zip.ZipEntry e : java.util.Collections.list(in.entries())) {
				out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
				byte[] bytes = in.getInputStream(e).readAllBytes();
				String xml = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
				if (e.getName().equals("xl/worksheets/sheet1.xml")) {
					xml = xml.replaceFirst("(?s)<sheetData>.*</sheetData>|<sheetData/>", java.util.regex.Matcher
						.quoteReplacement("<sheetData><row r=\"1\">" + cells + "</row></sheetData>"));
				}
				else if (e.getName().equals("xl/sharedStrings.xml")) {
					xml = xml.replaceFirst("(?s)<si>.*</si>", java.util.regex.Matcher.quoteReplacement(sharedStrings));
				}
				out.write(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
				out.closeEntry();
			}
		}
		return rewritten;
	}

	@Test
	void truncatedWorkbookIsUnreadable() throws Exception {
		Path file = this.dir.resolve("whole.xlsx");
		try (XSSFWorkbook wb = new XSSFWorkbook()) {
			wb.createSheet("花名册").createRow(0).createCell(0).setCellValue("身份证号码");
			write(wb, file);
		}
		byte[] bytes = Files.readAllBytes(file);
		Path cut = this.dir.resolve("cut.xlsx");
		Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));

		assertThatThrownBy(() -> read(cut, new ArrayList<>())).isInstanceOf(UnreadableFileException.class)
			.hasMessageContaining("损坏");
	}

	@Test
	void handlerFailuresPassThroughUnchanged() throws Exception {
		Path file = this.dir.resolve("ok.xlsx");
		try (XSSFWorkbook wb = new XSSFWorkbook()) {
			wb.createSheet("花名册").createRow(0).createCell(0).setCellValue("身份证号码");
			write(wb, file);
		}
		java.sql.SQLException dbDown = new java.sql.SQLException("connection lost");

		assertThatThrownBy(() -> new XlsxTableReader().read(file, (row) -> {
			throw dbDown;
		})).isInstanceOf(HandlerException.class).hasCause(dbDown);
	}

	static List<SourceRow> read(Path file, List<String> sheets) throws Exception {
		List<SourceRow> rows = new ArrayList<>();
		new XlsxTableReader().read(file, new TableReader.RowHandler() {
			@Override
			public void sheetStart(String sheet) {
				sheets.add(sheet);
			}

			@Override
			public void row(SourceRow row) {
				rows.add(row);
			}
		});
		return rows;
	}

	static void write(Workbook wb, Path file) throws IOException {
		try (OutputStream out = Files.newOutputStream(file)) {
			wb.write(out);
		}
	}

}
