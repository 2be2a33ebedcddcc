package cn.jiangmen.vethub.county;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.jiangmen.vethub.ingest.Header;
import cn.jiangmen.vethub.ingest.SourceRow;
import cn.jiangmen.vethub.normalize.Text;
import cn.jiangmen.vethub.normalize.AmountNormalizer;
import cn.jiangmen.vethub.normalize.DateNormalizer;
import cn.jiangmen.vethub.normalize.IdCard;
import cn.jiangmen.vethub.normalize.IdCardNormalizer;
import cn.jiangmen.vethub.normalize.NameNormalizer;
import cn.jiangmen.vethub.normalize.Normalized;
import cn.jiangmen.vethub.normalize.PhoneNormalizer;
import cn.jiangmen.vethub.normalize.RawCell;
import cn.jiangmen.vethub.normalize.Town;
import cn.jiangmen.vethub.normalize.TownResolver;
import cn.jiangmen.vethub.normalize.ValueSynonyms;
import cn.jiangmen.vethub.ops.PersonalDataMask;
import cn.jiangmen.vethub.ops.RejectReason;

/**
 * Turns one data row of a county sheet into a roster or payment record, or refuses it
 * with exactly one reason, the first in the bureau's precedence: missing_required,
 * id_lost_precision, bad_id_format, bad_checksum, invalid_date, id_birthdate_mismatch,
 * bad_value, unknown_town, bad_amount. (duplicate_in_file and unknown_person need the
 * whole file and the warehouse: the processor decides them.) Pure: no database, no
 * Spring, one instance per county and configuration.
 */
final class CountyRows {

	/** The kinds of data sheet, recognised from the header. */
	enum SheetKind {

		ROSTER, PAYMENTS;

		static SheetKind of(Header header) {
			if (header.has(CountyField.AMOUNT.key())) {
				return PAYMENTS;
			}
			return ROSTER;
		}

	}

	/** The canonical 救助类别 (ref.assistance_category) and the forms counties write. */
	static ValueSynonyms assistanceCategories() {
		Map<String, List<String>> m = new LinkedHashMap<>();
		m.put("生活困难救助", List.of("生活困难", "生活救助", "生活困难补助"));
		m.put("医疗困难救助", List.of("医疗困难", "医疗救助", "医疗困难补助"));
		m.put("住房困难救助", List.of("住房困难", "住房救助", "住房困难补助"));
		m.put("应急救助", List.of("应急", "临时救助", "临时困难救助"));
		m.put("慰问金", List.of("慰问", "节日慰问金", "走访慰问金"));
		return new ValueSynonyms(m);
	}

	private final String countyCode;

	private final TownResolver towns;

	private final ValueSynonyms categories;

	private final ValueSynonyms politicalStatuses;

	private final ValueSynonyms assistanceCategories;

	/** The columns of the header last seen: a sheet's rows all come with the same one. */
	private Columns columns;

	CountyRows(String countyCode, TownResolver towns, ValueSynonyms categories, ValueSynonyms politicalStatuses,
			ValueSynonyms assistanceCategories) {
		this.countyCode = countyCode;
		this.towns = towns;
		this.categories = categories;
		this.politicalStatuses = politicalStatuses;
		this.assistanceCategories = assistanceCategories;
	}

	/** A roster row, normalized. */
	record Roster(IdCard id, String name, String category, String politicalStatus, LocalDate enlistDate,
			LocalDate dischargeDate, String phone, String town, String countyCode, String village) {
	}

	/** A payment row, normalized. */
	record Payment(IdCard id, String category, BigDecimal amount, LocalDate paidDate, String handler) {
	}

	/**
	 * A refused row.
	 *
	 * @param reason the first reason that applies
	 * @param detail plain Chinese, personal values masked
	 * @param idText the ID as written (masked by whoever shows it), may be empty
	 * @param nameText the name as written (masked by whoever shows it), may be empty
	 */
	record Refusal(RejectReason reason, String detail, String idText, String nameText) {
	}

	/** Either a record or a refusal. */
	record Outcome<T>(T record, Refusal refusal) {

		boolean isOk() {
			return this.refusal == null;
		}

	}

	Outcome<Roster> roster(Header header, SourceRow row) {
		RawCell idCell = cell(header, row, CountyField.ID_CARD);
		String idText = idCell.text();
		String nameText = cell(header, row, CountyField.NAME).text();
		String name = NameNormalizer.normalize(nameText);
		if (name.isEmpty() || idCell.isBlank()) {
			return refuse(RejectReason.MISSING_REQUIRED,
					(name.isEmpty() ? label(header, CountyField.NAME) : label(header, CountyField.ID_CARD)) + "为空",
					idText, nameText);
		}
		Normalized<IdCard> id = IdCardNormalizer.normalize(idCell);
		if (!id.isOk()) {
			return refuse(id.reason(), id.detail(), idText, nameText);
		}
		Normalized<LocalDate> enlist = date(header, row, CountyField.ENLIST_DATE);
		Normalized<LocalDate> discharge = date(header, row, CountyField.DISCHARGE_DATE);
		Normalized<LocalDate> birth = date(header, row, CountyField.BIRTH_DATE);
		Normalized<YearMonth> birthMonth = has(header, CountyField.BIRTH_MONTH) ? labelled(header,
				CountyField.BIRTH_MONTH, DateNormalizer.yearMonth(cell(header, row, CountyField.BIRTH_MONTH)))
				: Normalized.ok(null);
		Normalized<?> badDate = firstRefusal(birth, birthMonth, enlist, discharge);
		if (badDate != null) {
			return refuse(badDate.reason(), badDate.detail(), idText, nameText);
		}
		LocalDate born = id.value().birthDate();
		if (birth.value() != null && !birth.value().equals(born)) {
			return refuse(
					RejectReason.ID_BIRTHDATE_MISMATCH, label(header, CountyField.BIRTH_DATE) + " "
							+ PersonalDataMask.birthDate(birth.value().toString()) + " 与身份证号码中的出生日期不一致",
					idText, nameText);
		}
		if (birthMonth.value() != null && !birthMonth.value().equals(YearMonth.from(born))) {
			return refuse(RejectReason.ID_BIRTHDATE_MISMATCH,
					label(header, CountyField.BIRTH_MONTH) + " "
							+ PersonalDataMask.birthDate(birthMonth.value().toString()) + " 与身份证号码中的出生年月不一致",
					idText, nameText);
		}
		Normalized<String> category = coded(header, row, CountyField.CATEGORY, this.categories);
		if (!category.isOk()) {
			return refuse(category.reason(), category.detail(), idText, nameText);
		}
		Normalized<String> political = coded(header, row, CountyField.POLITICAL_STATUS, this.politicalStatuses);
		if (!political.isOk()) {
			return refuse(political.reason(), political.detail(), idText, nameText);
		}
		RawCell townCell = cell(header, row, CountyField.TOWN);
		String townText = townCell.text();
		String town = null;
		String county = this.countyCode;
		if (!townCell.isBlank()) {
			Optional<Town> resolved = this.towns.resolve(this.countyCode, townText);
			if (resolved.isEmpty()) {
				return refuse(RejectReason.UNKNOWN_TOWN,
						label(header, CountyField.TOWN) + " “" + townText.strip() + "” 不是本县（市、区）的镇街", idText, nameText);
			}
			town = resolved.get().name();
			county = resolved.get().countyCode();
		}
		String phone = PhoneNormalizer.normalize(cell(header, row, CountyField.PHONE));
		String village = Text.dropSpaces(cell(header, row, CountyField.VILLAGE).text());
		return new Outcome<>(new Roster(id.value(), name, category.value(), political.value(), enlist.value(),
				discharge.value(), phone.isEmpty() ? null : phone, town, county, village.isEmpty() ? null : village),
				null);
	}

	Outcome<Payment> payment(Header header, SourceRow row) {
		RawCell idCell = cell(header, row, CountyField.ID_CARD);
		String idText = idCell.text();
		String nameText = cell(header, row, CountyField.NAME).text();
		boolean hasName = has(header, CountyField.NAME);
		String name = NameNormalizer.normalize(nameText);
		if ((hasName && name.isEmpty()) || idCell.isBlank()) {
			return refuse(RejectReason.MISSING_REQUIRED,
					(idCell.isBlank() ? label(header, CountyField.ID_CARD) : label(header, CountyField.NAME)) + "为空",
					idText, nameText);
		}
		Normalized<IdCard> id = IdCardNormalizer.normalize(idCell);
		if (!id.isOk()) {
			return refuse(id.reason(), id.detail(), idText, nameText);
		}
		Normalized<LocalDate> paid = date(header, row, CountyField.PAID_DATE);
		if (!paid.isOk()) {
			return refuse(paid.reason(), paid.detail(), idText, nameText);
		}
		if (paid.value() == null) {
			return refuse(RejectReason.INVALID_DATE, label(header, CountyField.PAID_DATE) + "为空", idText, nameText);
		}
		RawCell categoryCell = cell(header, row, CountyField.ASSISTANCE_CATEGORY);
		Optional<String> category = this.assistanceCategories.canonical(categoryCell.text());
		if (category.isEmpty()) {
			return refuse(RejectReason.BAD_VALUE, label(header, CountyField.ASSISTANCE_CATEGORY) + " “"
					+ categoryCell.text().strip() + "” 不是可识别的救助类别", idText, nameText);
		}
		RawCell amountCell = cell(header, row, CountyField.AMOUNT);
		Normalized<BigDecimal> amount = AmountNormalizer.amount(amountCell);
		if (!amount.isOk()) {
			return refuse(amount.reason(), amount.detail(), idText, nameText);
		}
		if (amount.value() == null) {
			return refuse(RejectReason.BAD_AMOUNT, label(header, CountyField.AMOUNT) + "为空", idText, nameText);
		}
		String handler = NameNormalizer.normalize(cell(header, row, CountyField.HANDLER).text());
		return new Outcome<>(new Payment(id.value(), category.get(), amount.value(), paid.value(),
				handler.isEmpty() ? null : handler), null);
	}

	private Normalized<LocalDate> date(Header header, SourceRow row, CountyField field) {
		if (!has(header, field)) {
			return Normalized.ok(null);
		}
		return labelled(header, field, DateNormalizer.date(cell(header, row, field)));
	}

	private static <T> Normalized<T> labelled(Header header, CountyField field, Normalized<T> result) {
		if (result.isOk() || result.detail() == null || result.detail().startsWith(label(header, field))) {
			return result;
		}
		return Normalized.fail(result.reason(), label(header, field) + "：" + result.detail());
	}

	/** The first of the results that is a refusal, {@code null} when all are good. */
	private static Normalized<?> firstRefusal(Normalized<?> a, Normalized<?> b, Normalized<?> c, Normalized<?> d) {
		if (!a.isOk()) {
			return a;
		}
		if (!b.isOk()) {
			return b;
		}
		if (!c.isOk()) {
			return c;
		}
		return d.isOk() ? null : d;
	}

	private Normalized<String> coded(Header header, SourceRow row, CountyField field, ValueSynonyms synonyms) {
		RawCell c = cell(header, row, field);
		if (c.isBlank()) {
			return Normalized.ok(null);
		}
		Optional<String> canonical = synonyms.canonical(c.text());
		if (canonical.isPresent()) {
			return Normalized.ok(canonical.get());
		}
		return Normalized.fail(RejectReason.BAD_VALUE, label(header, field) + " “" + c.text().strip() + "” 无法识别");
	}

	private RawCell cell(Header header, SourceRow row, CountyField field) {
		Integer column = columns(header).of(field);
		return (column != null) ? row.cell(column) : RawCell.blank();
	}

	private boolean has(Header header, CountyField field) {
		return columns(header).of(field) != null;
	}

	/**
	 * The columns of the header, looked up once per header rather than once per cell. The
	 * header is recognised by identity, which is enough: {@code DataRows} hands all rows
	 * of a sheet the same one.
	 */
	private Columns columns(Header header) {
		Columns c = this.columns;
		if (c == null || c.header != header) {
			c = new Columns(header);
			this.columns = c;
		}
		return c;
	}

	private static String label(Header header, CountyField field) {
		return header.labelOf(field.key());
	}

	private static <T> Outcome<T> refuse(RejectReason reason, String detail, String idText, String nameText) {
		return new Outcome<>(null, new Refusal(reason, detail, idText, nameText));
	}

	/** A header's column of each field, {@code null} where it has none. */
	private static final class Columns {

		private final Header header;

		private final Integer[] byField;

		Columns(Header header) {
			this.header = header;
			this.byField = new Integer[CountyField.values().length];
			for (CountyField field : CountyField.values()) {
				this.byField[field.ordinal()] = header.columnOf().get(field.key());
			}
		}

		Integer of(CountyField field) {
			return this.byField[field.ordinal()];
		}

	}

}
