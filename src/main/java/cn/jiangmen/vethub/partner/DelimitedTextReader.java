package cn.jiangmen.vethub.partner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import cn.jiangmen.vethub.ingest.SourceRow;
import cn.jiangmen.vethub.ingest.TableReader;
import cn.jiangmen.vethub.ingest.UnreadableFileException;
import cn.jiangmen.vethub.normalize.RawCell;

/**
 * Streams plain delimited text as old hospital systems export it: one record per line,
 * fields split on a delimiter string, no quoting at all (a {@code "} is an ordinary
 * character, unlike CSV). The encoding is decoded strictly, so a file in another encoding
 * is unreadable rather than silently garbled; a leading BOM is dropped. Rows are numbered
 * by line, the first line being 1.
 */
final class DelimitedTextReader implements TableReader {

	private final Charset charset;

	private final String delimiter;

	DelimitedTextReader(Charset charset, String delimiter) {
		this.charset = charset;
		this.delimiter = delimiter;
	}

	@Override
	public void read(Path file, RowHandler handler) throws UnreadableFileException, IOException {
		try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
				this.charset.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)),
				64 * 1024)) {
			handler.sheetStart(null);
			long number = 0;
			String line;
			while ((line = in.readLine()) != null) {
				number++;
				if (number == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
					line = line.substring(1);
				}
				handler.row(new SourceRow(null, number, split(line)));
			}
			handler.sheetEnd(null);
		}
		catch (CharacterCodingException ex) {
			// readLine reports a bad byte sequence as a checked MalformedInputException
			// (a
			// CharacterCodingException); only BufferedReader.lines() would wrap it
			// unchecked
			throw new UnreadableFileException("文本文件编码错误：不是约定的 " + this.charset.name() + " 编码", ex);
		}
		catch (IOException | RuntimeException | UnreadableFileException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	List<RawCell> split(String line) {
		List<RawCell> cells = new ArrayList<>();
		int from = 0;
		while (true) {
			int at = line.indexOf(this.delimiter, from);
			String field = (at < 0) ? line.substring(from) : line.substring(from, at);
			cells.add(field.isEmpty() ? RawCell.blank() : RawCell.text(field));
			if (at < 0) {
				return cells;
			}
			from = at + this.delimiter.length();
		}
	}

}
