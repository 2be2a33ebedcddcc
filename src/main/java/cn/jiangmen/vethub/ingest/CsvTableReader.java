package cn.jiangmen.vethub.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import cn.jiangmen.vethub.normalize.CellKind;
import cn.jiangmen.vethub.normalize.RawCell;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * Streams a CSV file with FastCSV in the given encoding (a leading BOM is skipped). Every
 * field is a {@link CellKind#TEXT} cell (or {@link CellKind#BLANK} when empty): text
 * files have no types. Rows are numbered by record, the first record being 1, so a header
 * on the first line is row 1 and a quoted field spanning lines does not shift the
 * numbering. Empty lines are records too (blank rows), so numbers stay those of the file.
 */
public final class CsvTableReader implements TableReader {

	private final Charset charset;

	private final char separator;

	public CsvTableReader(Charset charset) {
		this(charset, ',');
	}

	public CsvTableReader(Charset charset, char separator) {
		this.charset = charset;
		this.separator = separator;
	}

	@Override
	public void read(Path file, RowHandler handler) throws UnreadableFileException, IOException {
		Reader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
				this.charset.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)),
				64 * 1024);
		try (CsvReader<CsvRecord> csv = CsvReader.builder()
			.fieldSeparator(this.separator)
			.skipEmptyLines(false)
			.allowExtraFields(true)
			.allowMissingFields(true)
			.detectBomHeader(false)
			.ofCsvRecord(reader)) {
			handler.sheetStart(null);
			long number = 0;
			boolean first = true;
			for (CsvRecord record : csv) {
				number++;
				List<String> fields = record.getFields();
				List<RawCell> cells = new ArrayList<>(fields.size());
				for (int i = 0; i < fields.size(); i++) {
					String f = fields.get(i);
					if (first && i == 0 && !f.isEmpty() && f.charAt(0) == '\uFEFF') {
						f = f.substring(1);
					}
					cells.add(f.isEmpty() ? SourceRow.BLANK : new RawCell(f, CellKind.TEXT));
				}
				first = false;
				handler.row(new SourceRow(null, number, cells));
			}
			handler.sheetEnd(null);
		}
		catch (CsvParseException ex) {
			throw new UnreadableFileException("CSV 文件格式错误（引号不配对或字段过长）", ex);
		}
		catch (UncheckedIOException ex) {
			if (ex.getCause() instanceof CharacterCodingException) {
				throw new UnreadableFileException("CSV 文件编码错误", ex);
			}
			throw ex.getCause();
		}
		catch (IOException | RuntimeException | UnreadableFileException ex) {
			// the handler's own refusal of the file passes through as it was thrown, as
			// from XlsxTableReader
			throw ex;
		}
		catch (Exception ex) {
			throw rethrow(ex);
		}
	}

	static RuntimeException rethrow(Exception ex) {
		if (ex instanceof RuntimeException re) {
			return re;
		}
		return new HandlerException(ex);
	}

}
