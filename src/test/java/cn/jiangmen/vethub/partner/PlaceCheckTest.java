package cn.jiangmen.vethub.partner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.normalize.Town;
import cn.jiangmen.vethub.normalize.TownResolver;
import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.source.PartnerSettings.Target;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlaceCheckTest {

	private final PlaceCheck check = new PlaceCheck(
			new TownResolver(List.of(new Town("沙坪街道", "440784", "沙坪"), new Town("共和镇", "440784", "共和"),
					new Town("白沙街道", "440703", "白沙"), new Town("白沙镇", "440781", "白沙"))),
			Map.of("440784", "鹤山市", "440703", "蓬江区", "440781", "台山市"));

	@Test
	void aTownAsWrittenBecomesItsCanonicalNameAndGivesTheCounty() {
		PlaceCheck.Checked checked = this.check.check(team("沙坪镇（街）", null), null);

		assertThat(checked.refused()).isNull();
		assertThat(checked.fact().columns()).containsEntry("town", "沙坪街道").containsEntry("county_code", "440784");
	}

	@Test
	void aTownOfAnotherCountyIsUnknownToACountySource() {
		PlaceCheck.Checked checked = this.check.check(team("白沙", null), "440784");

		assertThat(checked.fact()).isNull();
		assertThat(checked.refused().reason()).isEqualTo(RejectReason.UNKNOWN_TOWN);
		assertThat(checked.refused().detail()).isEqualTo("镇街“白沙”不是鹤山市的镇街");
		assertThat(checked.refused().rowNumber()).isEqualTo(5L);
	}

	@Test
	void aShortNameTwoCountiesShareIsUnknownCityWideUnlessTheCountyIsWritten() {
		assertThat(this.check.check(team("白沙", null), null).refused().reason()).isEqualTo(RejectReason.UNKNOWN_TOWN);
		assertThat(this.check.check(team("白沙", "台山"), null).fact().columns()).containsEntry("town", "白沙镇")
			.containsEntry("county_code", "440781");
		assertThat(this.check.check(team(null, "开平"), null).refused().reason()).isEqualTo(RejectReason.BAD_VALUE);
	}

	@Test
	void aVillageStationIsKeyedByItsPlaceWhateverTheSpellingOfItsTownOrName() {
		PartnerFact one = this.check.check(station("村级", "沙坪服务站", "沙坪", "中东西村"), null).fact();
		PartnerFact two = this.check.check(station("村级", "中东西村退役军人服务站", "沙坪街道", "中东 西村"), null).fact();
		PartnerFact other = this.check.check(station("村级", "沙坪服务站", "沙坪", "越塘村"), null).fact();

		assertThat(one.key()).isEqualTo(two.key()).isNotEqualTo(other.key());
		assertThat(one.columns()).containsEntry("record_key", one.key());
		assertThat(this.check.check(station("镇级", "沙坪街道退役军人服务站", "沙坪", null), null).fact().key())
			.isNotEqualTo(one.key());
	}

	@Test
	void aStationsLevelSaysWhatItsPlaceNeeds() {
		assertThat(this.check.check(station("村级", "某村服务站", "沙坪", null), null).refused().detail())
			.isEqualTo("村级服务站须填写所在镇街和村（社区）");
		assertThat(this.check.check(station("县级", "某县服务中心", null, null), null).refused().reason())
			.isEqualTo(RejectReason.MISSING_REQUIRED);
		assertThat(this.check.check(station("县级", "鹤山市退役军人服务中心", null, null), "440784").fact().columns())
			.containsEntry("county_code", "440784");
		assertThat(this.check.check(station("市级", "江门市退役军人服务中心", null, null), null).refused()).isNull();
	}

	private static PartnerFact team(String town, String county) {
		Map<String, Object> columns = new LinkedHashMap<>();
		columns.put("record_key", "星火一队");
		columns.put("team_name", "星火一队");
		columns.put("county_name", county);
		columns.put("town", town);
		columns.values().removeIf(java.util.Objects::isNull);
		return fact(Target.VOLUNTEER_TEAM, "星火一队", columns);
	}

	private static PartnerFact station(String level, String name, String town, String village) {
		Map<String, Object> columns = new LinkedHashMap<>();
		columns.put("record_key", name);
		columns.put("level", level);
		columns.put("station_name", name);
		columns.put("town", town);
		columns.put("village", village);
		columns.values().removeIf(java.util.Objects::isNull);
		return fact(Target.SERVICE_STATION, name, columns);
	}

	private static PartnerFact fact(Target target, String key, Map<String, Object> columns) {
		return new PartnerFact(target, key, null, columns, new RejectedRow("台账.xlsx", "站点", 5L, key,
				RejectReason.DUPLICATE_IN_FILE, null, Map.of("名称", key), null, null, null));
	}

}
