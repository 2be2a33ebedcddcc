package cn.jiangmen.vethub.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.normalize.CellKind;
import cn.jiangmen.vethub.normalize.RawCell;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeaderLocatorTest {

	private final HeaderSynonyms synonyms = new HeaderSynonyms(
			Map.of("id_card", List.of("身份证号码", "公民身份号码", "身份证号", "证件号码"), "name", List.of("姓名"), "town",
					List.of("所属镇街", "镇（街）", "镇街"), "amount", List.of("救助金额（元）", "救助金额")));

	private final HeaderLocator locator = new HeaderLocator(this.synonyms, "id_card");

	/**
	 * The data rows of one sheet as {@link DataRows} hands them on, with the header it
	 * found.
	 */
	private List<String> dataRows(List<SourceRow> rows, List<Header> found) throws Exception {
		List<String> data = new ArrayList<>();
		DataRows dataRows = new DataRows(this.locator, "id_card", (header, row) -> {
			if (found.isEmpty()) {
				found.add(header);
			}
			data.add(row.rowNumber() + ":" + row.cells().get(1).text());
		});
		dataRows.sheetStart("花名册");
		for (SourceRow row : rows) {
			dataRows.row(row);
		}
		return data;
	}

	@Test
	void headerIsTheFirstRowNamingTheIdColumnBelowTitles() throws Exception {
		List<SourceRow> rows = List.of(row(1, "鹤山市退役军人花名册"), row(2, "填报单位：鹤山市退役军人事务局", "", "身份证"),
				row(3, "序号", " 姓 名", "公民身份\n号码", "镇(街)", "救助金额\n（元）"), row(4, "1", "黄志强"));
		List<Header> found = new ArrayList<>();

		assertThat(dataRows(rows, found)).containsExactly("4:黄志强");

		Header header = found.get(0);
		assertThat(header.rowNumber()).isEqualTo(3);
		assertThat(header.columnOf()).containsEntry("id_card", 2)
			.containsEntry("name", 1)
			.containsEntry("town", 3)
			.containsEntry("amount", 4);
		assertThat(header.labelOf("id_card")).isEqualTo("公民身份号码");
	}

	@Test
	void sheetWithoutIdHeaderInItsFirstTenRowsHasNone() throws Exception {
		List<SourceRow> rows = new ArrayList<>();
		for (int i = 1; i <= 10; i++) {
			rows.add(row(i, "说明第" + i + "条"));
		}
		rows.add(row(11, "姓名", "身份证号码"));
		rows.add(row(12, "黄志强", "44078419850312001X"));

		assertThat(dataRows(rows, new ArrayList<>())).as("a header below row 10 is not looked for").isEmpty();
		assertThat(dataRows(List.of(row(1, "代码", "人员类别"), row(2, "11", "退役士兵")), new ArrayList<>())).isEmpty();
	}

	@Test
	void eachSheetsNotesAreToldByItsOwnIdColumn() throws Exception {
		List<String> data = new ArrayList<>();
		DataRows dataRows = new DataRows(this.locator, "id_card",
				(header, row) -> data.add(row.sheet() + ":" + row.rowNumber()));
		dataRows.sheetStart("一");
		dataRows.row(new SourceRow("一", 1, row(1, "姓名", "身份证号码").cells()));
		dataRows.row(new SourceRow("一", 2, row(2, "备注", "44078419850312001X").cells()));
		dataRows.row(new SourceRow("一", 3, row(3, "备注", "").cells()));
		dataRows.sheetStart("二");
		dataRows.row(new SourceRow("二", 1, row(1, "身份证号码", "姓名").cells()));
		dataRows.row(new SourceRow("二", 2, row(2, "", "备注：以上共两人").cells()));
		dataRows.row(new SourceRow("二", 3, row(3, "44078419850312001X", "备注").cells()));

		assertThat(data).containsExactly("一:2", "二:3");
	}

	@Test
	void aHeaderTextMayNameOnlyOneField() {
		assertThatThrownBy(() -> new HeaderSynonyms(Map.of("a", List.of("镇街"), "b", List.of("镇 街"))))
			.hasMessageContaining("is a synonym of both");
	}

	@Test
	void ignorableRowsAreBlankTotalsAndNotes() {
		assertThat(RowKinds.isIgnorable(row(20, "", " ", "\u3000"), 2)).isTrue();
		assertThat(RowKinds.isIgnorable(row(21, "合 计", "", "", "3,600.00"), 2)).isTrue();
		assertThat(RowKinds.isIgnorable(row(22, "", "总计：3人"), 2)).isTrue();
		assertThat(RowKinds.isIgnorable(row(23, "填表说明：身份证号码请以文本格式填写"), 2)).isTrue();
		assertThat(RowKinds.isIgnorable(row(24, "制表人：李明　审核人：王芳"), 2)).isTrue();
		assertThat(RowKinds.isIgnorable(row(25, "5", "黄志强", ""), 2)).isFalse();
		assertThat(RowKinds.isIgnorable(row(26, "备注", "", "440784198503120011"), 2)).isFalse();
	}

	static SourceRow row(long number, String... texts) {
		List<RawCell> cells = new ArrayList<>();
		for (String t : texts) {
			cells.add(t.isEmpty() ? new RawCell("", CellKind.BLANK) : new RawCell(t, CellKind.TEXT));
		}
		return new SourceRow("花名册", number, cells);
	}

}
