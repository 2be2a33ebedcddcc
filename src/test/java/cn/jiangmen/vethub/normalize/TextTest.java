package cn.jiangmen.vethub.normalize;

import java.text.Normalizer;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Text}'s char loops and no-allocation fast paths against the plain definitions
 * they replace (code point streams, NFKC on every text).
 */
class TextTest {

	/** The whitespace rule as written before the ASCII fast path. */
	private static boolean referenceIsSpace(int cp) {
		return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x200B || cp == 0x200C || cp == 0x200D
				|| cp == 0x2060 || cp == 0xFEFF;
	}

	private static String referenceNfkc(String s) {
		return (s != null) ? Normalizer.normalize(s, Normalizer.Form.NFKC) : "";
	}

	private static String referenceDropSpaces(String s) {
		if (s == null) {
			return "";
		}
		StringBuilder b = new StringBuilder();
		s.codePoints().filter((cp) -> !referenceIsSpace(cp)).forEach(b::appendCodePoint);
		return b.toString();
	}

	private static String referenceTrimmed(String s) {
		StringBuilder b = new StringBuilder();
		referenceNfkc(s).codePoints().map((cp) -> referenceIsSpace(cp) ? ' ' : cp).forEach(b::appendCodePoint);
		return b.toString().trim();
	}

	static List<String> texts() {
		return List.of("", "黄志强", "440784198503120011", "1990-05-01", "沙坪", "第0村", " 黄 志强 ", "黄\u00A0志强",
				"\u3000沙坪\u3000", "沙坪\u200B", "\uFEFF姓名", "\u2060x\u200C\u200D", "a\tb\nc\u000Bd\u000Ce\rf",
				"\u001C\u001D\u001E\u001F", "\u0000x\u0001\u0008\u000E\u001B\u007F", "x\u0085y", "\u2028\u2029",
				"\u2002\u2003\u205F\u1680", "１９９０－０５－０１", "４４０７８４１９８５０３１２００１Ｘ", "ＡＢＣ ａｂｃ", "\uF9E1明", "㍿", "ﬁ", "ｶﾞ",
				"A\u030A", "e\u0301", "\u1100\u1161", "\u3400\u4DBF\u4E00\u9FFF", "\u4DC0\uA000\u33FF",
				"李\uD842\uDFB7祥", "\uD840\uDC0B \uD842\uDFB7", "\uD842", "\uDFB7x", "李\uD842 \uDFB7祥", "沙坪镇（街）",
				"救助金额\n（元）", " \u0301", "\u00A8", "  \u3000 ");
	}

	@Test
	void asciiSpacesAreTheSameAsTheGeneralRule() {
		for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
			assertThat(Text.isSpace(cp)).as("U+%04X", cp).isEqualTo(referenceIsSpace(cp));
		}
	}

	@Test
	void noSpaceIsASurrogateOrOutsideTheBmp() {
		// what makes going char by char the same as going by code point
		for (int cp = Character.MIN_SURROGATE; cp <= Character.MAX_CODE_POINT; cp++) {
			if (cp <= Character.MAX_SURROGATE || cp > 0xFFFF) {
				assertThat(Text.isSpace(cp)).as("U+%04X", cp).isFalse();
			}
		}
	}

	@Test
	void asciiControlWhitespaceIsSpaceOtherControlsAreNot() {
		assertThat(Text.dropSpaces("a\t\n\u000B\f\r\u001C\u001D\u001E\u001F b")).isEqualTo("ab");
		assertThat(Text.dropSpaces("a\u0000\u0008\u000E\u001B\u007F\u0085b"))
			.isEqualTo("a\u0000\u0008\u000E\u001B\u007F\u0085b");
		assertThat(Text.isBlank("\u001F\u000B \u3000")).isTrue();
		assertThat(Text.isBlank("\u0000")).isFalse();
	}

	@ParameterizedTest
	@MethodSource("texts")
	void sameResultsAsTheStreamAndNormalizerDefinitions(String s) {
		assertThat(Text.isBlank(s)).isEqualTo(s.codePoints().allMatch(TextTest::referenceIsSpace));
		assertThat(Text.dropSpaces(s)).isEqualTo(referenceDropSpaces(s));
		assertThat(Text.nfkc(s)).isEqualTo(referenceNfkc(s));
		assertThat(Text.compact(s)).isEqualTo(referenceDropSpaces(referenceNfkc(s)));
		assertThat(Text.trimmed(s)).isEqualTo(referenceTrimmed(s));
	}

	@Test
	void nullIsEmpty() {
		assertThat(Text.isBlank(null)).isTrue();
		assertThat(Text.dropSpaces(null)).isEmpty();
		assertThat(Text.nfkc(null)).isEmpty();
		assertThat(Text.compact(null)).isEmpty();
		assertThat(Text.trimmed(null)).isEmpty();
	}

	@Test
	void fullWidthAndIdeographicSpaceAreStillNormalized() {
		assertThat(Text.compact("１９９０－０５－０１")).isEqualTo("1990-05-01");
		assertThat(Text.compact("黄志强\u3000４４０７８４")).isEqualTo("黄志强440784");
		assertThat(Text.nfkc("黄志强\u3000")).isEqualTo("黄志强 ");
		assertThat(Text.trimmed("\u3000沙坪\u00A0镇\u3000")).isEqualTo("沙坪 镇");
	}

	@Test
	void mixedTextsGoThroughNfkc() {
		// ASCII or ideographs next to a character that decomposes or composes
		assertThat(Text.nfkc("A\u030A")).isEqualTo("\u00C5");
		assertThat(Text.nfkc("李\uF9E1")).isEqualTo("李李");
		assertThat(Text.nfkc("ｶﾞ")).isEqualTo("ガ");
		assertThat(Text.compact("2023㍿")).isEqualTo("2023株式会社");
		assertThat(Text.compact("沙坪镇（街）")).isEqualTo("沙坪镇(街)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "黄志强", "440784198503120011", "1990-05-01", "沙坪街道", "第0村", "\u3400\u9FFF", "a\u0000b" })
	void aTextWithNothingToCleanIsReturnedAsItIs(String s) {
		assertThat(Text.dropSpaces(s)).isSameAs(s);
		assertThat(Text.nfkc(s)).isSameAs(s);
		assertThat(Text.compact(s)).isSameAs(s);
	}

	@Test
	void fastPathCharactersAreStableUnderNfkc() {
		// ASCII and the two BMP ranges of CJK unified ideographs never decompose ...
		for (char c = 0; c < 0xA000; c++) {
			if (c < 0x80 || (c >= 0x3400 && c <= 0x4DBF) || c >= 0x4E00) {
				String s = String.valueOf(c);
				assertThat(Normalizer.normalize(s, Normalizer.Form.NFKD)).as("U+%04X", (int) c).isEqualTo(s);
			}
		}
		// ... and are never both parts of a canonical composition
		for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
			if (Character.getType(cp) == Character.SURROGATE || Character.getType(cp) == Character.UNASSIGNED) {
				continue;
			}
			String d = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
			if (d.codePointCount(0, d.length()) >= 2) {
				assertThat(d.chars()
					.allMatch((c) -> c < 0x80 || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF)))
					.as("U+%04X", cp)
					.isFalse();
			}
		}
	}

	@Test
	void asciiNumberReadsTheDigitsOfARangeAndRefusesAnythingElse() {
		assertThat(Text.asciiNumber("440703195003150018", 6, 14)).isEqualTo(19500315);
		assertThat(Text.asciiNumber("2026-03-01 08:10:00", 17, 19)).isZero();
		assertThat(Text.asciiNumber("2026-03-01", 0, 4)).isEqualTo(2026);
		// a separator, a sign, a full-width digit and an Arabic-Indic digit are not ASCII
		// digits (Character.isDigit takes the last two)
		assertThat(Text.asciiNumber("2026-03-01", 2, 6)).isEqualTo(-1);
		assertThat(Text.asciiNumber("+123", 0, 4)).isEqualTo(-1);
		assertThat(Text.asciiNumber("20２6", 0, 4)).isEqualTo(-1);
		assertThat(Text.asciiNumber("20\u06626", 0, 4)).isEqualTo(-1);
		assertThat(Text.asciiNumber("abc", 1, 1)).isZero();
	}

	@Test
	void controlCharactersAreRemovedExceptTheWhitespaceOnesOneRuleForEveryText() {
		assertThat(Text.withoutControls("黄\u0000志强")).isEqualTo("黄志强");
		assertThat(Text.withoutControls("\u001b[31m沙坪\u001b[0m")).isEqualTo("[31m沙坪[0m");
		assertThat(Text.withoutControls("a\u007Fb\u0085c\u009Fd\u0001e")).isEqualTo("abcde");
		// tab, line feed, CR and the other control whitespace stay: the normalizers
		// read them as spaces
		assertThat(Text.withoutControls("李\t吉\r\n祥\u000B\u000C\u001C\u001F"))
			.isEqualTo("李\t吉\r\n祥\u000B\u000C\u001C\u001F");
		assertThat(Text.withoutControls(null)).isNull();
		String clean = "鹤山市 沙坪街道 NBSP\u00A0 全角\u3000";
		assertThat(Text.withoutControls(clean)).isSameAs(clean);
	}

	@Test
	void withoutControlsAgreesWithTheUnicodeCategoryForEveryChar() {
		for (int c = 0; c <= 0xFFFF; c++) {
			boolean removed = Character.getType(c) == Character.CONTROL && !referenceIsSpace(c);
			assertThat(Text.isStrippedControl((char) c)).as("U+%04X", c).isEqualTo(removed);
		}
	}

	@Test
	void aCellKeepsNoControlCharacterWhicheverReaderMadeIt() {
		assertThat(RawCell.text("440784198503120013\u0000").text()).isEqualTo("440784198503120013");
		assertThat(RawCell.text("\u0000").isBlank()).isTrue();
	}

}
