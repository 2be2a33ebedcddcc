package cn.jiangmen.vethub.ingest;

import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.normalize.RawCell;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderTest {

	@Test
	void rawValuesKeepEveryColumnOfARepeatedHeaderAsLabelTwoAndSoOn() {
		SourceRow row = row("李𠮷祥", "待核实", "已电话联系", "补交材料");

		Map<String, String> raw = Header.rawValues(List.of("姓名", "备注", "备注", "备注"), row);

		assertThat(raw).containsExactly(Map.entry("姓名", "李𠮷祥"), Map.entry("备注", "待核实"), Map.entry("备注(2)", "已电话联系"),
				Map.entry("备注(3)", "补交材料"));
	}

	@Test
	void rawValuesLabelColumnsWithoutHeaderByPositionAndKeepOnlyFilledCellsBeyondTheHeader() {
		SourceRow row = new SourceRow(null, 2,
				List.of(RawCell.text("A1"), RawCell.blank(), RawCell.text("x"), RawCell.blank(), RawCell.text("y")));

		Map<String, String> raw = Header.rawValues(List.of("流水号", " ", "科室"), row);

		assertThat(raw).containsExactly(Map.entry("流水号", "A1"), Map.entry("第2列", ""), Map.entry("科室", "x"),
				Map.entry("第5列", "y"));
	}

	@Test
	void rawValuesOfAHeaderUseItsTextsCompacted() {
		Header header = new Header(1, List.of("身份证 号码", "备 注", "备注"), Map.of("id-card", 0));

		Map<String, String> raw = header.rawValues(row("440784198503120011", "甲", "乙"));

		assertThat(raw).containsExactly(Map.entry("身份证号码", "440784198503120011"), Map.entry("备注", "甲"),
				Map.entry("备注(2)", "乙"));
	}

	private static SourceRow row(String... texts) {
		return new SourceRow(null, 2, List.of(texts).stream().map(RawCell::text).toList());
	}

}
