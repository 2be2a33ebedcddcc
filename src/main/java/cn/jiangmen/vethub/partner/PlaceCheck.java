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
 * volunteer teams and activities and the service stations, V97) against the reference
 * towns: a town as written (沙坪, 沙坪镇（街）) becomes its canonical name in {@code ref.town}
 * and gives the row its county; a town that is not one of the county's (a county source)
 * or of the city's (a partner, where a short name two counties share does not resolve) is
 * refused as {@code unknown_town}; a county written by a partner (鹤山, 鹤山市) must be one of
 * the city's ({@code bad_value}). A service station's level fixes what its place needs (a
 * 村级 station its town and village, a 镇级 its town, a 县级 its county:
 * {@code missing_required}), and its record key becomes its place: level, county, town
 * and village (without spaces), so that a station is one row whichever spelling of its
 * town or name a re-delivery uses. Pure: the towns and counties come from the caller.
 */
final class PlaceCheck {

	/** The fact with its place, or the row refused for it. */
	record Checked(PartnerFact fact, RejectedRow refused) {

	}

	private final TownResolver towns;

	private final Map<String, String> countyNames;

	/**
	 * @param towns the reference towns
	 * @param countyNames county code to name ({@code 440784} to 鹤山市)
	 */
	PlaceCheck(TownResolver towns, Map<String, String> countyNames) {
		this.towns = towns;
		this.countyNames = countyNames;
	}

	/**
	 * @param sourceCounty the county of a county source, null for a partner
	 */
	Checked check(PartnerFact fact, String sourceCounty) {
		Map<String, Object> columns = new LinkedHashMap<>(fact.columns());
		String countyText = (String) columns.get("county_name");
		String level = (String) columns.get("level");
		String county = sourceCounty;
		if (countyText != null && !"市级".equals(level)) {
			Optional<String> written = county(countyText);
			if (written.isEmpty() || (sourceCounty != null && !written.get().equals(sourceCounty))) {
				String where = (sourceCounty != null) ? "不是本县（市、区）" : "不是江门市的县（市、区）";
				return refuse(fact, RejectReason.BAD_VALUE, "县（市、区）“" + countyText + "”" + where);
			}
			county = written.get();
		}
		String townText = (String) columns.get("town");
		if (townText != null) {
			Optional<Town> town = (county != null) ? this.towns.resolve(county, townText)
					: this.towns.resolveAnywhere(townText);
			if (town.isEmpty()) {
				String where = (county != null) ? "不是" + this.countyNames.getOrDefault(county, county) + "的镇街"
						: "不是江门市的镇街（简称为两个县（市、区）共有时请写全称）";
				return refuse(fact, RejectReason.UNKNOWN_TOWN, "镇街“" + townText + "”" + where);
			}
			columns.put("town", town.get().name());
			county = town.get().countyCode();
		}
		columns.put("county_code", county);
		String key = fact.key();
		if (fact.target() == Target.SERVICE_STATION) {
			String village = (String) columns.get("village");
			String missing = switch (level) {
				case "村级" -> (townText == null || village == null) ? "村级服务站须填写所在镇街和村（社区）" : null;
				case "镇级" -> (townText == null) ? "镇级服务站须填写所在镇街" : null;
				case "县级" -> (county == null) ? "县级服务中心须填写县（市、区）或所在镇街" : null;
				default -> null;
			};
			if (missing != null) {
				return refuse(fact, RejectReason.MISSING_REQUIRED, missing);
			}
			key = placeKey(level, county, (String) columns.get("town"), village);
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

	/**
	 * The county a partner wrote, by its name with or without 区/市/县 (鹤山市, 鹤山).
	 */
	Optional<String> county(String written) {
		String key = stem(Text.compact(written));
		return this.countyNames.entrySet()
			.stream()
			.filter((e) -> stem(Text.compact(e.getValue())).equals(key))
			.map(Map.Entry::getKey)
			.findFirst();
	}

	private static String stem(String name) {
		return (name.length() > 2 && (name.endsWith("区") || name.endsWith("市") || name.endsWith("县")))
				? name.substring(0, name.length() - 1) : name;
	}

	private static Checked refuse(PartnerFact fact, RejectReason reason, String detail) {
		RejectedRow o = fact.origin();
		return new Checked(null, new RejectedRow(o.fileName(), o.sheet(), o.rowNumber(), o.recordKey(), reason, detail,
				o.rawValues(), null, null, null));
	}

}
