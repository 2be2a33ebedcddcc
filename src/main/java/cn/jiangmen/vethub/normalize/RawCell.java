package cn.jiangmen.vethub.normalize;

import java.util.Objects;

/**
 * One cell as read, before any interpretation. {@link CellKind#TEXT}: the string as typed
 * (CSV cells are always text). {@link CellKind#NUMBER}: the number as Excel shows it,
 * made from the stored text of the XLSX XML by {@link ExcelNumber#shown(String)}: 15
 * significant digits, plain ({@code 1234.5699999999999} is {@code 1234.57},
 * {@code 4.4078519900101126E17} is {@code 440785199001011000}, {@code 13823456789} and
 * {@code 1200.5} stay). {@link CellKind#DATE}: a numeric cell with a date format, whose
 * text is the Excel serial by the same rule ({@code 32874}, {@code 32874.5};
 * {@code 46023.999999999993} is {@code 46024}). Every way of making a cell goes through
 * that rule, so no normalizer ever sees the binary noise of the last two stored digits.
 * {@link CellKind#BOOLEAN}: the text {@code TRUE}/{@code FALSE}. {@link CellKind#BLANK}:
 * empty.
 *
 * @param text the raw text, never {@code null} ({@code ""} for a blank cell), without
 * control characters ({@link Text#withoutControls}: the one rule for every text that
 * arrives, applied here where every reader makes its cells); for a number or date cell
 * the shown number, or the stored text unchanged when it is not a number
 * @param kind how the cell was stored
 */
public record RawCell(String text, CellKind kind) {

	private static final RawCell BLANK = new RawCell("", CellKind.BLANK);

	public RawCell {
		Objects.requireNonNull(kind, "kind");
		text = (text != null) ? Text.withoutControls(text) : "";
		if (kind == CellKind.NUMBER || kind == CellKind.DATE) {
			text = ExcelNumber.shown(text);
		}
	}

	/** A text cell; {@code null} is read as an empty text. */
	public static RawCell text(String s) {
		return new RawCell(s, CellKind.TEXT);
	}

	/**
	 * A numeric cell from its stored text, e.g. {@code 4.40785199001011E17}; its
	 * {@link #text()} is the number as Excel shows it.
	 */
	public static RawCell number(String raw) {
		return new RawCell(raw, CellKind.NUMBER);
	}

	/**
	 * A date-formatted numeric cell with its stored Excel serial, e.g. {@code 32874} or
	 * {@code 32874.5}, shown as Excel shows it.
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
