package cn.jiangmen.vethub.partner;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import cn.jiangmen.vethub.ingest.SourceRow;
import cn.jiangmen.vethub.normalize.CellKind;
import cn.jiangmen.vethub.normalize.RawCell;
import cn.jiangmen.vethub.source.PartnerSettings.Field;
import cn.jiangmen.vethub.source.PartnerSettings.FieldType;
import cn.jiangmen.vethub.source.PartnerSettings.Mapping;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * Presents the records of an HTTP API as the {@link SourceRow}s the file readers produce,
 * so that they are mapped and checked by the same {@link PartnerRowMapper} as a partner
 * file: the mapped JSON pointers are the header, and the value at each pointer becomes
 * the cell a spreadsheet would hold. A string stays text; a number becomes a numeric cell
 * with its plain digits (an ID number sent as a JSON number has lost its {@code X} and is
 * refused as {@code id_lost_precision}); in a date field a number of at least 11 digits
 * is epoch milliseconds and an ISO date-time with an offset ({@code Z}, {@code +08:00})
 * is a moment, both written as the local date-time in the source's zone (or in the
 * field's agreed format); null or a missing value is a blank cell. Pure.
 */
final class JsonRecordRows {

	/** An ISO date-time with an offset such as {@code +08:00}. */
	private static final Pattern WITH_OFFSET = Pattern.compile(".*T.*[+-]\\d\\d:?\\d\\d");

	private final List<String> pointers = new ArrayList<>();

	/** The pointers, compiled once (a record is read at each of them). */
	private final JsonPointer[] compiled;

	private final boolean[] dates;

	private final DateTimeFormatter[] formats;

	private final ZoneId zone;

	JsonRecordRows(Mapping mapping, ZoneId zone) {
		this.zone = zone;
		mapping.fields().values().forEach((f) -> this.pointers.add(f.column()));
		this.compiled = this.pointers.stream().map(JsonPointer::compile).toArray(JsonPointer[]::new);
		this.dates = new boolean[this.pointers.size()];
		this.formats = new DateTimeFormatter[this.pointers.size()];
		int i = 0;
		for (Map.Entry<String, Field> entry : mapping.fields().entrySet()) {
			this.dates[i] = mapping.target().field(entry.getKey()).map((f) -> f.type() == FieldType.DATE).orElse(false);
			if (this.dates[i] && entry.getValue().format() != null) {
				this.formats[i] = DateTimeFormatter.ofPattern(entry.getValue().format().replace('y', 'u'));
			}
			i++;
		}
	}

	/** The mapped pointers, in order: the header of the rows. */
	List<String> headers() {
		return this.pointers;
	}

	/** Target field to its column for the mapper (every field has its own pointer). */
	Map<String, Integer> columns(Mapping mapping) {
		Map<String, Integer> columns = new LinkedHashMap<>();
		int i = 0;
		for (String name : mapping.fields().keySet()) {
			columns.put(name, i++);
		}
		return columns;
	}

	/** A record as a source row numbered {@code number} (its place in the read). */
	SourceRow row(JsonNode record, long number) {
		List<RawCell> cells = new ArrayList<>(this.pointers.size());
		for (int i = 0; i < this.pointers.size(); i++) {
			cells.add(cell(record.at(this.compiled[i]), i));
		}
		return new SourceRow(null, number, cells);
	}

	private RawCell cell(JsonNode node, int i) {
		if (node == null || node.isMissingNode() || node.isNull()) {
			return RawCell.blank();
		}
		if (node.isBoolean()) {
			return new RawCell(node.asBoolean() ? "TRUE" : "FALSE", CellKind.BOOLEAN);
		}
		if (!node.isValueNode()) {
			return RawCell.text(node.toString());
		}
		String text = node.asString();
		if (this.dates[i]) {
			boolean moment = (node.isIntegralNumber() && Math.abs(node.asLong()) >= HttpMark.EPOCH_MILLIS_FROM)
					|| (node.isString() && (text.strip().endsWith("Z") || WITH_OFFSET.matcher(text.strip()).matches()));
			LocalDateTime time = moment ? HttpMark.time(text.strip(), this.zone) : null;
			if (time != null) {
				return RawCell.text((this.formats[i] != null) ? time.format(this.formats[i]) : time.toString());
			}
		}
		if (node.isNumber()) {
			return RawCell.number(node.decimalValue().toPlainString());
		}
		return RawCell.text(text);
	}

}
