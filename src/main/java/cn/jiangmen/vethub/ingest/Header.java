package cn.jiangmen.vethub.ingest;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A located header row.
 *
 * @param rowNumber the header's row number (spreadsheet row, or CSV record number)
 * @param texts the header cells as written, by column index (blank for an empty cell)
 * @param columnOf field to column index, for the fields recognised
 */
public record Header(long rowNumber, List<String> texts, Map<String, Integer> columnOf) {

	public Header {
		texts = List.copyOf(texts);
		columnOf = Map.copyOf(columnOf);
	}

	public boolean has(String field) {
		return this.columnOf.containsKey(field);
	}

	public OptionalInt column(String field) {
		Integer c = this.columnOf.get(field);
		return (c != null) ? OptionalInt.of(c) : OptionalInt.empty();
	}

	/** The header text of a column as written (its label in rejects and feedback). */
	public String textOf(int column) {
		if (column < this.texts.size() && !this.texts.get(column).isBlank()) {
			return this.texts.get(column);
		}
		return "第" + (column + 1) + "列";
	}

	/**
	 * The header text of a field's column, or the field name when the field has no
	 * column.
	 */
	public String labelOf(String field) {
		Integer c = this.columnOf.get(field);
		return (c != null) ? textOf(c).replaceAll("\\s+", "") : field;
	}

}
