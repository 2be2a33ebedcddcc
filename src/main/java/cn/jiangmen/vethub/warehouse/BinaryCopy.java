package cn.jiangmen.vethub.warehouse;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into PostgreSQL with {@code COPY ... FROM STDIN (FORMAT binary)}: the
 * server stores the values as sent instead of parsing text (dates and timestamps are the
 * costly ones), which makes it the cheapest way to write a table. Values are written
 * field by field in the table's column order given in the COPY statement, each row opened
 * with {@link #startRow(int)}; rows go to the server in 256 KiB chunks. For rows of
 * untyped values (a stage, a few hundred payments) {@link CopyLoader}'s text format is
 * the simpler tool; this one is for the hot path of a bulk load.
 * <p>
 * Encodings, from PostgreSQL's binary send/receive functions: text and {@code char(n)} as
 * UTF-8 bytes (the connection's client encoding), {@code date} as days since 2000-01-01
 * ({@code int4}), {@code timestamptz} as microseconds since 2000-01-01 00:00 UTC
 * ({@code int8}), {@code bigint} as {@code int8}, {@code boolean} as one byte,
 * {@code jsonb} as a version byte (1) and the JSON text, {@code numeric} as
 * {@code numeric_send} writes it (see {@link #numericWords}).
 */
final class BinaryCopy implements AutoCloseable {

	private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0 };

	private static final int CHUNK = 256 * 1024;

	private static final int MEMO_SLOTS = 256;

	/** The version byte that precedes the JSON text of a binary {@code jsonb}. */
	private static final byte JSONB_VERSION = 1;

	/** 2000-01-01 as days since 1970-01-01. */
	private static final long PG_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();

	/** 2000-01-01T00:00Z as seconds since 1970-01-01T00:00Z. */
	private static final long PG_EPOCH_SECOND = PG_EPOCH_DAY * 86_400;

	/** 10^n for the digits of a {@code numeric} that fit a long. */
	private static final long[] LONG_TENS = { 1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
			100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L,
			100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L,
			1_000_000_000_000_000_000L };

	private final CopyIn copy;

	private ByteBuffer buffer = ByteBuffer.allocate(CHUNK + 8192);

	private long rows;

	private OffsetDateTime lastTimestamp;

	/** The chars of the text being written. */
	private char[] chars = new char[64];

	/**
	 * Coded values lately written, and their fields (length and bytes), by identity hash
	 * (a table of the size of the towns of a county and the few other codes).
	 */
	private final String[] memoValues = new String[MEMO_SLOTS];

	private final byte[][] memoFields = new byte[MEMO_SLOTS][];

	private long lastMicros;

	private boolean done;

	private BinaryCopy(CopyIn copy) {
		this.copy = copy;
	}

	/**
	 * Starts a binary COPY on the given connection (its transaction stays the caller's).
	 * @param table the table and its columns, e.g. {@code dw.person (id_card, name)}
	 */
	static BinaryCopy open(Connection connection, String table) throws SQLException {
		BinaryCopy copy = new BinaryCopy(connection.unwrap(PGConnection.class)
			.getCopyAPI()
			.copyIn("COPY " + table + " FROM STDIN (FORMAT binary)"));
		copy.buffer.put(SIGNATURE).putInt(0).putInt(0);
		return copy;
	}

	/** Opens a row of the given number of fields; write exactly that many next. */
	BinaryCopy startRow(int fields) throws SQLException {
		if (this.buffer.position() >= CHUNK) {
			flush();
		}
		this.buffer.putShort((short) fields);
		this.rows++;
		return this;
	}

	/**
	 * A text or {@code char(n)} field; {@code null} is SQL NULL. Encoded straight into
	 * the buffer (see {@link #utf8}).
	 */
	BinaryCopy text(String value) throws SQLException {
		if (value == null) {
			return nul();
		}
		int n = value.length();
		// a char takes at most 3 bytes in UTF-8 (a surrogate pair, two chars, takes 4)
		room(4 + 3 * n);
		if (this.chars.length < n) {
			this.chars = new char[Math.max(n, 2 * this.chars.length)];
		}
		value.getChars(0, n, this.chars, 0);
		int start = this.buffer.position();
		int end = utf8(this.chars, n, this.buffer.array(), start + 4);
		this.buffer.putInt(start, end - start - 4).position(end);
		return this;
	}

	/**
	 * A text field of a coded value, one of few that repeat row after row as the same
	 * instance (a source id, a category, a town): its bytes are remembered for the next
	 * rows. {@code null} is SQL NULL.
	 */
	BinaryCopy coded(String value) throws SQLException {
		if (value == null) {
			return nul();
		}
		int slot = System.identityHashCode(value) & (MEMO_SLOTS - 1);
		if (this.memoValues[slot] == value) {
			byte[] field = this.memoFields[slot];
			room(field.length);
			this.buffer.put(field);
			return this;
		}
		room(4 + 3 * value.length());
		int start = this.buffer.position();
		text(value);
		this.memoValues[slot] = value;
		this.memoFields[slot] = Arrays.copyOfRange(this.buffer.array(), start, this.buffer.position());
		return this;
	}

	/**
	 * Writes the first {@code n} chars in UTF-8 at {@code at}, as {@link String#getBytes}
	 * with UTF-8 does (a lone surrogate becomes {@code ?}), without the array of its own
	 * that takes for every value; returns where the bytes end. The array must have room
	 * for 3 bytes a char.
	 */
	static int utf8(char[] s, int n, byte[] to, int at) {
		int p = at;
		for (int i = 0; i < n; i++) {
			char c = s[i];
			if (c < 0x80) {
				to[p++] = (byte) c;
			}
			else if (c < 0x800) {
				to[p++] = (byte) (0xC0 | (c >> 6));
				to[p++] = (byte) (0x80 | (c & 0x3F));
			}
			else if (!Character.isSurrogate(c)) {
				to[p++] = (byte) (0xE0 | (c >> 12));
				to[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
				to[p++] = (byte) (0x80 | (c & 0x3F));
			}
			else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s[i + 1])) {
				int cp = Character.toCodePoint(c, s[++i]);
				to[p++] = (byte) (0xF0 | (cp >> 18));
				to[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
				to[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
				to[p++] = (byte) (0x80 | (cp & 0x3F));
			}
			else {
				to[p++] = '?';
			}
		}
		return p;
	}

	/** A {@code jsonb} field from its JSON text; {@code null} is SQL NULL. */
	BinaryCopy jsonb(String json) throws SQLException {
		if (json == null) {
			return nul();
		}
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		room(5 + bytes.length);
		this.buffer.putInt(bytes.length + 1).put(JSONB_VERSION).put(bytes);
		return this;
	}

	/** A {@code date} field; {@code null} is SQL NULL. */
	BinaryCopy date(LocalDate value) throws SQLException {
		if (value == null) {
			return nul();
		}
		return date(value.getYear(), value.getMonthValue(), value.getDayOfMonth());
	}

	/**
	 * A {@code date} field of a valid calendar date given by its parts (as read from an
	 * ID number), without making a {@link LocalDate} of it.
	 */
	BinaryCopy date(int year, int month, int day) throws SQLException {
		room(8);
		this.buffer.putInt(4).putInt(Math.toIntExact(epochDay(year, month, day) - PG_EPOCH_DAY));
		return this;
	}

	/**
	 * Days since 1970-01-01 of a valid proleptic Gregorian date, by the
	 * {@code days_from_civil} algorithm of Howard Hinnant (what
	 * {@link LocalDate#toEpochDay} returns).
	 */
	static long epochDay(int year, int month, int day) {
		long y = (month <= 2) ? year - 1 : year;
		long era = Math.floorDiv(y, 400);
		long yearOfEra = y - era * 400;
		long dayOfYear = (153L * (month + ((month > 2) ? -3 : 9)) + 2) / 5 + day - 1;
		long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
		return era * 146_097 + dayOfEra - 719_468;
	}

	/**
	 * A {@code timestamptz} field; {@code null} is SQL NULL. The last value is
	 * remembered: the rows of a file share one as-of time.
	 */
	BinaryCopy timestamp(OffsetDateTime value) throws SQLException {
		if (value == null) {
			return nul();
		}
		if (value != this.lastTimestamp) {
			this.lastMicros = (value.toEpochSecond() - PG_EPOCH_SECOND) * 1_000_000 + value.getNano() / 1_000;
			this.lastTimestamp = value;
		}
		room(12);
		this.buffer.putInt(8).putLong(this.lastMicros);
		return this;
	}

	/**
	 * A {@code numeric} field; {@code null} is SQL NULL. The column's typmod (such as
	 * {@code numeric(14, 2)}) is applied by the server as for a text value.
	 */
	BinaryCopy numeric(BigDecimal value) throws SQLException {
		if (value == null) {
			return nul();
		}
		short[] words = numericWords(value);
		room(4 + 2 * words.length);
		this.buffer.putInt(2 * words.length);
		for (short w : words) {
			this.buffer.putShort(w);
		}
		return this;
	}

	/**
	 * A number in the binary form of PostgreSQL's {@code numeric}: the number of digits,
	 * the weight (the power of 10,000 of the first digit), the sign ({@code 0x0000} or
	 * {@code 0x4000}), the display scale (the decimals written), then the digits in base
	 * 10,000, most significant first, without leading or trailing zero digits (zero has
	 * none).
	 */
	static short[] numericWords(BigDecimal value) {
		int scale = value.scale();
		int dscale = Math.max(scale, 0);
		int fractionDigits = (dscale + 3) / 4;
		// |value| times 10,000^fractionDigits, a whole number
		int shift = 4 * fractionDigits - scale;
		short[] digits = new short[(value.precision() + shift) / 4 + 2];
		int n = 0;
		if (value.precision() + shift <= 18) {
			long rest = Math.abs(value.unscaledValue().longValueExact()) * LONG_TENS[shift];
			while (rest != 0) {
				digits[n++] = (short) (rest % 10_000);
				rest /= 10_000;
			}
		}
		else {
			BigInteger rest = value.unscaledValue().abs().multiply(BigInteger.TEN.pow(shift));
			BigInteger base = BigInteger.valueOf(10_000);
			while (rest.signum() != 0) {
				BigInteger[] qr = rest.divideAndRemainder(base);
				digits[n++] = qr[1].shortValue();
				rest = qr[0];
			}
		}
		// digits[0..n) is least significant first; drop trailing (low) zero digits
		int low = 0;
		while (low < n && digits[low] == 0) {
			low++;
		}
		int count = n - low;
		short[] words = new short[4 + count];
		words[0] = (short) count;
		words[1] = (short) ((count == 0) ? 0 : n - 1 - fractionDigits);
		words[2] = (short) ((value.signum() < 0) ? 0x4000 : 0);
		words[3] = (short) dscale;
		for (int i = 0; i < count; i++) {
			words[4 + i] = digits[n - 1 - i];
		}
		return words;
	}

	/** A {@code bigint} field. */
	BinaryCopy int8(long value) throws SQLException {
		room(12);
		this.buffer.putInt(8).putLong(value);
		return this;
	}

	/** A {@code boolean} field. */
	BinaryCopy bool(boolean value) throws SQLException {
		room(5);
		this.buffer.putInt(1).put((byte) (value ? 1 : 0));
		return this;
	}

	/** SQL NULL, for a field of any type. */
	BinaryCopy nul() throws SQLException {
		room(4);
		this.buffer.putInt(-1);
		return this;
	}

	/** Makes room for a field: sends what is buffered, or grows for a very long value. */
	private void room(int bytes) throws SQLException {
		if (this.buffer.remaining() < bytes) {
			flush();
			if (this.buffer.remaining() < bytes) {
				this.buffer = ByteBuffer.allocate(bytes + CHUNK);
			}
		}
	}

	private void flush() throws SQLException {
		if (this.buffer.position() > 0) {
			this.copy.writeToCopy(this.buffer.array(), 0, this.buffer.position());
			this.buffer.clear();
		}
	}

	/** Ends the COPY and returns the number of rows the server took. */
	long finish() throws SQLException {
		room(2);
		this.buffer.putShort((short) -1);
		flush();
		this.done = true;
		long taken = this.copy.endCopy();
		if (taken != this.rows) {
			throw new SQLException("COPY took " + taken + " rows of the " + this.rows + " sent");
		}
		return taken;
	}

	@Override
	public void close() throws SQLException {
		if (!this.done && this.copy.isActive()) {
			this.copy.cancelCopy();
		}
	}

}
