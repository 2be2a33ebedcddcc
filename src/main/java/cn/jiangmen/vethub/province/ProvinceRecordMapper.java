package cn.jiangmen.vethub.province;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.warehouse.PersonObservation;

/**
 * Turns provincial API records into warehouse observations and visits, by the same
 * normalization and validation rules as the county rosters (pure logic, no I/O).
 * Decisions specific to this source:
 * <ul>
 * <li>Checks in the shared precedence: the record's own id ({@code id}, {@code zfid}),
 * name and ID present ({@code missing_required}), the ID valid ({@code bad_id_format},
 * {@code bad_checksum}, a lower-case {@code x} is fine), dates readable
 * ({@code invalid_date}), {@code csrq} equal to the ID's birth date
 * ({@code id_birthdate_mismatch}), {@code rylb} and {@code zzmm} known codes or names
 * ({@code bad_value}).</li>
 * <li>Gender always comes from the ID; a {@code xbdm} that disagrees does not refuse the
 * record (the province is the authority for the rest of it) but is counted, so that the
 * run can report it.</li>
 * <li>{@code hjszz} is resolved within the county {@code hjszx}. An unknown town keeps
 * the record and its county but sets no town (a stale town name must not cost the bureau
 * the person); a county outside Jiangmen sets neither.</li>
 * <li>{@code scbz = 1} (deleted in the provincial system): not loaded. The hub keeps what
 * it already knows about the person (visits and payments refer to them); the record is
 * counted as deleted.</li>
 * </ul>
 * Rejects keep the record id as key ({@code gxsj=<gxsj>} for a record without one), every
 * raw field, and a detail that masks personal data.
 */
final class ProvinceRecordMapper {

	private static final ValueSynonyms CATEGORIES = ValueSynonyms.personCategories();

	private static final ValueSynonyms POLITICAL = ValueSynonyms.politicalStatuses();

	private final String sourceId;

	private final TownResolver towns;

	private final Set<String> counties;

	private final ZoneId zone;

	ProvinceRecordMapper(String sourceId, TownResolver towns, Set<String> counties, ZoneId zone) {
		this.sourceId = sourceId;
		this.towns = towns;
		this.counties = counties;
		this.zone = zone;
	}

	/** The outcome for one veteran record: an observation, a reject, or a deletion. */
	record VeteranResult(PersonObservation observation, RejectedRow reject, boolean deleted, boolean genderMismatch,
			boolean unknownTown) {
	}

	/** A visit ready for {@code dw.visit}. */
	record Visit(String visitKey, String idCard, LocalDate visitDate, String visitType, String visitor,
			String visitingUnit, String notes) {

		/**
		 * The fact as {@code dw.visit} columns, for a visit that waits for its person.
		 */
		Map<String, Object> payload(String sourceId, long runId) {
			Map<String, Object> p = new LinkedHashMap<>();
			p.put("source_id", sourceId);
			p.put("visit_key", this.visitKey);
			p.put("id_card", this.idCard);
			p.put("visit_date", this.visitDate.toString());
			p.put("visit_type", this.visitType);
			p.put("visitor", this.visitor);
			p.put("visiting_unit", this.visitingUnit);
			p.put("notes", this.notes);
			p.put("run_id", runId);
			return p;
		}

	}

	/**
	 * The outcome for one visit record: a visit or a reject, and the record as it came.
	 */
	record VisitResult(Visit visit, RejectedRow reject, Map<String, String> raw) {
	}

	VeteranResult veteran(Map<String, String> r) {
		String key = r.get("id");
		if ("1".equals(strip(r.get("scbz")))) {
			return new VeteranResult(null, null, true, false, false);
		}
		if (isBlank(key)) {
			return rejectVeteran(fallbackKey(r), r, RejectReason.MISSING_REQUIRED, "记录编号（id）为空");
		}
		String name = NameNormalizer.normalize(r.get("xm"));
		if (name.isEmpty()) {
			return rejectVeteran(key, r, RejectReason.MISSING_REQUIRED, "姓名（xm）为空");
		}
		Normalized<IdCard> id = IdCardNormalizer.normalize(r.get("sfzhm"));
		if (!id.isOk()) {
			String detail = (id.reason() == RejectReason.MISSING_REQUIRED) ? "身份证号码（sfzhm）为空" : "sfzhm: " + id.detail();
			return rejectVeteran(key, r, id.reason(), detail);
		}
		IdCard card = id.value();
		Normalized<LocalDate> birth = DateNormalizer.date(r.get("csrq"));
		Normalized<LocalDate> enlist = DateNormalizer.date(r.get("rwsj"));
		Normalized<LocalDate> discharge = DateNormalizer.date(r.get("twsj"));
		for (Map.Entry<String, Normalized<LocalDate>> date : List.of(Map.entry("csrq", birth),
				Map.entry("rwsj", enlist), Map.entry("twsj", discharge))) {
			if (!date.getValue().isOk()) {
				return rejectVeteran(key, r, RejectReason.INVALID_DATE,
						date.getKey() + ": " + date.getValue().detail());
			}
		}
		if (birth.value() != null && !birth.value().equals(card.birthDate())) {
			return rejectVeteran(key, r, RejectReason.ID_BIRTHDATE_MISMATCH,
					"出生日期（csrq）" + PersonalDataMask.birthDate(r.get("csrq")) + " 与身份证号码 "
							+ PersonalDataMask.idCard(card.number()) + " 不一致");
		}
		String category = null;
		if (!isBlank(r.get("rylb"))) {
			Optional<String> c = CATEGORIES.canonical(r.get("rylb"));
			if (c.isEmpty()) {
				return rejectVeteran(key, r, RejectReason.BAD_VALUE, "人员类别（rylb）无法识别: " + r.get("rylb"));
			}
			category = c.get();
		}
		String political = null;
		if (!isBlank(r.get("zzmm"))) {
			Optional<String> p = POLITICAL.canonical(r.get("zzmm"));
			if (p.isEmpty()) {
				return rejectVeteran(key, r, RejectReason.BAD_VALUE, "政治面貌（zzmm）无法识别: " + r.get("zzmm"));
			}
			political = p.get();
		}
		String xbdm = strip(r.get("xbdm"));
		boolean genderMismatch = ("1".equals(xbdm) && "F".equals(card.gender()))
				|| ("2".equals(xbdm) && "M".equals(card.gender()));
		String county = strip(r.get("hjszx"));
		county = (county != null && this.counties.contains(county)) ? county : null;
		String townRaw = r.get("hjszz");
		Optional<Town> town = Optional.empty();
		if (!isBlank(townRaw)) {
			town = (county != null) ? this.towns.resolve(county, townRaw)
					: isBlank(r.get("hjszx")) ? this.towns.resolveAnywhere(townRaw) : Optional.empty();
		}
		boolean unknownTown = !isBlank(townRaw) && town.isEmpty();
		String phone = PhoneNormalizer.normalize(RawCell.text(r.get("lxdh")));
		PersonObservation observation = new PersonObservation(card.number(), this.sourceId,
				PersonObservation.Kind.PROVINCE, observedAt(r.get("gxsj")), key, name, category, political,
				enlist.value(), discharge.value(), phone.isEmpty() ? null : phone, town.map(Town::name).orElse(null),
				town.map(Town::countyCode).orElse(county), null);
		return new VeteranResult(observation, null, false, genderMismatch, unknownTown);
	}

	VisitResult visit(Map<String, String> r) {
		String key = r.get("zfid");
		if (isBlank(key)) {
			return rejectVisit(fallbackKey(r), r, RejectReason.MISSING_REQUIRED, "走访编号（zfid）为空");
		}
		Normalized<IdCard> id = IdCardNormalizer.normalize(r.get("sfzhm"));
		if (!id.isOk()) {
			String detail = (id.reason() == RejectReason.MISSING_REQUIRED) ? "身份证号码（sfzhm）为空" : "sfzhm: " + id.detail();
			return rejectVisit(key, r, id.reason(), detail);
		}
		Normalized<LocalDate> date = DateNormalizer.date(r.get("zfrq"));
		if (!date.isOk()) {
			return rejectVisit(key, r, RejectReason.INVALID_DATE, "zfrq: " + date.detail());
		}
		if (date.value() == null) {
			return rejectVisit(key, r, RejectReason.MISSING_REQUIRED, "走访日期（zfrq）为空");
		}
		return new VisitResult(new Visit(key.strip(), id.value().number(), date.value(), blankToNull(r.get("zflx")),
				blankToNull(r.get("zfry")), blankToNull(r.get("zfdw")), blankToNull(r.get("zfnr"))), null, r);
	}

	/** A record's gxsj (wall time of the provincial system) as an instant. */
	OffsetDateTime observedAt(String gxsj) {
		return ProvinceClient.parseTime(gxsj).atZone(this.zone).toOffsetDateTime();
	}

	/**
	 * The key of a reject whose record came without its id: its gxsj, the only other
	 * field that places it in the provincial system.
	 */
	private static String fallbackKey(Map<String, String> r) {
		return "gxsj=" + (isBlank(r.get("gxsj")) ? "?" : r.get("gxsj").strip());
	}

	private VeteranResult rejectVeteran(String key, Map<String, String> r, RejectReason reason, String detail) {
		return new VeteranResult(null, RejectedRow.ofRecord(key, reason, detail, r), false, false, false);
	}

	private VisitResult rejectVisit(String key, Map<String, String> r, RejectReason reason, String detail) {
		return new VisitResult(null, RejectedRow.ofRecord(key, reason, detail, r), r);
	}

	private static boolean isBlank(String s) {
		return s == null || s.isBlank();
	}

	private static String strip(String s) {
		return (s != null) ? s.strip() : null;
	}

	private static String blankToNull(String s) {
		return isBlank(s) ? null : s.strip();
	}

}
