package cn.jiangmen.vethub.normalize;

import java.util.Objects;

/**
 * One cell as read, before any interpretation. {@link CellKind#TEXT}: the string as typed
 * (CSV cells are always text). {@link CellKind#NUMBER}: the raw stored numeric text as in
 * the XLSX XML (e.g. {@code 4.40785199001011E17}, {@code 13823456789}, {@code 1200.5}).
 * {@link CellKind#DATE}: a numeric cell with a date format, whose text is the Excel
 * serial ({@code 32874} or {@code 32874.5}). {@link CellKind#BOOLEAN}: the text
 * {@code TRUE}/{@code FALSE}. {@link CellKind#BLANK}: empty.
 *
 * @param text the raw text, never {@code null} ({@code ""} for a blank cell), without
 * control characters ({@link Text#withoutControls}: the one rule for every text that
 * arrives, applied here where every reader makes its cells)
 * @param kind how the cell was stored
 */
public record RawCell(String text, CellKind kind) {

	private static final RawCell BLANK = new RawCell("", CellKind.BLANK);

	public RawCell {
		Objects.requireNonNull(kind, "kind");
		text = (text != null) ? Text.withoutControls(text) : "";
	}

	/** A text cell; {@code null} is read as an empty text. */
	public static RawCell text(String s) {
		return new RawCell(s, CellKind.TEXT);
	}

	/** A numeric cell with its raw stored text, e.g. {@code 4.40785199001011E17}. */
	public static RawCell number(String raw) {
		return new RawCell(raw, CellKind.NUMBER);
	}

	/**
	 * A date-formatted numeric cell with its Excel serial, e.g. {@code 32874} or
	 * {@code 32874.5}.
	 */
	public static RawCell date(String serial) {
		return new RawCell(serial, CellKind.DATE);
	}

	public static RawCell blank() {
		return BLANK;
	}

	/**
	 * Whether the cell holds nothing: {@link CellKind#BLANK}, or any cell whose text is
	 * empty once all whitespace (including NBSP U+00A0, U+3000 and zero-width spaces) is
	 * dropped.
	 */
	public boolean isBlank() {
		return this.kind == CellKind.BLANK || Text.isBlank(this.text);
	}

}
