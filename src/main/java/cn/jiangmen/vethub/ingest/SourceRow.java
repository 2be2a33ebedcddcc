package cn.jiangmen.vethub.ingest;

import java.util.List;

import cn.jiangmen.vethub.normalize.CellKind;
import cn.jiangmen.vethub.normalize.RawCell;

/**
 * One row of a table as it arrived.
 *
 * @param sheet the sheet name, null for text files
 * @param rowNumber 1-based spreadsheet row; for text files the record number (the first
 * record is 1, so a header on the first line is 1)
 * @param cells the cells by column index (A = 0); missing cells are
 * {@link CellKind#BLANK}
 */
public record SourceRow(String sheet, long rowNumber, List<RawCell> cells) {

	static final RawCell BLANK = RawCell.blank();

	/** The cell of a column, blank when the row is shorter. */
	public RawCell cell(int column) {
		return (column >= 0 && column < this.cells.size()) ? this.cells.get(column) : BLANK;
	}

	/** The text of a column, "" when blank or missing. */
	public String text(int column) {
		String t = cell(column).text();
		return (t != null) ? t : "";
	}

	/**
	 * A column as the sender's spreadsheet shows it ({@link RawCell#shown()}: a date cell
	 * as its date), "" when blank or missing: what a refused row keeps and shows.
	 */
	public String shown(int column) {
		return cell(column).shown();
	}

	/** True when no cell holds anything but whitespace. */
	public boolean isBlank() {
		for (RawCell cell : this.cells) {
			if (!cell.isBlank()) {
				return false;
			}
		}
		return true;
	}

}
