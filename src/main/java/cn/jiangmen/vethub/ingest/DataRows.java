package cn.jiangmen.vethub.ingest;

import java.util.Optional;

/**
 * A {@link TableReader.RowHandler} that finds each sheet's header in its first rows
 * ({@link HeaderLocator}), skips sheets without one (说明, 字典) and the rows that are
 * neither data nor errors ({@link RowKinds}: title rows above the header, blank, note and
 * totals rows), and hands every data row on with its sheet's header.
 */
public final class DataRows implements TableReader.RowHandler {

	/** Receives the data rows. */
	@FunctionalInterface
	public interface Handler {

		void row(Header header, SourceRow row) throws Exception;

	}

	private final HeaderLocator headers;

	private final String keyField;

	private final Handler handler;

	private Header header;

	/** The key field's column in {@link #header}, -1 when it has none. */
	private int keyColumn;

	private boolean skipped;

	private int sheetsWithHeader;

	/**
	 * @param headers the header locator
	 * @param keyField the field whose column decides whether an unlabelled row is a note
	 * (the ID number)
	 * @param handler receives the data rows
	 */
	public DataRows(HeaderLocator headers, String keyField, Handler handler) {
		this.headers = headers;
		this.keyField = keyField;
		this.handler = handler;
	}

	/** How many sheets had a header so far: none means the file holds no table at all. */
	public int sheetsWithHeader() {
		return this.sheetsWithHeader;
	}

	@Override
	public void sheetStart(String sheet) {
		this.header = null;
		this.skipped = false;
	}

	@Override
	public void row(SourceRow row) throws Exception {
		if (this.skipped) {
			return;
		}
		if (this.header == null) {
			Optional<Header> found = this.headers.asHeader(row);
			if (found.isPresent()) {
				this.header = found.get();
				this.keyColumn = this.header.column(this.keyField).orElse(-1);
				this.sheetsWithHeader++;
			}
			else if (row.rowNumber() >= this.headers.searchRows()) {
				this.skipped = true;
			}
			return;
		}
		if (RowKinds.isIgnorable(row, this.keyColumn)) {
			return;
		}
		this.handler.row(this.header, row);
	}

}
