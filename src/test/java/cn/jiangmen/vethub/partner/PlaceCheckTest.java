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
			new TownResolver(
					List.of(new Town("沙坪街道", "440784", "沙坪"), new Town("共和镇", "440784", "共和"),
							new Town("白沙街道", "440703", "白沙"), new Town("白沙镇", "440781", "白沙")),
					Map.of("440784", "鹤山市", "440703", "蓬江区", "440781", "台山市")));

	// the towns come canonical: a town field is resolved when its row is mapped
	// (PartnerRowMapper, SheetKindsTest)

	@Test
	void theTownGivesTheRowItsCounty() {
		PlaceCheck.Checked checked = this.check.check(team("沙坪街道", null), null);

		assertThat(checked.refused()).isNull();
		assertThat(checked.fact().columns()).containsEntry("town", "沙坪街道").containsEntry("county_code", "440784");
		assertThat(this.check.check(team("白沙镇", "台山"), null).fact().columns()).containsEntry("county_code", "440781");
		assertThat(this.check.check(team(null, "鹤山市"), null).fact().columns()).containsEntry("county_code", "440784");
		assertThat(this.check.check(team(null, null), "440703").fact().columns()).containsEntry("county_code",
				"440703");
	}

	@Test
	void aWrittenCountyMustBeOfTheCityOfTheSourceAndOfTheTown() {
		PlaceCheck.Checked other = this.check.check(team(null, "开平"), null);
		assertThat(other.fact()).isNull();
		assertThat(other.refused().reason()).isEqualTo(RejectReason.BAD_VALUE);
		assertThat(other.refused().detail()).isEqualTo("县（市、区）“开平”不是江门市的县（市、区）");
		assertThat(other.refused().rowNumber()).isEqualTo(5L);
		assertThat(this.check.check(team("沙坪街道", "蓬江"), "440784").refused().detail()).isEqualTo("县（市、区）“蓬江”不是本县（市、区）");
		assertThat(this.check.check(team("白沙街道", "台山"), null).refused().detail()).isEqualTo("县（市、区）“台山”与镇街“白沙街道”不符");
	}

	@Test
	void aVillageStationIsKeyedByItsPlaceWhateverTheSpellingOfItsVillageOrName() {
		PartnerFact one = this.check.check(station("村级", "沙坪服务站", "沙坪街道", "中东西村"), null).fact();
		PartnerFact two = this.check.check(station("村级", "中东西村退役军人服务站", "沙坪街道", "中东 西村"), null).fact();
		PartnerFact other = this.check.check(station("村级", "沙坪服务站", "沙坪街道", "越塘村"), null).fact();

		assertThat(one.key()).isEqualTo(two.key()).isNotEqualTo(other.key());
		assertThat(one.columns()).containsEntry("record_key", one.key());
		assertThat(this.check.check(station("镇级", "沙坪街道退役军人服务站", "沙坪街道", null), null).fact().key())
			.isNotEqualTo(one.key());
	}

	@Test
	void aStationsLevelSaysWhatItsPlaceNeeds() {
		assertThat(this.check.check(station("村级", "某村服务站", "沙坪街道", null), null).refused().detail())
			.isEqualTo("村级服务站须填写所在镇街和村（社区）");
		assertThat(this.check.check(station("镇级", "某镇服务站", null, null), null).refused().detail())
			.isEqualTo("镇级服务站须填写所在镇街");
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
