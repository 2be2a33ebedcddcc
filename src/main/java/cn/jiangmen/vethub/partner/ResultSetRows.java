package cn.jiangmen.vethub.partner;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.ingest.HeaderText;
import cn.jiangmen.vethub.ingest.SourceRow;
import cn.jiangmen.vethub.normalize.RawCell;
import cn.jiangmen.vethub.source.PartnerSettings.Field;
import cn.jiangmen.vethub.source.PartnerSettings.FieldType;
import cn.jiangmen.vethub.source.PartnerSettings.Mapping;

/**
 * Presents the rows of a partner's query as the {@link SourceRow}s the file readers
 * produce, so that they are mapped and checked by the same {@link PartnerRowMapper} as a
 * partner file: the column labels of the result set are the header, and each typed value
 * becomes the cell a spreadsheet would hold. Text stays text; a number becomes a numeric
 * cell with its exact plain digits ({@code 1200.50}, never a double's rendering), read by
 * the normalizers' rules for numbers (an ID number in a numeric column has no room for
 * its {@code X} and is refused as {@code id_lost_precision}); a date becomes
 * {@code 2026-01-05} and a timestamp {@code 2026-01-05T08:30:00}, in the source's time
 * zone for a timestamp with a zone; a date in a field that has an agreed {@code format}
 * is written in that format, so that the mapper reads it back as agreed. SQL NULL is a
 * blank cell.
 */
final class ResultSetRows {

	private final List<String> headers;

	private final int[] jdbcTypes;

	private final DateTimeFormatter[] dateFormats;

	private final ZoneId zone;

	/**
	 * @param meta the result set's columns
	 * @param mapping the source's mapping (for the agreed date formats)
	 * @param zone the source's time zone
	 */
	ResultSetRows(ResultSetMetaData meta, Mapping mapping, ZoneId zone) throws SQLException {
		int n = meta.getColumnCount();
		this.headers = new ArrayList<>(n);
		this.jdbcTypes = new int[n];
		this.dateFormats = new DateTimeFormatter[n];
		this.zone = zone;
		for (int i = 0; i < n; i++) {
			this.headers.add(meta.getColumnLabel(i + 1));
			this.jdbcTypes[i] = meta.getColumnType(i + 1);
		}
		for (Map.Entry<String, Field> entry : mapping.fields().entrySet()) {
			Integer at = columnOf(entry.getValue().column());
			boolean date = mapping.target().field(entry.getKey()).map((f) -> f.type() == FieldType.DATE).orElse(false);
			if (at != null && date && entry.getValue().format() != null) {
				this.dateFormats[at] = DateTimeFormatter.ofPattern(entry.getValue().format().replace('y', 'u'));
			}
		}
	}

	/** The column labels, in order: the header of the rows. */
	List<String> headers() {
		return this.headers;
	}

	/**
	 * The index of the column with this label, compared as headers are (spaces, width and
	 * case do not matter), or null.
	 */
	Integer columnOf(String label) {
		String key = HeaderText.key(label);
		for (int i = 0; i < this.headers.size(); i++) {
			if (HeaderText.key(this.headers.get(i)).equals(key)) {
				return i;
			}
		}
		return null;
	}

	/**
	 * Target field to column index for the mapper.
	 * @throws IllegalArgumentException naming the mapped columns the query does not
	 * return
	 */
	Map<String, Integer> columns(Mapping mapping) {
		Map<String, Integer> columnOf = new LinkedHashMap<>();
		List<String> missing = new ArrayList<>();
		mapping.fields().forEach((name, field) -> {
			Integer at = columnOf(field.column());
			if (at == null) {
				missing.add(field.column() + " (" + name + ")");
			}
			else {
				columnOf.put(name, at);
			}
		});
		if (!missing.isEmpty()) {
			throw new IllegalArgumentException("the query returns no column " + String.join(", ", missing)
					+ "; its columns are " + String.join(", ", this.headers));
		}
		return columnOf;
	}

	/** The current row of the result set as a source row numbered {@code rowNumber}. */
	SourceRow row(ResultSet rs, long rowNumber) throws SQLException {
		List<RawCell> cells = new ArrayList<>(this.jdbcTypes.length);
		for (int i = 0; i < this.jdbcTypes.length; i++) {
			cells.add(cell(rs, i));
		}
		return new SourceRow(null, rowNumber, cells);
	}

	private RawCell cell(ResultSet rs, int i) throws SQLException {
		int column = i + 1;
		switch (this.jdbcTypes[i]) {
			case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.NUMERIC, Types.DECIMAL, Types.REAL,
					Types.FLOAT, Types.DOUBLE -> {
				BigDecimal number = rs.getBigDecimal(column);
				return (number != null) ? RawCell.number(number.toPlainString()) : RawCell.blank();
			}
			case Types.DATE -> {
				LocalDate date = rs.getObject(column, LocalDate.class);
				return (date != null) ? date(i, date, date.toString()) : RawCell.blank();
			}
			case Types.TIMESTAMP -> {
				Timestamp ts = rs.getTimestamp(column);
				if (ts == null) {
					return RawCell.blank();
				}
				LocalDateTime time = ts.toLocalDateTime();
				return date(i, time.toLocalDate(), time.toString());
			}
			case Types.TIMESTAMP_WITH_TIMEZONE -> {
				OffsetDateTime ts = rs.getObject(column, OffsetDateTime.class);
				if (ts == null) {
					return RawCell.blank();
				}
				LocalDateTime time = ts.atZoneSameInstant(this.zone).toLocalDateTime();
				return date(i, time.toLocalDate(), time.toString());
			}
			default -> {
				Object value = rs.getObject(column);
				if (value == null) {
					return RawCell.blank();
				}
				if (value instanceof Boolean b) {
					return new RawCell(b ? "TRUE" : "FALSE", cn.jiangmen.vethub.normalize.CellKind.BOOLEAN);
				}
				return RawCell.text((value instanceof String s) ? s : String.valueOf(value));
			}
		}
	}

	private RawCell date(int i, LocalDate date, String iso) {
		DateTimeFormatter agreed = this.dateFormats[i];
		return RawCell.text((agreed != null) ? date.format(agreed) : iso);
	}

}
