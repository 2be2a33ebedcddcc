package cn.jiangmen.vethub.partner;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.jiangmen.vethub.ingest.CsvTableReader;
import cn.jiangmen.vethub.ingest.FileFormat;
import cn.jiangmen.vethub.ingest.FileFormatSniffer;
import cn.jiangmen.vethub.ingest.HeaderText;
import cn.jiangmen.vethub.ingest.SourceRow;
import cn.jiangmen.vethub.ingest.TableReader;
import cn.jiangmen.vethub.ingest.UnreadableFileException;
import cn.jiangmen.vethub.ingest.XlsxTableReader;
import cn.jiangmen.vethub.normalize.RawCell;
import cn.jiangmen.vethub.normalize.TownResolver;
import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.source.PartnerSettings;
import cn.jiangmen.vethub.source.PartnerSettings.Format;
import cn.jiangmen.vethub.source.PartnerSettings.Mapping;
import cn.jiangmen.vethub.source.PartnerSettings.Target;
import cn.jiangmen.vethub.source.PartnerSettings.TargetField;

/**
 * Reads one partner file as its {@link PartnerSettings} describe it: checks the format by
 * content, finds each table's header (the first row naming the ID column, or for a table
 * about no person its first key column; or the configured row), recognises which mapping
 * the table follows by its header, skips blank, note and totals rows, checks the trailer
 * of text files, and maps every data row. Duplicate keys within the file keep the last
 * row. Anything that makes the file as a whole untrustworthy (wrong format, no header,
 * missing or wrong trailer) is an {@link UnreadableFileException}: nothing of it is
 * loaded. Pure: no database, no Spring.
 *
 * <p>
 * Partner files are monthly lists of thousands of rows, so the mapped rows of one file
 * are held in memory until the file is known to be complete (its trailer checked) and
 * loaded in one transaction.
 */
final class PartnerFileParser {

	private final PartnerSettings settings;

	private final TownResolver towns;

	/** A parser of a partner whose tables name no town, or whose towns are unknown. */
	PartnerFileParser(PartnerSettings settings) {
		this(settings, new TownResolver(List.of()));
	}

	/**
	 * @param towns the towns of the city (ref.town), for the town fields of a target
	 */
	PartnerFileParser(PartnerSettings settings, TownResolver towns) {
		this.settings = settings;
		this.towns = towns;
	}

	/**
	 * What a file held. The rejects are in the order they were found (a duplicate when
	 * its later row is read); {@link #fileOrder()} puts them in the file's order.
	 */
	record ParsedFile(List<PartnerFact> facts, List<RejectedRow> rejects, long rowsRead, List<String> sheets,
			Map<String, String> idHeaders, Map<String, String> nameHeaders) {

		/** The ID number of a row as written (for the feedback file, which masks it). */
		String idAsWritten(RejectedRow row) {
			return (row.idCard() != null) ? row.idCard() : written(row, this.idHeaders);
		}

		/**
		 * The name of a row as written, when the partner's table has one (the feedback
		 * file masks it).
		 */
		String nameAsWritten(RejectedRow row) {
			return written(row, this.nameHeaders);
		}

		private static String written(RejectedRow row, Map<String, String> headers) {
			String header = headers.get(String.valueOf(row.sheet()));
			return (header != null && row.rawValues() != null) ? row.rawValues().get(header) : null;
		}

		/** Orders rejected rows as the file does: by sheet, then row. */
		Comparator<RejectedRow> fileOrder() {
			return Comparator.comparing((RejectedRow r) -> this.sheets.indexOf(String.valueOf(r.sheet())))
				.thenComparing(RejectedRow::rowNumber);
		}

	}

	ParsedFile parse(Path file, String fileName) throws UnreadableFileException, IOException {
		TableReader reader = readerFor(new FileFormatSniffer().sniff(file));
		Collector collector = new Collector(fileName);
		reader.read(file, collector);
		return collector.result();
	}

	/** The reader of the agreed format, once the content is known to be of that kind. */
	private TableReader readerFor(FileFormat sniffed) throws UnreadableFileException {
		Format format = this.settings.format();
		if (format == Format.XLSX) {
			if (sniffed.isText()) {
				throw new UnreadableFileException("约定为 Excel 工作簿（.xlsx），收到的是文本文件");
			}
			return new XlsxTableReader();
		}
		if (!sniffed.isText()) {
			throw new UnreadableFileException(
					"约定为文本文件（" + ((format == Format.CSV) ? "CSV" : "分隔符文本") + "），收到的是 Excel 工作簿");
		}
		Charset charset = this.settings.autoEncoding() ? sniffed.charset() : Charset.forName(this.settings.encoding());
		return (format == Format.CSV) ? new CsvTableReader(charset)
				: new DelimitedTextReader(charset, this.settings.delimiter());
	}

	/**
	 * The field whose column marks a mapping's header row, and whose empty value marks a
	 * note or totals row: the ID number for a target about a person, else the first field
	 * of the record key (a job fair's date).
	 */
	static String anchorField(Mapping mapping) {
		return mapping.target().personal() ? PartnerSettings.ID_CARD_FIELD : mapping.keyFields().get(0);
	}

	private static String anchorColumn(Mapping mapping) {
		return mapping.fields().get(anchorField(mapping)).column();
	}

	/** The required columns of a mapping: those it cannot be recognised without. */
	private static List<String> requiredColumns(Mapping mapping) {
		List<String> columns = new ArrayList<>();
		mapping.fields().forEach((name, field) -> {
			TargetField known = mapping.target().field(name).orElseThrow();
			if (known.required() || Boolean.TRUE.equals(field.required()) || mapping.keyFields().contains(name)) {
				columns.add(field.column());
			}
		});
		return columns;
	}

	/** Receives the rows of every sheet (a text file is one sheet named null). */
	private final class Collector implements TableReader.RowHandler {

		private final String fileName;

		private final Map<Target, LinkedHashMap<String, PartnerFact>> facts = new LinkedHashMap<>();

		private final List<RejectedRow> rejects = new ArrayList<>();

		private final List<String> sheets = new ArrayList<>();

		private final Map<String, String> idHeaders = new LinkedHashMap<>();

		private final Map<String, String> nameHeaders = new LinkedHashMap<>();

		private long rowsRead;

		private int tables;

		private String sheet;

		private PartnerRowMapper mapper;

		private int idColumn;

		private boolean headerPassed;

		private boolean trailerSeen;

		private long trailerCount;

		private long dataLines;

		Collector(String fileName) {
			this.fileName = fileName;
		}

		@Override
		public void sheetStart(String sheet) {
			this.sheet = sheet;
			this.sheets.add(String.valueOf(sheet));
			this.mapper = null;
			this.headerPassed = false;
			this.trailerSeen = false;
			this.dataLines = 0;
		}

		@Override
		public void row(SourceRow row) throws UnreadableFileException {
			if (this.mapper == null) {
				if (!this.headerPassed) {
					lookForHeader(row);
				}
				return;
			}
			if (this.trailerSeen) {
				if (!row.isBlank()) {
					throw new UnreadableFileException(
							"第 " + row.rowNumber() + " 行：结尾行（" + settings.trailer() + "）之后还有内容，文件不完整或被改动");
				}
				return;
			}
			if (row.isBlank()) {
				return;
			}
			if (settings.trailer() != null && HeaderText.key(row.text(0)).equals(HeaderText.key(settings.trailer()))) {
				this.trailerSeen = true;
				this.trailerCount = trailerCount(row);
				return;
			}
			this.dataLines++;
			if (isNote(row)) {
				return;
			}
			this.rowsRead++;
			PartnerRowMapper.Result result = this.mapper.map(row);
			if (result instanceof PartnerRowMapper.Mapped mapped) {
				keep(mapped.fact());
			}
			else if (result instanceof PartnerRowMapper.Refused refused) {
				this.rejects.add(refused.row());
			}
		}

		@Override
		public void sheetEnd(String sheet) throws UnreadableFileException {
			if (this.mapper == null) {
				if (settings.format().isText()) {
					throw new UnreadableFileException(noHeader());
				}
				return;
			}
			if (settings.trailer() != null) {
				if (!this.trailerSeen) {
					String separator = (settings.format() == Format.CSV) ? "," : settings.delimiter();
					throw new UnreadableFileException(
							"缺少结尾行“" + settings.trailer() + separator + "<数据行数>”：文件不完整（可能传输中断），请重新导出");
				}
				if (this.trailerCount != this.dataLines) {
					throw new UnreadableFileException(
							"结尾行声明 " + this.trailerCount + " 条数据，文件实有 " + this.dataLines + " 条：文件不完整或被改动，请重新导出");
				}
			}
		}

		ParsedFile result() throws UnreadableFileException {
			if (this.tables == 0) {
				throw new UnreadableFileException(noHeader());
			}
			List<PartnerFact> all = new ArrayList<>();
			this.facts.values().forEach((byKey) -> all.addAll(byKey.values()));
			return new ParsedFile(all, this.rejects, this.rowsRead, List.copyOf(this.sheets),
					Map.copyOf(this.idHeaders), Map.copyOf(this.nameHeaders));
		}

		private void keep(PartnerFact fact) {
			LinkedHashMap<String, PartnerFact> byKey = this.facts.computeIfAbsent(fact.target(),
					(t) -> new LinkedHashMap<>());
			PartnerFact earlier = byKey.remove(fact.key());
			if (earlier != null) {
				RejectedRow row = earlier.origin();
				String detail = "与" + where(fact.origin(), row.sheet()) + "的记录重复，以最后一行为准";
				this.rejects.add(new RejectedRow(row.fileName(), row.sheet(), row.rowNumber(), row.recordKey(),
						RejectReason.DUPLICATE_IN_FILE, detail, row.rawValues(), null, null, null));
			}
			byKey.put(fact.key(), fact);
		}

		/**
		 * Where the winning row is, seen from the refused one: its sheet is named when it
		 * is another.
		 */
		private static String where(RejectedRow winner, String refusedSheet) {
			boolean otherSheet = winner.sheet() != null && !winner.sheet().equals(refusedSheet);
			return (otherSheet ? "工作表“" + winner.sheet() + "”" : "") + "第 " + winner.rowNumber() + " 行";
		}

		private void lookForHeader(SourceRow row) throws UnreadableFileException {
			Integer fixed = settings.headerRow();
			long last = (fixed != null) ? fixed : settings.headerSearchRows();
			if (row.rowNumber() > last) {
				this.headerPassed = true;
				return;
			}
			if (fixed != null && row.rowNumber() < fixed) {
				return;
			}
			List<String> headers = new ArrayList<>();
			for (RawCell cell : row.cells()) {
				headers.add(cell.text().strip());
			}
			List<String> keys = headers.stream().map(HeaderText::key).toList();
			boolean namesId = settings.mappings()
				.stream()
				.anyMatch((m) -> keys.contains(HeaderText.key(anchorColumn(m))));
			if (!namesId) {
				if (fixed != null) {
					this.headerPassed = true;
				}
				return;
			}
			Optional<Mapping> mapping = settings.mappings()
				.stream()
				.filter((m) -> requiredColumns(m).stream().allMatch((c) -> keys.contains(HeaderText.key(c))))
				.findFirst();
			if (mapping.isEmpty()) {
				throw new UnreadableFileException(place(row) + "表头缺少约定的列（" + missing(keys) + "）：格式与约定不符");
			}
			Map<String, Integer> columnOf = new LinkedHashMap<>();
			mapping.get().fields().forEach((name, field) -> {
				int at = keys.indexOf(HeaderText.key(field.column()));
				columnOf.put(name, at);
			});
			this.idColumn = columnOf.get(anchorField(mapping.get()));
			if (mapping.get().target().personal()) {
				this.idHeaders.put(String.valueOf(this.sheet), headers.get(this.idColumn));
			}
			Integer nameColumn = columnOf.get("name");
			if (nameColumn != null) {
				this.nameHeaders.put(String.valueOf(this.sheet), headers.get(nameColumn));
			}
			this.mapper = new PartnerRowMapper(mapping.get(), columnOf, headers, this.fileName,
					PartnerFileParser.this.towns);
			this.headerPassed = true;
			this.tables++;
		}

		private String missing(List<String> keys) {
			Mapping best = settings.mappings().get(0);
			List<String> absent = new ArrayList<>();
			for (Mapping m : settings.mappings()) {
				List<String> lacking = requiredColumns(m).stream()
					.filter((c) -> !keys.contains(HeaderText.key(c)))
					.toList();
				if (absent.isEmpty() || lacking.size() < absent.size()) {
					absent = lacking;
					best = m;
				}
			}
			return best.target().table() + "：" + String.join("、", absent);
		}

		private String place(SourceRow row) {
			return ((row.sheet() != null) ? "工作表“" + row.sheet() + "”" : "") + "第 " + row.rowNumber() + " 行";
		}

		private String noHeader() {
			String columns = String.join("”或“",
					settings.mappings().stream().map(PartnerFileParser::anchorColumn).distinct().toList());
			return (settings.headerRow() != null) ? "第 " + settings.headerRow() + " 行不是约定的表头（应含“" + columns + "”）"
					: "前 " + settings.headerSearchRows() + " 行中没有约定的表头（含“" + columns + "”的行）";
		}

		/**
		 * A note or totals row: its first text matches a skip prefix and it has no ID
		 * number (no value in the anchor column, or the prefix is that value: a job
		 * fair's totals row says 合计 in its date column).
		 */
		private boolean isNote(SourceRow row) {
			String anchor = HeaderText.key(row.text(this.idColumn));
			for (RawCell cell : row.cells()) {
				String t = HeaderText.key(cell.text());
				if (!t.isEmpty()) {
					boolean skip = settings.skipRowsStartingWith()
						.stream()
						.anyMatch((p) -> t.startsWith(HeaderText.key(p)));
					return skip && (anchor.isEmpty() || anchor.equals(t));
				}
			}
			return false;
		}

		private long trailerCount(SourceRow row) throws UnreadableFileException {
			String count = row.text(1).strip();
			try {
				return Long.parseLong(count);
			}
			catch (NumberFormatException ex) {
				throw new UnreadableFileException("第 " + row.rowNumber() + " 行：结尾行的数据行数“" + count + "”不是数字");
			}
		}

	}

}
