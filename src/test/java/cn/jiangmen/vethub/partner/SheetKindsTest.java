package cn.jiangmen.vethub.partner;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.ingest.SourceRow;
import cn.jiangmen.vethub.normalize.CellKind;
import cn.jiangmen.vethub.normalize.RawCell;
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
