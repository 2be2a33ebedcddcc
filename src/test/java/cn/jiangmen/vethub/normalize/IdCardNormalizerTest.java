package cn.jiangmen.vethub.normalize;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import cn.jiangmen.vethub.ops.PersonalDataMask;
import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.testdata.IdCards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class IdCardNormalizerTest {

	/** 鹤山, born 1985-03-12, a man. */
	private static final String HESHAN_MAN = IdCards.valid("440784", LocalDate.of(1985, 3, 12), 31, true);

	/** 台山, born 1962-11-05, a woman. */
	private static final String TAISHAN_WOMAN = IdCards.valid("440781", LocalDate.of(1962, 11, 5), 46, false);

	/** 新会, born 1990-01-01, check digit X. */
	private static final String XINHUI_X = IdCards.validEndingInX("440705", LocalDate.of(1990, 1, 1), 11, true);

	@Test
	void checkDigitMatchesTheExamplesOfTheStandard() {
		assertThat(IdCardNormalizer.checkDigit("11010519491231002")).isEqualTo('X');
		assertThat(IdCardNormalizer.checkDigit("44052418800101001")).isEqualTo('4');
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "1234567890123456", "123456789012345678", "4407841985031203X", "４４０７８４１９８５０３１２０３１" })
	void checkDigitWantsExactly17AsciiDigits(String input) {
		assertThatIllegalArgumentException().isThrownBy(() -> IdCardNormalizer.checkDigit(input));
	}

	@Test
	void validIdGivesBirthDateAndGenderOfAMan() {
		Normalized<IdCard> result = IdCardNormalizer.normalize(RawCell.text(HESHAN_MAN));

		assertThat(result.isOk()).isTrue();
		assertThat(result.value().number()).isEqualTo(HESHAN_MAN);
		assertThat(result.value().birthDate()).isEqualTo(LocalDate.of(1985, 3, 12));
		assertThat(result.value().gender()).isEqualTo("M");
		assertThat(result.value().regionCode()).isEqualTo("440784");
		assertThat(result.value().provinceCode()).isEqualTo("44");
	}

	@Test
	void evenSeventeenthDigitIsAWoman() {
		IdCard id = IdCardNormalizer.normalize(TAISHAN_WOMAN).value();

		assertThat(Character.getNumericValue(TAISHAN_WOMAN.charAt(16)) % 2).isZero();
		assertThat(id.gender()).isEqualTo("F");
		assertThat(id.birthDate()).isEqualTo(LocalDate.of(1962, 11, 5));
	}

	@ParameterizedTest
	@ValueSource(strings = { "430102", "510104", "110105", "650102", "810000", "820000", "830000", "710000" })
	void veteransBornOutsideJiangmenAreValid(String region) {
		String id = IdCards.valid(region, LocalDate.of(1978, 8, 20), 12, true);

		assertThat(IdCardNormalizer.normalize(id).value().number()).isEqualTo(id);
	}

	static Stream<Arguments> messyWritings() {
		String x = XINHUI_X.substring(0, 17) + "x";
		String fullWidth = HESHAN_MAN.chars()
			.mapToObj((c) -> String.valueOf((char) (c - '0' + '０')))
			.reduce("", String::concat);
		return Stream.of(Arguments.of(" " + HESHAN_MAN + " ", HESHAN_MAN),
				Arguments.of(
						HESHAN_MAN.substring(0, 6) + " " + HESHAN_MAN.substring(6, 14) + " " + HESHAN_MAN.substring(14),
						HESHAN_MAN),
				Arguments.of("\u00A0" + HESHAN_MAN + "\u00A0", HESHAN_MAN),
				Arguments.of("\u3000" + HESHAN_MAN + "\u3000", HESHAN_MAN),
				Arguments.of("\t" + HESHAN_MAN + "\r\n", HESHAN_MAN),
				Arguments.of("\u200B" + HESHAN_MAN + "\uFEFF", HESHAN_MAN),
				Arguments.of(HESHAN_MAN.substring(0, 9) + "\u2002" + HESHAN_MAN.substring(9), HESHAN_MAN),
				Arguments.of(fullWidth, HESHAN_MAN), Arguments.of(x, XINHUI_X),
				Arguments.of(XINHUI_X.substring(0, 17) + "Ｘ", XINHUI_X),
				Arguments.of(XINHUI_X.substring(0, 17) + "ｘ", XINHUI_X));
	}

	@ParameterizedTest
	@MethodSource("messyWritings")
	void cleansFullWidthWhitespaceAndLowerCaseX(String written, String expected) {
		assertThat(IdCardNormalizer.normalize(RawCell.text(written)).value().number()).isEqualTo(expected);
		assertThat(IdCardNormalizer.normalize(written).value().number()).isEqualTo(expected);
	}

	@Test
	void xCheckDigitFixtureReallyEndsInX() {
		assertThat(XINHUI_X).endsWith("X").hasSize(18);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\u00A0", "\u3000", "\t \u3000\u00A0" })
	void emptyIsMissingRequired(String text) {
		assertThat(IdCardNormalizer.normalize(text).reason()).isEqualTo(RejectReason.MISSING_REQUIRED);
		assertThat(IdCardNormalizer.normalize(RawCell.text(text)).reason()).isEqualTo(RejectReason.MISSING_REQUIRED);
	}

	@Test
	void blankOrNullCellIsMissingRequired() {
		assertThat(IdCardNormalizer.normalize(RawCell.blank()).reason()).isEqualTo(RejectReason.MISSING_REQUIRED);
		assertThat(IdCardNormalizer.normalize((RawCell) null).reason()).isEqualTo(RejectReason.MISSING_REQUIRED);
		assertThat(IdCardNormalizer.normalize((String) null).reason()).isEqualTo(RejectReason.MISSING_REQUIRED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "4.40785199001011E17", "4.40784198503120E17", "440784198503120000" })
	void numericCellHasLostPrecision(String raw) {
		Normalized<IdCard> result = IdCardNormalizer.normalize(RawCell.number(raw));

		assertThat(result.reason()).isEqualTo(RejectReason.ID_LOST_PRECISION);
		assertThat(result.detail()).contains("数字单元格");
	}

	@Test
	void numericCellIsRefusedEvenWhenItsDigitsPassTheChecksum() {
		assertThat(IdCardNormalizer.normalize(HESHAN_MAN).isOk()).isTrue();

		Normalized<IdCard> result = IdCardNormalizer.normalize(RawCell.number(HESHAN_MAN));

		assertThat(result.reason()).isEqualTo(RejectReason.ID_LOST_PRECISION);
		// the detail quotes, masked, what the cell shows in Excel: 15 digits, then zeros
		assertThat(result.detail()).doesNotContain(HESHAN_MAN)
			.contains(PersonalDataMask.idCard(HESHAN_MAN.substring(0, 15) + "000"));
	}

	@Test
	void dateFormattedCellHasLostPrecisionToo() {
		assertThat(IdCardNormalizer.normalize(RawCell.date("4.40784198503120E17")).reason())
			.isEqualTo(RejectReason.ID_LOST_PRECISION);
	}

	@ParameterizedTest
	@ValueSource(strings = { "4.40785E+17", "4.40785199001011E+17", "4,40785199001011E+17", "4.40785199001011e17",
			"4.40785199001011E17", "4,40785E+17", " 4.40785E+17 ", "４．４０７８５Ｅ＋１７", "4.E+17", "440785E12" })
	void scientificNotationTextHasLostPrecision(String text) {
		Normalized<IdCard> result = IdCardNormalizer.normalize(RawCell.text(text));

		assertThat(result.reason()).isEqualTo(RejectReason.ID_LOST_PRECISION);
		assertThat(result.detail()).contains("科学计数法");
	}

	@Test
	void oldFifteenDigitIdIsBadFormatAndSaysSo() {
		Normalized<IdCard> result = IdCardNormalizer.normalize("440784850312031");

		assertThat(result.reason()).isEqualTo(RejectReason.BAD_ID_FORMAT);
		assertThat(result.detail()).contains("15 位").contains("18 位").doesNotContain("440784850312031");
	}

	@ParameterizedTest
	@ValueSource(strings = { "44078419850312031", "4407841985031203100", "44078419850312O31X", "4407841985031203X1",
			"44078419850312031A", "X40784198503120317", "44-0784-1985-0312-031", "身份证44078419850312031" })
	void wrongShapeIsBadFormat(String text) {
		Normalized<IdCard> result = IdCardNormalizer.normalize(text);

		assertThat(result.reason()).isEqualTo(RejectReason.BAD_ID_FORMAT);
		assertThat(result.detail()).contains("17 位数字");
	}

	@ParameterizedTest
	@ValueSource(strings = { "00", "10", "16", "19", "20", "24", "30", "38", "40", "47", "49", "55", "60", "66", "70",
			"72", "80", "84", "90", "99" })
	void firstTwoDigitsMustBeAProvince(String province) {
		String id = IdCards.valid(province + "0102", LocalDate.of(1980, 6, 15), 21, true);

		Normalized<IdCard> result = IdCardNormalizer.normalize(id);

		assertThat(result.reason()).isEqualTo(RejectReason.BAD_ID_FORMAT);
		assertThat(result.detail()).contains("前两位 " + province);
	}

	@ParameterizedTest
	@ValueSource(strings = { "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
			"41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81",
			"82", "83" })
	void everyProvinceCodeIsAccepted(String province) {
		String id = IdCards.valid(province + "0102", LocalDate.of(1980, 6, 15), 21, true);

		assertThat(IdCardNormalizer.normalize(id).isOk()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "19900230", "19890229", "19851301", "19850001", "19850100", "19850432", "18991231" })
	void birthDatePartMustBeARealDateFrom1900(String birth) {
		String first17 = "440784" + birth + "031";
		String id = first17 + IdCardNormalizer.checkDigit(first17);

		Normalized<IdCard> result = IdCardNormalizer.normalize(id);

		assertThat(result.reason()).isEqualTo(RejectReason.BAD_ID_FORMAT);
		assertThat(result.detail()).contains("出生日期");
	}

	@Test
	void leapDayIsARealBirthDate() {
		String id = IdCards.valid("440703", LocalDate.of(1988, 2, 29), 55, true);

		assertThat(IdCardNormalizer.normalize(id).value().birthDate()).isEqualTo(LocalDate.of(1988, 2, 29));
	}

	@Test
	void birthDateAfterTodayIsBadFormat() {
		LocalDate today = LocalDate.of(2026, 11, 29);
		String born = IdCards.valid("440703", today, 11, true);
		String notYetBorn = IdCards.valid("440703", today.plusDays(1), 11, true);

		assertThat(IdCardNormalizer.normalize(born, today).isOk()).isTrue();
		assertThat(IdCardNormalizer.normalize(notYetBorn, today).reason()).isEqualTo(RejectReason.BAD_ID_FORMAT);
		assertThat(IdCardNormalizer.normalize(IdCards.valid("440703", LocalDate.of(2099, 1, 1), 11, true)).reason())
			.isEqualTo(RejectReason.BAD_ID_FORMAT);
	}

	@Test
	void wrongCheckDigitIsBadChecksumNamingTheRightOneMasked() {
		String wrong = IdCards.withWrongCheckDigit(HESHAN_MAN);

		Normalized<IdCard> result = IdCardNormalizer.normalize(wrong);

		assertThat(result.reason()).isEqualTo(RejectReason.BAD_CHECKSUM);
		assertThat(result.detail()).isEqualTo("校验位应为 " + HESHAN_MAN.charAt(17) + ": 440784************");
	}

	@Test
	void lowerCaseXWhereADigitBelongsIsBadChecksum() {
		String wrong = HESHAN_MAN.endsWith("X") ? TAISHAN_WOMAN : HESHAN_MAN;

		assertThat(IdCardNormalizer.normalize(wrong.substring(0, 17) + "x").reason())
			.isEqualTo(RejectReason.BAD_CHECKSUM);
	}

	@Test
	void everyCheckDigitIsComputedByMod11Weights() {
		// brute force over the last order digit: exactly one check character is right for
		// each 17 digits
		for (int seq = 0; seq < 10; seq++) {
			String first17 = "4407051990010100" + seq;
			long rightOnes = "0123456789X".chars()
				.filter((c) -> IdCardNormalizer.normalize(first17 + (char) c).isOk())
				.count();
			assertThat(rightOnes).as(first17).isEqualTo(1);
		}
	}

	static Stream<Arguments> refusalDetails() {
		String wrong = IdCards.withWrongCheckDigit(HESHAN_MAN);
		String badBirth = "440784" + "19900230" + "031";
		badBirth = badBirth + IdCardNormalizer.checkDigit(badBirth);
		String unborn = IdCards.valid("440703", LocalDate.of(2099, 1, 1), 11, true);
		String foreign = "99" + HESHAN_MAN.substring(2);
		return Stream.of(
				Arguments.of("4.40785E+17",
						"身份证号码是科学计数法（" + PersonalDataMask.idCard("4.40785E+17") + "），后几位已丢失；请按原件重新录入"),
				Arguments.of("440784850312031",
						"15 位旧身份证号码不受支持，请提供 18 位号码: " + PersonalDataMask.idCard("440784850312031")),
				Arguments.of(HESHAN_MAN + "1",
						"应为 17 位数字加 1 位数字或 X，实际 19 个字符: " + PersonalDataMask.idCard(HESHAN_MAN + "1")),
				Arguments.of(HESHAN_MAN.substring(0, 17) + "\uD842\uDFB7",
						"应为 17 位数字加 1 位数字或 X，实际 18 个字符: "
								+ PersonalDataMask.idCard(HESHAN_MAN.substring(0, 17) + "\uD842\uDFB7")),
				Arguments.of(HESHAN_MAN.substring(0, 8) + "\u0663" + HESHAN_MAN.substring(9),
						"应为 17 位数字加 1 位数字或 X，实际 18 个字符: " + PersonalDataMask
							.idCard(HESHAN_MAN.substring(0, 8) + "\u0663" + HESHAN_MAN.substring(9))),
				Arguments.of(HESHAN_MAN.substring(0, 17) + "\u0663",
						"应为 17 位数字加 1 位数字或 X，实际 18 个字符: "
								+ PersonalDataMask.idCard(HESHAN_MAN.substring(0, 17) + "\u0663")),
				Arguments.of(HESHAN_MAN.substring(0, 17) + "Y",
						"应为 17 位数字加 1 位数字或 X，实际 18 个字符: " + PersonalDataMask.idCard(HESHAN_MAN.substring(0, 17) + "Y")),
				Arguments.of(foreign, "前两位 99 不是省级行政区划代码: " + PersonalDataMask.idCard(foreign)),
				Arguments.of(badBirth, "第 7-14 位不是有效的出生日期: " + PersonalDataMask.idCard(badBirth)),
				Arguments.of(unborn, "第 7-14 位的出生日期不在 1900 年至今之间: " + PersonalDataMask.idCard(unborn)),
				Arguments.of(wrong, "校验位应为 " + HESHAN_MAN.charAt(17) + ": " + PersonalDataMask.idCard(wrong)));
	}

	@ParameterizedTest
	@MethodSource("refusalDetails")
	void refusalsKeepTheirReasonAndExactDetail(String id, String detail) {
		Normalized<IdCard> result = IdCardNormalizer.normalize(id);

		assertThat(result.isOk()).isFalse();
		assertThat(result.detail()).isEqualTo(detail);
		assertThat(result.reason()).isEqualTo(detail.contains("科学计数法") ? RejectReason.ID_LOST_PRECISION
				: detail.startsWith("校验位") ? RejectReason.BAD_CHECKSUM : RejectReason.BAD_ID_FORMAT);
	}

	@Test
	void onlyAsciiDigitsMakeTheShape() {
		// Arabic-Indic three (U+0663) is a digit to Character.isDigit but not to the
		// shape, and NFKC leaves it as it is
		String arabicIndic = HESHAN_MAN.substring(0, 8) + "\u0663" + HESHAN_MAN.substring(9);

		assertThat(IdCardNormalizer.normalize(arabicIndic).reason()).isEqualTo(RejectReason.BAD_ID_FORMAT);
		assertThat(IdCardNormalizer.normalize(HESHAN_MAN.substring(0, 8) + "３" + HESHAN_MAN.substring(9)).reason())
			.isNotEqualTo(RejectReason.BAD_ID_FORMAT);
	}

	static List<String> badIds() {
		return List.of(HESHAN_MAN.substring(0, 15), HESHAN_MAN + "1", IdCards.withWrongCheckDigit(HESHAN_MAN),
				"99" + HESHAN_MAN.substring(2), HESHAN_MAN.substring(0, 6) + "19901332" + HESHAN_MAN.substring(14),
				HESHAN_MAN.substring(0, 10) + "E" + HESHAN_MAN.substring(11));
	}

	@ParameterizedTest
	@MethodSource("badIds")
	void detailsNeverQuoteTheIdUnmasked(String id) {
		Normalized<IdCard> result = IdCardNormalizer.normalize(id);

		assertThat(result.isOk()).isFalse();
		assertThat(result.detail()).doesNotContain(id).doesNotContain(id.substring(6, 14));
	}

	@Test
	void idCardToStringIsMasked() {
		IdCard id = IdCardNormalizer.normalize(HESHAN_MAN).value();

		assertThat(id.toString()).doesNotContain(HESHAN_MAN).contains("440784************");
		assertThat(IdCardNormalizer.normalize(HESHAN_MAN).toString()).doesNotContain(HESHAN_MAN);
	}

	@Test
	void valueOfARefusalThrowsWithTheMaskedDetail() {
		Normalized<IdCard> result = IdCardNormalizer.normalize(IdCards.withWrongCheckDigit(HESHAN_MAN));

		assertThatIllegalStateException().isThrownBy(result::value)
			.withMessageContaining("bad_checksum")
			.withMessageNotContaining(HESHAN_MAN.substring(0, 17));
	}

	@Test
	void fixtureBuildsValidIdsWithTheRequestedGender() {
		for (int seq = 0; seq <= 999; seq += 37) {
			String man = IdCards.valid("440785", LocalDate.of(1970, 12, 31), seq, true);
			String woman = IdCards.valid("440785", LocalDate.of(1970, 12, 31), seq, false);
			assertThat(IdCardNormalizer.normalize(man).value().gender()).isEqualTo("M");
			assertThat(IdCardNormalizer.normalize(woman).value().gender()).isEqualTo("F");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "4.4078419900101E+17", "4.4078419900101101E+17", "440784199001011008" })
	void anIdInANumberCellAsExcelWritesItHasLostPrecisionAndIsMasked(String stored) {
		Normalized<IdCard> result = IdCardNormalizer.normalize(RawCell.number(stored));

		assertThat(result.reason()).isEqualTo(RejectReason.ID_LOST_PRECISION);
		assertThat(result.detail()).doesNotContain("44078419900101").doesNotContain(stored);
	}

}
