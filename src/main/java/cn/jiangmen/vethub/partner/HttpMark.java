package cn.jiangmen.vethub.partner;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import cn.jiangmen.vethub.source.HttpApiSettings.Incremental;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * The cursor values of an HTTP API source's incremental reads: read from a record's
 * cursor field (epoch milliseconds, an ISO date-time with or without an offset, or a
 * number), compared, written into the incremental parameter ({@code epoch-millis},
 * {@code iso} or a pattern), and kept in {@code ops.sync_mark} as a timestamp in the
 * source's time zone or a number. Pure.
 */
final class HttpMark {

	/** Epoch milliseconds from this size on (about 1973 and later). */
	static final long EPOCH_MILLIS_FROM = 100_000_000_000L;

	private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{11,}");

	private final Incremental settings;

	private final ZoneId zone;

	private final DateTimeFormatter pattern;

	private final JsonPointer cursorField;

	HttpMark(Incremental settings, ZoneId zone) {
		this.settings = settings;
		this.zone = zone;
		this.pattern = (!settings.numeric() && !"epoch-millis".equals(settings.format())
				&& !"iso".equals(settings.format())) ? DateTimeFormatter.ofPattern(settings.format()) : null;
		this.cursorField = JsonPointer.compile(settings.cursorField());
	}

	/**
	 * The cursor value of a record: a {@link LocalDateTime} in the source's zone or a
	 * {@link BigDecimal}.
	 * @throws IllegalArgumentException when the field is missing or not a cursor value
	 */
	Comparable<?> of(JsonNode record) {
		JsonNode node = record.at(this.cursorField);
		if (node == null || node.isMissingNode() || node.isNull()) {
			throw new IllegalArgumentException("the record has no cursor field " + this.settings.cursorField());
		}
		String text = node.isValueNode() ? node.asString().strip() : node.toString();
		if (this.settings.numeric()) {
			try {
				return new BigDecimal(text);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(
						"the cursor field " + this.settings.cursorField() + " holds '" + text + "', not a number");
			}
		}
		LocalDateTime time = time(text, this.zone);
		if (time == null && this.pattern != null) {
			try {
				time = LocalDateTime.parse(text, this.pattern);
			}
			catch (DateTimeParseException ex) {
				time = null;
			}
		}
		if (time == null) {
			throw new IllegalArgumentException("the cursor field " + this.settings.cursorField() + " holds '" + text
					+ "', not epoch milliseconds or an ISO date-time");
		}
		return time;
	}

	/**
	 * A date-time written as epoch milliseconds, or ISO with or without an offset (a date
	 * alone is its midnight), in the zone; null when it is none of these.
	 */
	static LocalDateTime time(String text, ZoneId zone) {
		if (EPOCH_MILLIS.matcher(text).matches()) {
			return LocalDateTime.ofInstant(Instant.ofEpochMilli(Long.parseLong(text)), zone);
		}
		try {
			return OffsetDateTime.parse(text).atZoneSameInstant(zone).toLocalDateTime();
		}
		catch (DateTimeParseException ex) {
			// no offset
		}
		try {
			return LocalDateTime.parse(text.replace(' ', 'T'));
		}
		catch (DateTimeParseException ex) {
			// not a date-time
		}
		try {
			return java.time.LocalDate.parse(text).atStartOfDay();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** The larger of two cursor values (either may be null). */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	static Comparable<?> max(Comparable<?> a, Comparable<?> b) {
		if (a == null) {
			return b;
		}
		if (b == null) {
			return a;
		}
		return (((Comparable) a).compareTo(b) >= 0) ? a : b;
	}

	/** A cursor value as the incremental parameter writes it. */
	String write(Comparable<?> value) {
		if (value instanceof BigDecimal number) {
			return number.toPlainString();
		}
		LocalDateTime time = (LocalDateTime) value;
		return switch (this.settings.format()) {
			case "epoch-millis" -> Long.toString(time.atZone(this.zone).toInstant().toEpochMilli());
			case "iso" -> time.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
			default -> time.format(this.pattern);
		};
	}

	/** The value as {@code ops.sync_mark} keeps it (a Timestamp or a BigDecimal). */
	static Object stored(Comparable<?> value) {
		return (value instanceof LocalDateTime time) ? Timestamp.valueOf(time) : value;
	}

	/** A mark as {@code ops.sync_mark} kept it, as a cursor value. */
	static Comparable<?> fromStored(Object stored) {
		if (stored instanceof Timestamp ts) {
			return ts.toLocalDateTime();
		}
		return (stored instanceof BigDecimal n) ? n : null;
	}

}
