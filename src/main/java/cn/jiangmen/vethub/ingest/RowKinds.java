package cn.jiangmen.vethub.ingest;

import java.util.List;

import cn.jiangmen.vethub.normalize.RawCell;
import cn.jiangmen.vethub.normalize.Text;

/**
 * Rows below the header that are neither data nor errors: blank rows, totals rows (合计,
 * 总计, 小计) and note rows (填表说明…, 制表人…, 审核人…, 备注…) written under the table. They are
 * neither loaded nor rejected. A note row is only recognised when the key column (the ID
 * number) is empty, so a real record is never skipped because of what its first cell
 * says.
 */
public final class RowKinds {

	private static final List<String> TOTALS = List.of("合计", "总计", "小计", "共计");

	private static final List<String> NOTES = List.of("填表说明", "说明", "注:", "注：", "注1", "备注", "制表", "填表", "审核", "审批",
			"负责人", "联系人", "经办人:", "单位负责人", "单位(盖章)", "单位（盖章）", "盖章", "日期:", "打印");

	private RowKinds() {
	}

	/** True when the row is blank, a totals row or a note row: skip it silently. */
	public static boolean isIgnorable(SourceRow row, int keyColumn) {
		if (row.isBlank()) {
			return true;
		}
		int seen = 0;
		for (RawCell cell : row.cells()) {
			String t = Text.compact(cell.text());
			if (t.isEmpty()) {
				continue;
			}
			if (startsWithAny(t, TOTALS)) {
				return true;
			}
			if (++seen >= 3) {
				break;
			}
		}
		if (!Text.compact(row.text(keyColumn)).isEmpty()) {
			return false;
		}
		String first = firstText(row);
		return startsWithAny(first, NOTES);
	}

	private static boolean startsWithAny(String text, List<String> prefixes) {
		for (int i = 0; i < prefixes.size(); i++) {
			if (text.startsWith(prefixes.get(i))) {
				return true;
			}
		}
		return false;
	}

	private static String firstText(SourceRow row) {
		for (RawCell cell : row.cells()) {
			String t = Text.compact(cell.text());
			if (!t.isEmpty()) {
				return t;
			}
		}
		return "";
	}

}
