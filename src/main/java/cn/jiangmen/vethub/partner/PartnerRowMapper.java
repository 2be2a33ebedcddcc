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
import java.util.Optional;
import java.util.regex.Pattern;

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
import cn.jiangmen.vethub.normalize.Town;
import cn.jiangmen.vethub.normalize.TownResolver;
import cn.jiangmen.vethub.normalize.ValueSynonyms;
import cn.jiangmen.vethub.ops.PersonalDataMask;
import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.source.PartnerSettings;
import cn.jiangmen.vethub.source.PartnerSettings.Field;
import cn.jiangmen.vethub.source.PartnerSettings.FieldType;
import cn.jiangmen.vethub.source.PartnerSettings.Implied;
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

	/** The towns of the city, for the town fields ({@link FieldType#TOWN}). */
	private final TownResolver towns;

	/**
	 * The county of a county source, whose towns a town field must name; null for a
	 * partner (towns of the whole city).
	 */
	private final String countyCode;

	/**
	 * The column of the mapped {@code county} field of a target that has one (the
	 * volunteer and station tables), whose county a partner's town must be of; -1 when
	 * none is mapped.
	 */
	private final int countyIndex;

	/** A mapper of a source that knows no towns: every written town is unknown_town. */
	PartnerRowMapper(Mapping mapping, Map<String, Integer> columnOf, List<String> headers, String fileName) {
		this(mapping, columnOf, headers, fileName, new TownResolver(List.of()));
	}

	PartnerRowMapper(Mapping mapping, Map<String, Integer> columnOf, List<String> headers, String fileName,
			TownResolver towns) {
		this(mapping, columnOf, headers, fileName, Map.of(), towns, null);
	}

	/**
	 * @param extraValues further written forms of coded values by target field (canonical
	 * value to forms), added to the target's own (a county's wording)
	 * @param towns the towns of the city (ref.town)
	 * @param countyCode the county of a county source, null for a partner
	 */
	PartnerRowMapper(Mapping mapping, Map<String, Integer> columnOf, List<String> headers, String fileName,
			Map<String, Map<String, List<String>>> extraValues, TownResolver towns, String countyCode) {
		this.towns = towns;
		this.countyCode = countyCode;
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
					required, format, values(known, extraValues.getOrDefault(name, Map.of()))));
		}
		this.fields = List.copyOf(columns);
		this.countyIndex = columns.stream()
			.filter((c) -> c.name().equals(COUNTY_FIELD))
			.mapToInt(MappedColumn::index)
			.findFirst()
			.orElse(-1);
		try {
			this.sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The field of a target that names a row's county as written (志愿服务队, 服务站). */
	private static final String COUNTY_FIELD = "county";

	Result map(SourceRow row) {
		String townCounty = townCounty(row);
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
				value = normalize(column, cell, townCounty);
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
		for (TargetField known : target.fields()) {
			if (known.implied() != null) {
				Normalized<?> value = implied(known, values);
				if (!value.isOk() && (reason == null || value.reason().ordinal() < reason.ordinal())) {
					reason = value.reason();
					detail = value.detail();
				}
			}
		}
		if (reason != null) {
			return new Refused(new RejectedRow(this.fileName, row.sheet(), row.rowNumber(), null, reason, detail,
					Header.rawValues(this.headers, row), null, null, null));
		}
		Map<String, String> raw = Header.rawValuesWhenRead(this.headers, row);
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

	/**
	 * A field implied by another ({@link Implied}): its value when the row leaves it
	 * empty (or the table has no such column), or a refusal where the row contradicts
	 * itself.
	 */
	private Normalized<?> implied(TargetField known, Map<String, Object> values) {
		Implied implied = known.implied();
		boolean given = values.containsKey(implied.field());
		Object value = values.get(known.name());
		if (value == null) {
			values.put(known.name(), given ? implied.whenGiven() : implied.whenEmpty());
			return Normalized.ok(null);
		}
		if (given && implied.whenEmpty().equals(value)) {
			return Normalized.fail(RejectReason.BAD_VALUE,
					label(known.name()) + "为" + value + "，但填写了" + label(implied.field()));
		}
		return Normalized.ok(null);
	}

	/** The header of a mapped field as agreed, else the field's name. */
	private String label(String field) {
		return this.fields.stream()
			.filter((c) -> c.name().equals(field))
			.map(MappedColumn::label)
			.findFirst()
			.orElse(field);
	}

	/**
	 * The county whose towns a town field of the row must name: a county source's own;
	 * for a partner, the county the row writes in its {@code county} field when that is
	 * one of the city's (鹤山, 鹤山市), else null (city-wide, where a short name two counties
	 * share does not resolve). A written county that is not the city's, or not the county
	 * source's, is refused by {@link PlaceCheck}.
	 */
	private String townCounty(SourceRow row) {
		if (this.countyCode != null || this.countyIndex < 0) {
			return this.countyCode;
		}
		RawCell cell = row.cell(this.countyIndex);
		return cell.isBlank() ? null : this.towns.county(cell.text()).orElse(null);
	}

	/**
	 * A town as written, to its canonical name: within the county of a county source or
	 * the county a partner's row writes, else city-wide. This is the one town lookup of a
	 * mapped row ({@link FieldType#TOWN}), in the file, database and http-api readers and
	 * in their previews alike.
	 * @param county the county whose towns it must be of, null for the whole city
	 */
	private Normalized<String> town(RawCell cell, String label, String county) {
		String text = cell.text().strip();
		Optional<Town> town = (county != null) ? this.towns.resolve(county, text) : this.towns.resolveAnywhere(text);
		String where = (this.countyCode != null) ? "不是本县（市、区）的镇街"
				: (county != null) ? "不是" + this.towns.countyName(county) + "的镇街" : "不是本市的镇街（或简称不唯一）";
		return town.map((t) -> Normalized.ok(t.name()))
			.orElseGet(() -> Normalized.fail(RejectReason.UNKNOWN_TOWN, label + "“" + text + "”" + where));
	}

	private Normalized<?> normalize(MappedColumn column, RawCell cell, String townCounty) {
		String label = column.label();
		return switch (column.type()) {
			case TOWN -> town(cell, label, townCounty);
			case ID_CARD -> IdCardNormalizer.normalize(cell);
			case NAME -> Normalized.ok(NameNormalizer.normalize(cell.text()));
			case AMOUNT -> AmountNormalizer.amount(cell).flatMap((amount) -> fits(amount, cell.text(), label));
			case DATE -> (column.format() != null && cell.kind() == CellKind.TEXT)
					? formatted(cell.text(), column.format(), column.field().format(), label)
					: DateNormalizer.date(cell);
			case TEXT -> (column.values() != null) ? coded(column.values(), cell, label) : Normalized.ok(text(cell));
			case FLAG -> coded(column.values(), cell, label);
			case COUNT -> countOf(cell, label);
		};
	}

	/**
	 * The forms of yes and no every flag field reads (TRUE/FALSE: a boolean column of a
	 * database source).
	 */
	static final Map<String, List<String>> FLAG_FORMS = new LinkedHashMap<>();

	static {
		FLAG_FORMS.put("是", List.of("√", "✓", "✔", "Y", "y", "YES", "yes", "有", "1", "已就业", "已结业", "已取得", "已毕业", "是的",
				"TRUE", "true"));
		FLAG_FORMS.put("否",
				List.of("×", "✗", "N", "n", "NO", "no", "无", "0", "未就业", "未结业", "未取得", "未毕业", "不是", "FALSE", "false"));
	}

	/**
	 * The values a field takes: a flag's 是/否, a coded text field's own; with the extra
	 * forms of the mapping. Null for free text.
	 */
	private static ValueSynonyms values(TargetField known, Map<String, List<String>> extra) {
		if (known.type() == FieldType.FLAG) {
			return new ValueSynonyms(FLAG_FORMS).with(extra);
		}
		if (!known.values().isEmpty()) {
			return new ValueSynonyms(known.values()).with(extra);
		}
		return extra.isEmpty() ? null : new ValueSynonyms(extra);
	}

	private static Normalized<String> coded(ValueSynonyms values, RawCell cell, String label) {
		String text = cell.text().strip();
		return values.canonical(text)
			.map(Normalized::ok)
			.orElseGet(() -> Normalized.fail(RejectReason.BAD_VALUE,
					label + "“" + text + "”无法识别（应为 " + String.join("、", values.canonicalValues()) + "）"));
	}

	/**
	 * A count as a county writes it: a number cell, or text with its unit (35家, 420个,
	 * 2026年).
	 */
	private static Normalized<Long> countOf(RawCell cell, String label) {
		Normalized<BigDecimal> number = (cell.kind() == CellKind.TEXT)
				? AmountNormalizer.amount(COUNT_UNIT.matcher(cell.text().strip()).replaceFirst(""))
				: AmountNormalizer.amount(cell);
		if (!number.isOk()) {
			return Normalized.fail(RejectReason.BAD_VALUE, label + "“" + cell.text().strip() + "”不是非负整数");
		}
		return count(number.value(), cell.text(), label);
	}

	/** The unit after a count written as text. */
	private static final Pattern COUNT_UNIT = Pattern.compile("\\s*(年|人次|人|个|家|次|名|期|天|学时|课时)$");

	/** A count of people, posts or a year: a whole number of at least 0. */
	private static Normalized<Long> count(BigDecimal number, String text, String label) {
		if (number.signum() < 0 || number.stripTrailingZeros().scale() > 0
				|| number.precision() - number.scale() > 12) {
			return Normalized.fail(RejectReason.BAD_VALUE, label + "“" + text.strip() + "”不是非负整数");
		}
		return Normalized.ok(number.longValueExact());
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
		List<String> place = this.mapping.target().placeKeyFields();
		if (!place.isEmpty()) {
			fields = new ArrayList<>(fields);
			fields.addAll(place);
		}
		else if (fields.size() == 1) {
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
	 * @param values the values a coded field takes (a flag, a coded text), else null
	 */
	private record MappedColumn(String name, Field field, FieldType type, int index, String label, boolean required,
			DateTimeFormatter format, ValueSynonyms values) {

	}

}
