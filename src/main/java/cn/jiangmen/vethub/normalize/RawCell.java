package cn.jiangmen.vethub.normalize;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
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

	/**
	 * The cell as the sender's spreadsheet shows it, for a refused row kept whole and
	 * shown back to people (the run page, the feedback file, the rejects export): a date
	 * cell as its date, {@code 2026-01-01}, or with its time of day when it has one,
	 * {@code 2026-01-01 12:30} ({@code 12:30:15} with seconds), never the serial
	 * {@code 46023} the file stores; every other cell its {@link #text()}, already as
	 * Excel shows a number ({@code 5}, not {@code 5.0}). A date serial that is no date
	 * (out of Excel's range) stays as it is, so that the reason it was refused can be
	 * seen.
	 */
	public String shown() {
		if (this.kind != CellKind.DATE) {
			return this.text;
		}
		Normalized<LocalDate> date = DateNormalizer.date(this);
		if (!date.isOk() || date.value() == null) {
			return this.text;
		}
		BigDecimal serial = new BigDecimal(Text.compact(this.text));
		BigDecimal fraction = serial.subtract(new BigDecimal(serial.toBigInteger()));
		long seconds = fraction.multiply(BigDecimal.valueOf(86_400)).setScale(0, RoundingMode.HALF_UP).longValue();
		if (seconds <= 0 || seconds >= 86_400) {
			return date.value().toString();
		}
		LocalTime time = LocalTime.ofSecondOfDay(seconds);
		String shownTime = (time.getSecond() == 0) ? String.format("%02d:%02d", time.getHour(), time.getMinute())
				: time.toString();
		return date.value() + " " + shownTime;
	}

}
