package cn.jiangmen.vethub.normalize;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class NameNormalizerTest {

	@ParameterizedTest
	@ValueSource(strings = { "陈国强", " 陈国强 ", "陈 国 强", "陈\u00A0国强", "\u3000陈国强\u3000", "陈\t国强\r\n", "陈\u200B国强",
			"陈\u2002国\u2003强", "\uFEFF陈国强" })
	void dropsEveryKindOfWhitespace(String raw) {
		assertThat(NameNormalizer.normalize(raw)).isEqualTo("陈国强");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\u2022", "\u30FB", "\uFF0E", "\u2027", "\u22C5", "\uFF65", "\u2219", "\u00B7", "\u2E31",
			"\u0387", "." })
	void mapsLookAlikeMiddleDotsToU00B7(String dot) {
		String normalized = NameNormalizer.normalize("阿不都" + dot + "热合曼");

		assertThat(normalized).isEqualTo("阿不都\u00B7热合曼");
		assertThat(normalized.codePointAt(3)).isEqualTo(0x00B7);
	}

	@Test
	void spacesAroundTheDotGoToo() {
		assertThat(NameNormalizer.normalize(" 买买提 • 艾力 ")).isEqualTo("买买提·艾力");
	}

	@Test
	void keepsCharactersOutsideTheBmpIntact() {
		String raw = "李\uD842\uDFB7祥"; // 李𠮷祥: 𠮷 is U+20BB7, a surrogate pair

		String normalized = NameNormalizer.normalize(" " + raw + "\u3000");

		assertThat(normalized).isEqualTo(raw);
		assertThat(normalized.codePoints().toArray()).containsExactly(0x674E, 0x20BB7, 0x7965);
		assertThat(normalized.codePointCount(0, normalized.length())).isEqualTo(3);
	}

	@Test
	void keepsSupplementaryCharactersNextToDotsAndSpaces() {
		String normalized = NameNormalizer.normalize("\uD842\uDFB7 \u30FB\uD840\uDC0B");

		assertThat(normalized.codePoints().toArray()).containsExactly(0x20BB7, 0x00B7, 0x2000B);
	}

	@ParameterizedTest
	@ValueSource(strings = { "黄志强", "李\uD842\uDFB7祥", "\uD842\uDFB7", "阿不都·热合曼", "\uF9E1明", "ZhangSan" })
	void aNameWithNothingToCleanIsReturnedAsItIs(String raw) {
		assertThat(NameNormalizer.normalize(raw)).isSameAs(raw);
	}

	@ParameterizedTest
	@ValueSource(strings = { "李\uD842\uDFB7祥", " 李\uD842\uDFB7祥\u3000", "\uD842\uDFB7 \u30FB\uD840\uDC0B",
			"李\uD842 \uDFB7祥", "\uD842", "\uDFB7.\uD842", "陈\t国\u001F强\u0000", "买买提 • 艾力", "\uFEFF\u200B\u2060",
			"x\u0085y", "A.B．C" })
	void sameAsGoingByCodePoint(String raw) {
		StringBuilder b = new StringBuilder();
		raw.codePoints()
			.filter((cp) -> !Text.isSpace(cp))
			.map((cp) -> NameNormalizer.isDotLike(cp) ? NameNormalizer.MIDDLE_DOT : cp)
			.forEach(b::appendCodePoint);

		assertThat(NameNormalizer.normalize(raw)).isEqualTo(b.toString());
	}

	@Test
	void doesNotRewriteCompatibilityIdeographs() {
		// U+F9E1 is a CJK compatibility ideograph (NFKC would turn it into U+674E); a
		// name keeps what was written
		assertThat(NameNormalizer.normalize("\uF9E1明").codePointAt(0)).isEqualTo(0xF9E1);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "欧阳 志远|欧阳志远", "司马\u3000光|司马光", "伍 · 家 辉|伍·家辉" })
	void realisticCompoundNames(String raw, String expected) {
		assertThat(NameNormalizer.normalize(raw)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\u3000\u00A0\t" })
	void emptyBecomesEmptyString(String raw) {
		assertThat(NameNormalizer.normalize(raw)).isEmpty();
	}

	@Test
	void nullBecomesEmptyString() {
		assertThat(NameNormalizer.normalize(null)).isEmpty();
	}

}
