package cn.jiangmen.vethub.partner;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.ingest.SourceRow;
import cn.jiangmen.vethub.normalize.CellKind;
import cn.jiangmen.vethub.normalize.RawCell;
import cn.jiangmen.vethub.normalize.Town;
import cn.jiangmen.vethub.normalize.TownResolver;
import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.source.PartnerSettings.Target;
import cn.jiangmen.vethub.testdata.IdCards;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The configured kinds of county sheet on their own: recognition by header, the partner
 * mapping of their rows (counts, flags, coded values), and the checks of the
 * configuration.
 */
class SheetKindsTest {

	static final String ID = IdCards.valid("440784", LocalDate.of(2001, 3, 12), 1, true);

	static final SheetKind FAIRS = new SheetKind("招聘会", Target.JOB_FAIR,
			Map.of("fair-date", List.of("举办日期"), "fair-name", List.of("招聘会名称"), "employers", List.of("参会企业（家）")), null,
			Map.of());

	static final SheetKind PLACEMENTS = new SheetKind("推荐就业", Target.JOB_PLACEMENT,
			Map.of("id-card", List.of("身份证号码"), "placement-date", List.of("推荐日期"), "employed", List.of("是否已就业")), null,
			Map.of("employed", List.of(List.of("是", "已落实"))));

	private final SheetKinds kinds = new SheetKinds(List.of(FAIRS, PLACEMENTS));

	@Test
	void aHeaderIsOfTheKindWhoseRequiredAndKeyColumnsItNames() {
		assertThat(this.kinds.asHeader(text(1, "鹤山市招聘会统计表"), "f.xlsx")).isEmpty();
		// a roster: an ID column, but no 推荐日期
		assertThat(this.kinds.asHeader(text(2, "姓名", "身份证号码", "退役时间"), "f.xlsx")).isEmpty();
		assertThat(this.kinds.asHeader(text(2, "序号", "举办日期", "招聘会 名称", "参会企业\n(家)"), "f.xlsx"))
			.hasValueSatisfying((t) -> assertThat(t.kind().target()).isEqualTo(Target.JOB_FAIR));
		assertThat(this.kinds.asHeader(text(2, "身份证号码", "推荐日期", "是否已就业"), "f.xlsx"))
			.hasValueSatisfying((t) -> assertThat(t.kind().target()).isEqualTo(Target.JOB_PLACEMENT));
	}

	@Test
	void countsAreWholeNumbersAsExcelOrACountyWritesThem() {
		SheetKinds.Table fairs = this.kinds.asHeader(text(2, "举办日期", "招聘会名称", "参会企业（家）"), "f.xlsx").orElseThrow();

		assertThat(fairs.map(row(3, text("2026年3月15日"), text("春风行动"), number("35.0"))).fact().columns())
			.containsEntry("employers", 35L)
			.containsEntry("fair_date", LocalDate.of(2026, 3, 15));
		assertThat(fairs.map(row(4, text("2026-05-20"), text("专场"), text("20家"))).fact().columns())
			.containsEntry("employers", 20L);
		assertThat(fairs.map(row(5, text("2026-05-20"), text("专场"), number("12.5"))).refused().reason())
			.isEqualTo(RejectReason.BAD_VALUE);
		// a totals row whose 合计 stands in the date column is no data
		assertThat(fairs.isIgnorable(row(6, text("合计"), text(""), number("55")))).isTrue();
	}

	@Test
	void flagsReadTheBuiltInAndTheConfiguredForms() {
		SheetKinds.Table placed = this.kinds.asHeader(text(1, "身份证号码", "推荐日期", "是否已就业"), "f.xlsx").orElseThrow();

		assertThat(placed.map(row(2, text(ID), text("2026/4/1"), text("已落实"))).fact().columns())
			.containsEntry("employed", "是")
			.containsEntry("id_card", ID);
		assertThat(placed.map(row(3, text(ID), text("2026/4/2"), text("×"))).fact().columns()).containsEntry("employed",
				"否");
		// a boolean column of a database source
		assertThat(
				placed.map(row(5, text(ID), text("2026/4/5"), new RawCell("TRUE", CellKind.BOOLEAN))).fact().columns())
			.containsEntry("employed", "是");
		SheetKinds.Mapped refused = placed.map(row(4, text(ID), text("2026/4/3"), text("待定")));
		assertThat(refused.refused().reason()).isEqualTo(RejectReason.BAD_VALUE);
		assertThat(refused.refused().detail()).isEqualTo("是否已就业“待定”无法识别（应为 是、否）");
		assertThat(refused.refused().rawValues()).containsEntry("是否已就业", "待定");
	}

	/** The honour plaque sheet as config/application.yml configures it (in part). */
	static final SheetKind PLAQUES = new SheetKind("光荣牌悬挂登记表", Target.HONOUR_PLAQUE,
			Map.of("plaque-no", List.of("光荣牌编号"), "id-card", List.of("身份证号码"), "name", List.of("姓名"), "status",
					List.of("悬挂情况", "是否悬挂"), "hung-date", List.of("悬挂日期", "悬挂时间"), "town", List.of("所属镇街"), "notes",
					List.of("备注")),
			null, Map.of("status", List.of(List.of("已悬挂", "挂好了"))), List.of("plaque-no", "hung-date", "status"));

	private static final TownResolver TOWNS = new TownResolver(
			List.of(Town.of("沙坪街道", "440784"), Town.of("共和镇", "440784"), Town.of("白沙街道", "440703")));

	@Test
	void plaqueStatusFollowsTheHungDateWhenEmptyAndTownsAreThoseOfTheCounty() {
		SheetKinds kinds = new SheetKinds(List.of(FAIRS, PLACEMENTS, PLAQUES));
		SheetKinds.Table plaques = kinds
			.asHeader(text(2, "姓名", "身份证号码", "所属镇街", "悬挂日期", "光荣牌编号", "悬挂情况", "备注"), "f.xlsx", TOWNS, "440784")
			.orElseThrow();
		assertThat(plaques.kind().target()).isEqualTo(Target.HONOUR_PLAQUE);
		// a roster has no 光荣牌编号
		assertThat(kinds.asHeader(text(2, "姓名", "身份证号码", "所属镇街", "人员类别"), "f.xlsx", TOWNS, "440784")).isEmpty();

		// the first reason in the shared precedence wins
		assertThat(plaqueRefusal(plaques, "黄志强", ID, "沙坪", "2026-02-30", "", "已悬挂", ""))
			.isEqualTo(RejectReason.MISSING_REQUIRED);
		assertThat(
				plaqueRefusal(plaques, "黄志强", IdCards.withWrongCheckDigit(ID), "沙坪", "2026-02-30", "HS-1", "已悬挂", ""))
			.isEqualTo(RejectReason.BAD_CHECKSUM);
		assertThat(plaqueRefusal(plaques, "黄志强", ID, "白沙", "2026年2月30日", "HS-1", "挂了", ""))
			.isEqualTo(RejectReason.INVALID_DATE);
		SheetKinds.Mapped contradiction = plaques.map(text(7, "黄志强", ID, "白沙", "2026年3月5日", "HS-1", "未悬挂", ""));
		assertThat(contradiction.refused().reason()).as("未悬挂 with a date contradicts itself")
			.isEqualTo(RejectReason.BAD_VALUE);
		assertThat(contradiction.refused().detail()).isEqualTo("悬挂情况为未悬挂，但填写了悬挂日期");
		SheetKinds.Mapped elsewhere = plaques.map(text(8, "黄志强", ID, "白沙", "2026年3月5日", "HS-1", "是", ""));
		assertThat(elsewhere.refused().reason()).as("白沙街道 is a town of 蓬江, not of 鹤山")
			.isEqualTo(RejectReason.UNKNOWN_TOWN);
		assertThat(elsewhere.refused().detail()).isEqualTo("所属镇街“白沙”不是本县（市、区）的镇街");

		assertThat(plaques.map(text(9, "黄 志强", ID, "共和", "2026年3月5日", "HS-1", "", " 补挂 ")).fact().columns())
			.containsEntry("plaque_no", "HS-1")
			.containsEntry("id_card", ID)
			.containsEntry("status", "已悬挂")
			.containsEntry("hung_date", LocalDate.of(2026, 3, 5))
			.containsEntry("town", "共和镇")
			.containsEntry("notes", "补挂");
		assertThat(plaques.map(text(10, "黄志强", ID, "", "", "HS-2", "", "")).fact().columns())
			.as("no status and no date: not hung")
			.containsEntry("status", "未悬挂");
		assertThat(plaques.map(text(11, "黄志强", ID, "", "", "HS-3", "挂好了", "")).fact().columns())
			.as("a form the configuration adds")
			.containsEntry("status", "已悬挂");
		assertThat(plaques.map(text(12, "黄志强", ID, "", "", "HS-4", "挂了", "")).refused().detail())
			.isEqualTo("悬挂情况“挂了”无法识别（应为 已悬挂、未悬挂）");
	}

	@Test
	void aPlaqueSheetWithoutAStatusColumnTakesItFromTheHungDate() {
		SheetKinds.Table plaques = new SheetKinds(List.of(PLAQUES))
			.asHeader(text(1, "光荣牌编号", "身份证号码", "悬挂时间"), "f.xlsx", TOWNS, "440784")
			.orElseThrow();

		assertThat(plaques.map(row(2, text("HS-1"), text(ID), RawCell.date("46086"))).fact().columns())
			.containsEntry("status", "已悬挂")
			.containsEntry("hung_date", LocalDate.of(2026, 3, 5));
		assertThat(plaques.map(row(3, text("HS-2"), text(ID), text(""))).fact().columns()).containsEntry("status",
				"未悬挂");
	}

	@Test
	void aSheetMarkedAsPlaquesButWithoutItsNumberColumnRefusesEachRowRatherThanBeingARoster() {
		SheetKinds kinds = new SheetKinds(List.of(FAIRS, PLACEMENTS, PLAQUES));
		SheetKinds.Table plaques = kinds.asHeader(text(1, "姓名", "身份证号码", "悬挂时间"), "f.xlsx", TOWNS, "440784")
			.orElseThrow();
		assertThat(plaques.kind().target()).isEqualTo(Target.HONOUR_PLAQUE);
		SheetKinds.Mapped row = plaques.map(text(2, "黄志强", ID, "2026年3月5日"));
		assertThat(row.refused().reason()).isEqualTo(RejectReason.MISSING_REQUIRED);
		assertThat(row.refused().detail()).isEqualTo("光荣牌编号为空");
		assertThat(row.refused().rawValues()).containsEntry("悬挂时间", "2026年3月5日");
		// a complete header of another kind wins over a marked one
		assertThat(kinds.asHeader(text(1, "身份证号码", "推荐日期", "悬挂情况"), "f.xlsx", TOWNS, "440784"))
			.hasValueSatisfying((t) -> assertThat(t.kind().target()).isEqualTo(Target.JOB_PLACEMENT));
		// no mark, no ID: not a plaque sheet
		assertThat(kinds.asHeader(text(1, "姓名", "身份证号码", "人员类别"), "f.xlsx", TOWNS, "440784")).isEmpty();
		assertThat(kinds.asHeader(text(1, "姓名", "悬挂日期"), "f.xlsx", TOWNS, "440784")).isEmpty();
	}

	static final SheetKind TEAMS = new SheetKind("志愿服务队", Target.VOLUNTEER_TEAM, Map.of("team-name", List.of("队伍名称"),
			"county", List.of("县（市、区）"), "town", List.of("所在镇街"), "founded-date", List.of("成立日期")), null, Map.of());

	/** 白沙 is a 街道 of 蓬江 and a 镇 of 台山: city-wide its short name is no town. */
	private static final TownResolver CITY_TOWNS = new TownResolver(
			List.of(Town.of("沙坪街道", "440784"), Town.of("白沙街道", "440703"), Town.of("白沙镇", "440781")),
			Map.of("440784", "鹤山市", "440703", "蓬江区", "440781", "台山市"));

	@Test
	void aVolunteerTeamsTownIsResolvedWhenMappedWithinTheCountyItsRowWrites() {
		SheetKinds.Table partner = new SheetKinds(List.of(TEAMS))
			.asHeader(text(1, "队伍名称", "县（市、区）", "所在镇街", "成立日期"), "f.xlsx", CITY_TOWNS, null)
			.orElseThrow();

		assertThat(partner.map(text(2, "星火一队", "台山", "白沙", "2024-05-04")).fact().columns()).containsEntry("town", "白沙镇")
			.containsEntry("county_name", "台山");
		assertThat(partner.map(text(3, "星火二队", "", "沙坪镇（街）", "2024-05-04")).fact().columns()).containsEntry("town",
				"沙坪街道");
		SheetKinds.Mapped cityWide = partner.map(text(4, "星火三队", "", "白沙", "2024-05-04"));
		assertThat(cityWide.refused().reason()).isEqualTo(RejectReason.UNKNOWN_TOWN);
		assertThat(cityWide.refused().detail()).isEqualTo("所在镇街“白沙”不是本市的镇街（或简称不唯一）");
		assertThat(cityWide.refused().rawValues()).containsEntry("所在镇街", "白沙");
		assertThat(partner.map(text(5, "星火四队", "鹤山市", "白沙", "2024-05-04")).refused().detail())
			.isEqualTo("所在镇街“白沙”不是鹤山市的镇街");
		// the first reason in the shared precedence wins: the date before the town
		assertThat(partner.map(text(6, "星火五队", "", "东湖镇", "2024-02-30")).refused().reason())
			.isEqualTo(RejectReason.INVALID_DATE);

		SheetKinds.Table county = new SheetKinds(List.of(TEAMS))
			.asHeader(text(1, "队伍名称", "所在镇街"), "f.xlsx", CITY_TOWNS, "440784")
			.orElseThrow();
		assertThat(county.map(text(2, "鹤山一队", "沙坪")).fact().columns()).containsEntry("town", "沙坪街道");
		assertThat(county.map(text(3, "鹤山二队", "白沙")).refused().detail()).isEqualTo("所在镇街“白沙”不是本县（市、区）的镇街");
	}

	private static RejectReason plaqueRefusal(SheetKinds.Table table, String... values) {
		SheetKinds.Mapped mapped = table.map(text(5, values));
		assertThat(mapped.refused()).as("refused").isNotNull();
		return mapped.refused().reason();
	}

	@Test
	void aKindWithoutTheHeadersOfARequiredFieldStopsTheStart() {
		SheetKind broken = new SheetKind("推荐就业", Target.JOB_PLACEMENT, Map.of("id-card", List.of("身份证号码")), null,
				Map.of());
		assertThatIllegalArgumentException().isThrownBy(() -> new SheetKinds(List.of(FAIRS, broken)))
			.withMessageContaining("hub.county.sheets[1].columns.placement-date");
		SheetKind unknown = new SheetKind("招聘会", Target.JOB_FAIR,
				Map.of("fair-date", List.of("举办日期"), "fair-name", List.of("名称"), "posts-offered", List.of("岗位")), null,
				Map.of());
		assertThatIllegalArgumentException().isThrownBy(() -> new SheetKinds(List.of(unknown)))
			.withMessageContaining("posts-offered: not a field of job_fair");
	}

	private static SourceRow text(long number, String... texts) {
		List<RawCell> cells = new ArrayList<>();
		for (String t : texts) {
			cells.add(text(t));
		}
		return new SourceRow("招聘会", number, cells);
	}

	private static SourceRow row(long number, RawCell... cells) {
		return new SourceRow("招聘会", number, List.of(cells));
	}

	private static RawCell text(String text) {
		return RawCell.text(text);
	}

	private static RawCell number(String text) {
		return RawCell.number(text);
	}

}
