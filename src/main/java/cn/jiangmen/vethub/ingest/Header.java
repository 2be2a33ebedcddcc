package cn.jiangmen.vethub.ingest;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

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
		return columnLabel(this.texts, column);
	}

	/**
	 * The header text of a field's column, or the field name when the field has no
	 * column.
	 */
	public String labelOf(String field) {
		Integer c = this.columnOf.get(field);
		return (c != null) ? textOf(c).replaceAll("\\s+", "") : field;
	}

	/**
	 * The values of a row by the compacted header text (whitespace removed) of their
	 * column, for a refused row kept whole: see {@link #rawValues(List, SourceRow)}.
	 * @param row a data row of this header's table
	 * @return the values by label, in column order
	 */
	public Map<String, String> rawValues(SourceRow row) {
		List<String> labels = new ArrayList<>(this.texts.size());
		for (String text : this.texts) {
			labels.add(text.replaceAll("\\s+", ""));
		}
		return rawValues(labels, row);
	}

	/**
	 * The values of a row by the header text of their column, for a refused row kept
	 * whole: no column is lost. A column without header text is labelled by its position
	 * ({@code 第3列}); a label that repeats one already used (two columns 备注) is kept as
	 * {@code 备注(2)}, {@code 备注(3)}, and so on. Cells beyond the header are kept when not
	 * empty. Values are as the sender's spreadsheet shows them ({@link SourceRow#shown}):
	 * a date cell is kept as its date, not as the serial the file stores.
	 * @param headers the header texts by column index, as they are to be labelled
	 * @param row a data row of that table
	 * @return the values by label, in column order
	 */
	public static Map<String, String> rawValues(List<String> headers, SourceRow row) {
		Map<String, String> raw = new LinkedHashMap<>();
		int columns = Math.max(headers.size(), row.cells().size());
		for (int c = 0; c < columns; c++) {
			String value = row.shown(c);
			if (value.isEmpty() && c >= headers.size()) {
				continue;
			}
			String label = columnLabel(headers, c);
			String key = label;
			for (int n = 2; raw.containsKey(key); n++) {
				key = label + "(" + n + ")";
			}
			raw.put(key, value);
		}
		return raw;
	}

	/**
	 * {@link #rawValues(List, SourceRow)}, made when first read: what a valid row keeps
	 * in case it is rejected later (a duplicate, a person not yet known), so that the
	 * rows that are loaded, nearly all of them, never pay for it. The row's cells must
	 * not change afterwards (every reader makes a new cell list per row).
	 */
	public static Map<String, String> rawValuesWhenRead(List<String> headers, SourceRow row) {
		return new LaterRawValues(headers, row);
	}

	private static final class LaterRawValues extends AbstractMap<String, String> {

		private final List<String> headers;

		private final SourceRow row;

		private volatile Map<String, String> values;

		LaterRawValues(List<String> headers, SourceRow row) {
			this.headers = headers;
			this.row = row;
		}

		@Override
		public Set<Entry<String, String>> entrySet() {
			Map<String, String> made = this.values;
			if (made == null) {
				made = Collections.unmodifiableMap(rawValues(this.headers, this.row));
				this.values = made;
			}
			return made.entrySet();
		}

	}

	private static String columnLabel(List<String> headers, int column) {
		if (column < headers.size() && !headers.get(column).isBlank()) {
			return headers.get(column);
		}
		return "第" + (column + 1) + "列";
	}

}
