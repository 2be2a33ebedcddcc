package cn.jiangmen.vethub.ingest;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams the rows of a table file, sheet by sheet, to a {@link RowHandler}: no reader
 * holds a whole file in memory. A file that turns out to be corrupt while being read
 * raises {@link UnreadableFileException}; whatever the handler did with earlier rows must
 * then be rolled back by the caller (one transaction per file).
 */
public interface TableReader {

	void read(Path file, RowHandler handler) throws UnreadableFileException, IOException;

	/** The reader for a sniffed format. */
	static TableReader of(FileFormat format) {
		return format.isText() ? new CsvTableReader(format.charset()) : new XlsxTableReader();
	}

	/**
	 * Receives the rows. Exceptions other than {@link UnreadableFileException} thrown by
	 * the handler (a database failure) pass through the reader unchanged.
	 */
	interface RowHandler {

		/** A sheet starts (text files: one sheet named null). */
		default void sheetStart(String sheet) throws Exception {
		}

		void row(SourceRow row) throws Exception;

		default void sheetEnd(String sheet) throws Exception {
		}

	}

}
