package cn.jiangmen.vethub.warehouse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into PostgreSQL with {@code COPY ... FROM STDIN} (text format) through
 * pgjdbc's {@code CopyManager}: the fastest way to bulk-load, with constant memory (rows
 * are sent in 256 KiB chunks). Values are escaped for COPY's text format; {@code null}
 * becomes {@code \N}.
 */
public final class CopyLoader implements AutoCloseable {

	private static final int CHUNK = 256 * 1024;

	private final CopyIn copy;

	private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK + 4096);

	private final StringBuilder line = new StringBuilder(256);

	private long rows;

	private boolean done;

	private CopyLoader(CopyIn copy) {
		this.copy = copy;
	}

	/**
	 * Starts a COPY on the given connection (which stays the caller's: its transaction is
	 * the load's).
	 * @param sql e.g. {@code COPY pg_temp.stage (a, b) FROM STDIN}
	 */
	public static CopyLoader open(Connection connection, String sql) throws SQLException {
		PGConnection pg = connection.unwrap(PGConnection.class);
		return new CopyLoader(pg.getCopyAPI().copyIn(sql));
	}

	public void row(Object... values) throws SQLException {
		StringBuilder sb = this.line;
		sb.setLength(0);
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				sb.append('\t');
			}
			appendValue(sb, values[i]);
		}
		sb.append('\n');
		byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
		this.buffer.write(bytes, 0, bytes.length);
		this.rows++;
		if (this.buffer.size() >= CHUNK) {
			flush();
		}
	}

	static void appendValue(StringBuilder sb, Object value) {
		if (value == null) {
			sb.append("\\N");
			return;
		}
		String s = value.toString();
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '\\' -> sb.append("\\\\");
				case '\t' -> sb.append("\\t");
				case '\n' -> sb.append("\\n");
				case '\r' -> sb.append("\\r");
				default -> sb.append(c);
			}
		}
	}

	private void flush() throws SQLException {
		if (this.buffer.size() > 0) {
			byte[] bytes = this.buffer.toByteArray();
			this.copy.writeToCopy(bytes, 0, bytes.length);
			this.buffer.reset();
		}
	}

	/** Ends the COPY and returns the number of rows the server took. */
	public long finish() throws SQLException {
		flush();
		this.done = true;
		return this.copy.endCopy();
	}

	public long rowsWritten() {
		return this.rows;
	}

	@Override
	public void close() throws SQLException {
		if (!this.done && this.copy.isActive()) {
			this.copy.cancelCopy();
		}
	}

}
