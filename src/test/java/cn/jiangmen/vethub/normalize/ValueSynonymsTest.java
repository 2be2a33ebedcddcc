package cn.jiangmen.vethub.normalize;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ValueSynonymsTest {

	private final ValueSynonyms categories = ValueSynonyms.personCategories();

	private final ValueSynonyms political = ValueSynonyms.politicalStatuses();

	@ParameterizedTest
	@CsvSource({ "退役士兵, 退役士兵", "退伍军人, 退役士兵", "退伍士兵, 退役士兵", "11, 退役士兵", "军队转业干部, 军队转业干部", "转业干部, 军队转业干部", "12, 军队转业干部",
			"复员军人, 复员军人", "13, 复员军人", "伤残军人, 伤残军人", "残疾军人, 伤残军人", "伤残, 伤残军人", "21, 伤残军人", "烈士遗属, 烈士遗属", "烈属, 烈士遗属",
			"31, 烈士遗属", "其他优抚对象, 其他优抚对象", "其他, 其他优抚对象", "99, 其他优抚对象" })
	void personCategories(String written, String canonical) {
		assertThat(this.categories.canonical(written)).contains(canonical);
	}

	@Test
	void personCategoryCanonicalValuesMatchRefPersonCategory() {
		assertThat(this.categories.canonicalValues()).containsExactly("退役士兵", "军队转业干部", "复员军人", "伤残军人", "烈士遗属",
				"其他优抚对象");
	}

	@ParameterizedTest
	@CsvSource({ "中共党员, 中共党员", "党员, 中共党员", "01, 中共党员", "中共预备党员, 中共预备党员", "预备党员, 中共预备党员", "02, 中共预备党员", "共青团员, 共青团员",
			"团员, 共青团员", "03, 共青团员", "群众, 群众", "13, 群众" })
	void politicalStatuses(String written, String canonical) {
		assertThat(this.political.canonical(written)).contains(canonical);
	}

	@Test
	void politicalCanonicalValuesMatchRefPoliticalStatus() {
		assertThat(this.political.canonicalValues()).containsExactly("中共党员", "中共预备党员", "共青团员", "群众");
	}

	@ParameterizedTest
	@ValueSource(strings = { " 退伍军人 ", "退 伍 军 人", "退伍军人\u3000", "\u00A0退伍军人", "退伍军人\t" })
	void whitespaceDoesNotMatter(String written) {
		assertThat(this.categories.canonical(written)).contains("退役士兵");
	}

	@Test
	void fullWidthDoesNotMatter() {
		assertThat(this.categories.canonical("１１")).contains("退役士兵");
		assertThat(this.political.canonical("０１")).contains("中共党员");
	}

	@ParameterizedTest
	@ValueSource(strings = { "复员干部", "退役军人", "军人", "党", "1", "14", "民主党派", "无" })
	void unknownOrAmbiguousFormsAreEmpty(String written) {
		assertThat(this.categories.canonical(written)).isEmpty();
		assertThat(this.political.canonical(written)).isEmpty();
	}

	@Test
	void blankAndNullAreEmpty() {
		assertThat(this.categories.canonical(null)).isEmpty();
		assertThat(this.categories.canonical("")).isEmpty();
		assertThat(this.categories.canonical(" \u3000")).isEmpty();
	}

	@Test
	void configurationAddsFormsToExistingValues() {
		ValueSynonyms extended = this.categories.with(Map.of("复员军人", List.of("复员干部", "老复员军人")));

		assertThat(extended.canonical("复员干部")).contains("复员军人");
		assertThat(extended.canonical("老复员军人")).contains("复员军人");
		assertThat(extended.canonical("退伍军人")).contains("退役士兵");
		assertThat(extended.asMap().get("复员军人")).contains("13", "复员干部", "老复员军人");
	}

	@Test
	void withLeavesTheOriginalUnchanged() {
		this.categories.with(Map.of("复员军人", List.of("复员干部")));

		assertThat(this.categories.canonical("复员干部")).isEmpty();
	}

	@Test
	void configurationMayAddCanonicalValues() {
		ValueSynonyms extended = this.political.with(Map.of("民主党派", List.of("民革党员", "民盟盟员")));

		assertThat(extended.canonical("民盟盟员")).contains("民主党派");
		assertThat(extended.canonical("民主党派")).contains("民主党派");
		assertThat(extended.canonicalValues()).endsWith("民主党派");
	}

	@Test
	void aFormStandingForTwoValuesIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.categories.with(Map.of("复员军人", List.of("退伍军人"))))
			.withMessageContaining("退伍军人")
			.withMessageContaining("退役士兵")
			.withMessageContaining("复员军人");
	}

	@Test
	void formsThatCollideOnlyAfterNormalizationAreRefusedToo() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ValueSynonyms(Map.of("甲", List.of("１１"), "乙", List.of("11"))));
	}

	@Test
	void aFormRepeatedForTheSameValueIsHarmless() {
		ValueSynonyms extended = this.categories.with(Map.of("退役士兵", List.of("退伍军人", " 退伍军人")));

		assertThat(extended.canonical("退伍军人")).contains("退役士兵");
	}

	@Test
	void emptyFormsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ValueSynonyms(Map.of("群众", List.of(" "))));
		assertThatIllegalArgumentException().isThrownBy(() -> new ValueSynonyms(Map.of("\u3000", List.of("x"))));
	}

}
