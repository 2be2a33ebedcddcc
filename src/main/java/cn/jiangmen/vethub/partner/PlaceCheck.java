package cn.jiangmen.vethub.partner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import cn.jiangmen.vethub.normalize.Text;
import cn.jiangmen.vethub.normalize.Town;
import cn.jiangmen.vethub.normalize.TownResolver;
import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.source.PartnerSettings.Target;

/**
 * Checks the place of a fact of a target that has one ({@link Target#checksPlace()}: the
 * volunteer teams and activities and the service stations, V97) once its row is mapped.
 * The town itself is not looked up here: a {@code town} field of these targets is a
 * {@link cn.jiangmen.vethub.source.PartnerSettings.FieldType#TOWN} field, resolved (or
 * refused as {@code unknown_town}) by {@code PartnerRowMapper} like any other field, so
 * that a preview shows it and a row with a bad date and an unknown town is refused in the
 * shared precedence. What is left is the place as a whole: a county written by a partner
 * (鹤山, 鹤山市) must be one of the city's, a county source's own and its town's
 * ({@code bad_value}), and the row's {@code county_code} is its (canonical) town's, else
 * the written or the source's county. A service station's level fixes what its place
 * needs (a 村级 station its town and village, a 镇级 its town, a 县级 its county:
 * {@code missing_required}), and its record key becomes its place: level, county, town
 * and village (without spaces), so that a station is one row whichever spelling of its
 * town or name a re-delivery uses; of two rows of one place {@link PartnerFactLoader}
 * refuses the earlier. It runs when the facts are loaded, so a dry run (preview) does not
 * show its own rejects (a written county that is not the city's, a 村级 station without its
 * village, a second row of one station), only the town's. Pure: the towns and counties
 * come from the caller.
 */
final class PlaceCheck {

	/** The fact with its place, or the row refused for it. */
	record Checked(PartnerFact fact, RejectedRow refused) {

	}

	private final TownResolver towns;

	/**
	 * @param towns the reference towns, with the county names
	 */
	PlaceCheck(TownResolver towns) {
		this.towns = towns;
	}

	/**
	 * @param fact a mapped fact, whose town (if any) is already canonical
	 * @param sourceCounty the county of a county source, null for a partner
	 */
	Checked check(PartnerFact fact, String sourceCounty) {
		Map<String, Object> columns = new LinkedHashMap<>(fact.columns());
		String countyText = (String) columns.get("county_name");
		String level = (String) columns.get("level");
		String county = sourceCounty;
		if (countyText != null && !"市级".equals(level)) {
			Optional<String> written = this.towns.county(countyText);
			if (written.isEmpty() || (sourceCounty != null && !written.get().equals(sourceCounty))) {
				String where = (sourceCounty != null) ? "不是本县（市、区）" : "不是江门市的县（市、区）";
				return refuse(fact, RejectReason.BAD_VALUE, "县（市、区）“" + countyText + "”" + where);
			}
			county = written.get();
		}
		String townName = (String) columns.get("town");
		if (townName != null) {
			Town town = this.towns.named(townName)
				.orElseThrow(() -> new IllegalStateException("Town not resolved when mapped: " + townName));
			if (county != null && !"市级".equals(level) && !town.countyCode().equals(county)) {
				return refuse(fact, RejectReason.BAD_VALUE,
						"县（市、区）“" + ((countyText != null) ? countyText : this.towns.countyName(county)) + "”与镇街“"
								+ townName + "”不符");
			}
			county = town.countyCode();
		}
		columns.put("county_code", county);
		String key = fact.key();
		if (fact.target() == Target.SERVICE_STATION) {
			String village = (String) columns.get("village");
			String missing = switch (level) {
				case "村级" -> (townName == null || village == null) ? "村级服务站须填写所在镇街和村（社区）" : null;
				case "镇级" -> (townName == null) ? "镇级服务站须填写所在镇街" : null;
				case "县级" -> (county == null) ? "县级服务中心须填写县（市、区）或所在镇街" : null;
				default -> null;
			};
			if (missing != null) {
				return refuse(fact, RejectReason.MISSING_REQUIRED, missing);
			}
			key = placeKey(level, county, townName, village);
		}
		columns.put(fact.target().keyColumn(), key);
		RejectedRow origin = fact.origin().keyed(key);
		return new Checked(new PartnerFact(fact.target(), key, fact.idCard(), columns, origin), null);
	}

	/**
	 * A station's place as its key: the level and, as far as the level has them, county,
	 * town and village (without spaces), hashed.
	 */
	static String placeKey(String level, String county, String town, String village) {
		String place = switch (level) {
			case "市级" -> "";
			case "县级" -> county;
			case "镇级" -> county + "\u001f" + town;
			default -> county + "\u001f" + town + "\u001f" + Text.compact(village);
		};
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest((level + "\u001f" + place).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Checked refuse(PartnerFact fact, RejectReason reason, String detail) {
		RejectedRow o = fact.origin();
		return new Checked(null, new RejectedRow(o.fileName(), o.sheet(), o.rowNumber(), o.recordKey(), reason, detail,
				o.rawValues(), null, null, null));
	}

}
