package cn.jiangmen.vethub.partner;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.ingest.Header;
import cn.jiangmen.vethub.ingest.SourceRow;
import cn.jiangmen.vethub.normalize.AmountNormalizer;
import cn.jiangmen.vethub.normalize.CellKind;
import cn.jiangmen.vethub.normalize.DateNormalizer;
import cn.jiangmen.vethub.normalize.IdCard;
import cn.jiangmen.vethub.normalize.IdCardNormalizer;
import cn.jiangmen.vethub.normalize.NameNormalizer;
import cn.jiangmen.vethub.normalize.Normalized;
import cn.jiangmen.vethub.normalize.RawCell;
import cn.jiangmen.vethub.normalize.ValueSynonyms;
import cn.jiangmen.vethub.ops.PersonalDataMask;
import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.source.PartnerSettings;
import cn.jiangmen.vethub.source.PartnerSettings.Field;
import cn.jiangmen.vethub.source.PartnerSettings.FieldType;
import cn.jiangmen.vethub.source.PartnerSettings.Mapping;
import cn.jiangmen.vethub.source.PartnerSettings.Target;
import cn.jiangmen.vethub.source.PartnerSettings.TargetField;

/**
 * Turns one data row of a recognised partner table into a {@link PartnerFact}, or into a
 * rejected row with the first reason in the shared precedence ({@link RejectReason}
 * declaration order). Every mapped field is checked, so a row with a bad ID and a bad
 * date is refused for the ID. Pure: no database, no Spring.
 */
final class PartnerRowMapper {

	/** A row read from the table, mapped or refused. */
	sealed interface Result permits Mapped, Refused {

	}

	record Mapped(PartnerFact fact) implements Result {

	}

	record Refused(RejectedRow row) implements Result {

	}

	private final Mapping mapping;

	private final List<MappedColumn> fields;

	private final List<String> headers;

	private final String fileName;

	/**
	 * Hashes the keys of composite-key mappings. A mapper reads the rows of one table of
	 * one file, in one thread, so the digest is never shared between threads.
	 */
	private final MessageDigest sha256;

	PartnerRowMapper(Mapping mapping, Map<String, Integer> columnOf, List<String> headers, String fileName) {
		this.mapping = mapping;
		this.headers = headers;
		this.fileName = fileName;
		List<MappedColumn> columns = new ArrayList<>(mapping.fields().size());
		for (Map.Entry<String, Field> entry : mapping.fields().entrySet()) {
			String name = entry.getKey();
			Field field = entry.getValue();
			TargetField known = mapping.target().field(name).orElseThrow();
			boolean required = Boolean.TRUE.equals(field.required()) || known.required()
					|| mapping.keyFields().contains(name);
			DateTimeFormatter format = (known.type() == FieldType.DATE && field.format() != null)
					? DateTimeFormatter.ofPattern(field.format().replace('y', 'u'))
						.withResolverStyle(ResolverStyle.STRICT)
					: null;
			columns.add(new MappedColumn(name, field, known.type(), columnOf.get(name), compactHeader(field.column()),
					required, format, known.values()));
		}
		this.fields = List.copyOf(columns);
		try {
			this.sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	Result map(SourceRow row) {
		Map<String, String> raw = Header.rawValues(this.headers, row);
		Target target = this.mapping.target();
		Map<String, Object> values = new LinkedHashMap<>();
		RejectReason reason = null;
		String detail = null;
		for (MappedColumn column : this.fields) {
			RawCell cell = row.cell(column.index());
			String label = column.label();
			Normalized<?> value;
			if (cell.isBlank()) {
				value = column.required() ? Normalized.fail(RejectReason.MISSING_REQUIRED, label + "为空")
						: Normalized.ok(null);
			}
			else {
				value = normalize(column, cell);
			}
			if (!value.isOk()) {
				if (reason == null || value.reason().ordinal() < reason.ordinal()) {
					reason = value.reason();
					detail = value.detail().startsWith(label) ? value.detail() : label + "：" + value.detail();
				}
			}
			else if (value.value() != null) {
				values.put(column.name(), value.value());
			}
		}
		if (reason != null) {
			return new Refused(new RejectedRow(this.fileName, row.sheet(), row.rowNumber(), null, reason, detail, raw,
					null, null, null));
		}
		IdCard id = (IdCard) values.get(PartnerSettings.ID_CARD_FIELD);
		Map<String, Object> columns = new LinkedHashMap<>();
		String key = key(values);
		columns.put(target.keyColumn(), key);
		for (TargetField known : target.fields()) {
			Object value = values.get(known.name());
			if (known.stored()) {
				columns.put(known.column(), (value instanceof IdCard card) ? card.number() : value);
			}
		}
		if (id == null) {
			// a fact about no person (a job fair): the origin is kept for duplicates only
			RejectedRow origin = new RejectedRow(this.fileName, row.sheet(), row.rowNumber(), key,
					RejectReason.DUPLICATE_IN_FILE, null, raw, null, null, null);
			return new Mapped(new PartnerFact(target, key, null, columns, origin));
		}
		String unknown = "人员库中尚无身份证号码 " + PersonalDataMask.idCard(id.number()) + " 的人员";
		RejectedRow origin = new RejectedRow(this.fileName, row.sheet(), row.rowNumber(), key,
				RejectReason.UNKNOWN_PERSON, unknown, raw, null, null, null);
		return new Mapped(new PartnerFact(target, key, id.number(), columns, origin));
	}

	private static Normalized<?> normalize(MappedColumn column, RawCell cell) {
		String label = column.label();
		return switch (column.type()) {
			case ID_CARD -> IdCardNormalizer.normalize(cell);
			case NAME -> Normalized.ok(NameNormalizer.normalize(cell.text()));
			case AMOUNT -> AmountNormalizer.amount(cell).flatMap((amount) -> fits(amount, cell.text(), label));
			case DATE -> (column.format() != null && cell.kind() == CellKind.TEXT)
					? formatted(cell.text(), column.format(), column.field().format(), label)
					: DateNormalizer.date(cell);
			case TEXT -> (column.values() != null) ? coded(cell, column.values(), label) : Normalized.ok(text(cell));
		};
	}

	/**
	 * A coded field's value as its canonical value ({@code 思想帮扶} is 思想), or
	 * {@code bad_value} naming the values it may take.
	 */
	static Normalized<String> coded(RawCell cell, ValueSynonyms values, String label) {
		String text = text(cell);
		return values.canonical(text)
			.map(Normalized::ok)
			.orElseGet(() -> Normalized.fail(RejectReason.BAD_VALUE,
					label + "“" + text + "”不是约定的取值（" + String.join("、", values.canonicalValues()) + "）"));
	}

	/**
	 * The warehouse keeps amounts as numeric(14, 2): anything larger is not a real fee.
	 */
	private static Normalized<BigDecimal> fits(BigDecimal amount, String text, String label) {
		if (amount.precision() - amount.scale() > 12) {
			return Normalized.fail(RejectReason.BAD_AMOUNT, label + "“" + text.strip() + "”超出金额范围");
		}
		return Normalized.ok(amount);
	}

	/**
	 * A date in the partner's agreed pattern, read strictly: 20260931 is not a date.
	 * @param format the pattern's strict formatter
	 * @param pattern the pattern as agreed, for the reason of a refusal
	 */
	static Normalized<LocalDate> formatted(String text, DateTimeFormatter format, String pattern, String label) {
		String value = text.strip();
		try {
			return Normalized.ok(LocalDate.parse(value, format));
		}
		catch (DateTimeParseException ex) {
			return Normalized.fail(RejectReason.INVALID_DATE, label + "“" + value + "”不是有效日期（约定格式 " + pattern + "）");
		}
	}

	/**
	 * Text as written, trimmed; a number stored in a numeric cell (a policy number) as
	 * Excel shows it, in its plain digits
	 * ({@link cn.jiangmen.vethub.normalize.ExcelNumber} made the cell's text so).
	 */
	static String text(RawCell cell) {
		return cell.text().strip();
	}

	/**
	 * The record key of a row as written, for a refused row whose values could not be
	 * normalized: the key field's text, or the texts of several key fields joined by
	 * {@code " / "}; null when every key field is blank.
	 */
	String rawKey(SourceRow row) {
		List<String> parts = new ArrayList<>();
		boolean any = false;
		for (String name : this.mapping.keyFields()) {
			for (MappedColumn column : this.fields) {
				if (column.name().equals(name)) {
					String text = row.text(column.index()).strip();
					any |= !text.isEmpty();
					parts.add(text);
				}
			}
		}
		return any ? String.join(" / ", parts) : null;
	}

	private String key(Map<String, Object> values) {
		List<String> fields = this.mapping.keyFields();
		if (fields.size() == 1) {
			return keyText(values.get(fields.get(0)));
		}
		List<String> parts = new ArrayList<>();
		for (String name : fields) {
			parts.add(keyText(values.get(name)));
		}
		byte[] hash = this.sha256.digest(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(hash);
	}

	private static String keyText(Object value) {
		if (value instanceof IdCard card) {
			return card.number();
		}
		if (value instanceof BigDecimal amount) {
			return amount.toPlainString();
		}
		return String.valueOf(value);
	}

	private static String compactHeader(String header) {
		return header.replaceAll("\\s+", "");
	}

	/**
	 * A mapped field with what its rows need, worked out once per table.
	 *
	 * @param name the target field
	 * @param field its mapping
	 * @param type its value type
	 * @param index its column in the table
	 * @param label its header as agreed, without spaces (in reasons)
	 * @param required whether an empty value refuses the row
	 * @param format the strict formatter of its agreed date pattern, if any
	 * @param values the values of a coded field, else null
	 */
	private record MappedColumn(String name, Field field, FieldType type, int index, String label, boolean required,
			DateTimeFormatter format, ValueSynonyms values) {

	}

}
