package cn.jiangmen.vethub.normalize;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import cn.jiangmen.vethub.ops.RejectReason;

import static org.assertj.core.api.Assertions.assertThat;

class AmountNormalizerTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "1200|1200.00", "1200.5|1200.50", "1,200.50|1200.50", "1，200.50|1200.50",
					"12,345,678.9|12345678.90", "1200元|1200.00", "1,200.00元|1200.00", "¥1200|1200.00",
					"￥1,200.00|1200.00", "￥1200元|1200.00", " 1 200 |1200.00", "\u00A01200.00\u3000|1200.00",
					"１２００．５０|1200.50", "0.12万元|1200.00", "0.12万|1200.00", "1.5万元|15000.00", "3万|30000.00",
					"0.00001万元|0.10", "1200.|1200.00", ".5|0.50", "0|0.00", "800.00 元|800.00", "2 万 元|20000.00" })
	void textAmounts(String text, String expected) {
		Normalized<BigDecimal> result = AmountNormalizer.amount(RawCell.text(text));

		assertThat(result.value()).isEqualTo(new BigDecimal(expected));
		assertThat(result.value().scale()).isEqualTo(2);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "1200.5|1200.50", "1200|1200.00", "0.1|0.10", "1.2E3|1200.00", "1E+3|1000.00",
			"3000.00|3000.00", "99999999.99|99999999.99" })
	void numericCellsAreReadFromTheirStoredTextExactly(String raw, String expected) {
		Normalized<BigDecimal> result = AmountNormalizer.amount(RawCell.number(raw));

		assertThat(result.value()).isEqualTo(new BigDecimal(expected));
	}

	@Test
	void decimalsADoubleWouldBlurStayExact() {
		// 0.1 + 0.2 in double is 0.30000000000000004; a stored 1234567.89 must not become
		// 1234567.8899999
		assertThat(AmountNormalizer.amount(RawCell.number("1234567.89")).value())
			.isEqualTo(new BigDecimal("1234567.89"));
		assertThat(AmountNormalizer.amount("0.29万").value()).isEqualTo(new BigDecimal("2900.00"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "-100", "-100.00元", "¥-50", "-¥50", "−100", "-0.12万元" })
	void negativeAmountsAreBad(String text) {
		Normalized<BigDecimal> result = AmountNormalizer.amount(RawCell.text(text));

		assertThat(result.reason()).isEqualTo(RejectReason.BAD_AMOUNT);
		assertThat(result.detail()).contains("负数");
	}

	@Test
	void negativeNumericCellIsBad() {
		assertThat(AmountNormalizer.amount(RawCell.number("-1200.5")).reason()).isEqualTo(RejectReason.BAD_AMOUNT);
	}

	@ParameterizedTest
	@ValueSource(strings = { "待定", "壹仟元", "12O.00", "一千二百", "1200元整", "1.2.3", "1,5", "12,00.00", "1200 or 1300", "元",
			"万元", "¥", "1e3", "(100)", "100%", "NaN", "1200元元" })
	void nonNumericAmountsAreBadAndQuoted(String text) {
		Normalized<BigDecimal> result = AmountNormalizer.amount(RawCell.text(text));

		assertThat(result.reason()).isEqualTo(RejectReason.BAD_AMOUNT);
		assertThat(result.detail()).contains(text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "1200.555", "0.001", "0.1234567万", "1,200.005元" })
	void moreThanTwoDecimalsAfterScalingIsBad(String text) {
		Normalized<BigDecimal> result = AmountNormalizer.amount(RawCell.text(text));

		assertThat(result.reason()).isEqualTo(RejectReason.BAD_AMOUNT);
		assertThat(result.detail()).contains("两位");
	}

	@Test
	void trailingZerosBeyondTwoDecimalsAreFine() {
		assertThat(AmountNormalizer.amount("0.123456万").value()).isEqualTo(new BigDecimal("1234.56"));
		assertThat(AmountNormalizer.amount("1200.5000").value()).isEqualTo(new BigDecimal("1200.50"));
		assertThat(AmountNormalizer.amount(RawCell.number("1200.500")).value()).isEqualTo(new BigDecimal("1200.50"));
	}

	@Test
	void numericCellWithTooManyDecimalsIsBad() {
		assertThat(AmountNormalizer.amount(RawCell.number("1200.005")).reason()).isEqualTo(RejectReason.BAD_AMOUNT);
	}

	@Test
	void dateOrBooleanCellIsNotAnAmount() {
		assertThat(AmountNormalizer.amount(RawCell.date("45658")).reason()).isEqualTo(RejectReason.BAD_AMOUNT);
		assertThat(AmountNormalizer.amount(new RawCell("TRUE", CellKind.BOOLEAN)).reason())
			.isEqualTo(RejectReason.BAD_AMOUNT);
	}

	@Test
	void blankIsOkNull() {
		assertThat(AmountNormalizer.amount(RawCell.blank())).isEqualTo(Normalized.ok(null));
		assertThat(AmountNormalizer.amount(RawCell.text(" \u3000"))).isEqualTo(Normalized.ok(null));
		assertThat(AmountNormalizer.amount((RawCell) null)).isEqualTo(Normalized.ok(null));
		assertThat(AmountNormalizer.amount((String) null)).isEqualTo(Normalized.ok(null));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "1234.5699999999999|1234.57", "4567.8000000000002|4567.80", "0.30000000000000004|0.30",
					"8600.0000000000018|8600.00", "99999999.989999995|99999999.99",
					"1.2345678899999999E+7|12345678.90" })
	void aNumberCellIsReadAsExcelShowsItNotByItsLastStoredDigits(String stored, String expected) {
		Normalized<BigDecimal> result = AmountNormalizer.amount(RawCell.number(stored));

		assertThat(result.isOk()).as(result.detail()).isTrue();
		assertThat(result.value()).isEqualTo(new BigDecimal(expected));
	}

	@Test
	void aNumberCellThatShowsMoreThanTwoDecimalsIsStillBad() {
		// 12.345 typed by a person: Excel stores and shows 12.345
		Normalized<BigDecimal> result = AmountNormalizer.amount(RawCell.number("12.345"));

		assertThat(result.reason()).isEqualTo(RejectReason.BAD_AMOUNT);
		assertThat(result.detail()).contains("两位").contains("12.345");
		assertThat(AmountNormalizer.amount(RawCell.number("12.345000000000001")).reason())
			.isEqualTo(RejectReason.BAD_AMOUNT);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "1234.5699999999999|1234.57", "¥4,567.8000000000002元|4567.80",
			"0.30000000000000004|0.30", "0.28999999999999998万|2900.00" })
	void aTextThatIsADoubleWrittenAtFullPrecisionIsReadAsExcelWouldShowIt(String text, String expected) {
		assertThat(AmountNormalizer.amount(RawCell.text(text)).value()).isEqualTo(new BigDecimal(expected));
	}

	@ParameterizedTest
	@ValueSource(strings = { "12.345", "12.3400000000000001", "12.340000000000001", "1234.570000000000001" })
	void aTextThatIsNoDoublesRenderingKeepsItsDigitsAndIsBad(String text) {
		Normalized<BigDecimal> result = AmountNormalizer.amount(RawCell.text(text));

		assertThat(result.reason()).isEqualTo(RejectReason.BAD_AMOUNT);
		assertThat(result.detail()).contains("两位");
	}

}
