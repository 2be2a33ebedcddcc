package cn.jiangmen.vethub.normalize;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ExcelNumberTest {

	@ParameterizedTest
	@CsvSource({
			// amounts as Excel writes them (%.17g of the double) and as it shows them
			"1234.5699999999999, 1234.57", "4567.8000000000002, 4567.8", "0.30000000000000004, 0.3",
			"0.10000000000000001, 0.1", "1.0049999999999999, 1.005", "110.00000000000001, 110",
			// already as shown: kept
			"1200.5, 1200.5", "0, 0", "-1200.5, -1200.5", "123456789012345, 123456789012345",
			// trailing zeros and exponents of other writers (POI writes Double.toString)
			"1200.50, 1200.5", "39783.0, 39783", "1E+3, 1000", "1.0E7, 10000000",
			// negative
			"-1234.5699999999999, -1234.57", "-0, 0", "-0.0, 0",
			// phones stored plain or with an exponent
			"13912345678, 13912345678", "1.3912345678E+10, 13912345678", "1.3912345678E10, 13912345678",
			// ID numbers typed as numbers: only 15 digits survive
			"4.4078419900101E+17, 440784199001010000", "4.4078419900100998E+17, 440784199001010000",
			"4.4078519900101126E17, 440785199001011000", "1234567890123456, 1234567890123460",
			// small values in E notation
			"1.2345678901234567E-5, 0.0000123456789012346", "1E-20, 0.00000000000000000001",
			// serial dates with a time of day
			"46023.999999999993, 46024", "45658.5, 45658.5", "45658.499999999993, 45658.5",
			"32874.999988425923, 32874.9999884259" })
	void aStoredNumberIsReadAsExcelShowsIt(String stored, String shown) {
		assertThat(ExcelNumber.shown(stored)).isEqualTo(shown);
		assertThat(ExcelNumber.value(stored)).isEqualByComparingTo(shown);
	}

	@Test
	void aTieAtTheSixteenthDigitRoundsAwayFromZeroAsExcelShowsIt() {
		assertThat(ExcelNumber.shown("0.1234567890123455")).isEqualTo("0.123456789012346");
		assertThat(ExcelNumber.shown("-0.1234567890123455")).isEqualTo("-0.123456789012346");
		assertThat(ExcelNumber.shown("1234567890123425")).isEqualTo("1234567890123430");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "abc", "12,5", "1.2.3", " ", "一百" })
	void aTextThatIsNotANumberIsLeftForTheNormalizersToRefuse(String stored) {
		assertThat(ExcelNumber.shown(stored)).isEqualTo(stored);
		assertThat(ExcelNumber.value(stored)).isNull();
	}

	@Test
	void spacesAroundAStoredNumberAreDropped() {
		assertThat(ExcelNumber.shown(" 1234.5699999999999 ")).isEqualTo("1234.57");
	}

	@ParameterizedTest
	@CsvSource({
			// %.17g of a double
			"1234.5699999999999, 1234.57", "4567.8000000000002, 4567.8",
			// the shortest digits of 0.1 + 0.2 and of 0.1 * 0.7 (17 and 16 digits)
			"0.30000000000000004, 0.3", "0.06999999999999999, 0.07",
			// %.17g of 0.07, with its trailing zero
			"0.070000000000000007, 0.07" })
	void aTextThatIsADoubleAtFullPrecisionIsReadAsExcelWouldShowIt(String text, String value) {
		assertThat(ExcelNumber.ofText(text)).isEqualByComparingTo(value);
	}

	@ParameterizedTest
	@ValueSource(strings = { "12.345", "1200.50",
			// 18 digits: no program writes a double so
			"12.3400000000000001",
			// 17 digits, but the double nearest is written 12.340000000000002
			"12.340000000000001" })
	void anyOtherTextKeepsEveryDigitItWasWrittenWith(String text) {
		assertThat(ExcelNumber.ofText(text)).isEqualTo(new BigDecimal(text));
	}

	@Test
	void aTextThatIsNotANumberIsRefusedByOfText() {
		assertThatExceptionOfType(NumberFormatException.class).isThrownBy(() -> ExcelNumber.ofText("12O.00"));
	}

	@Test
	void numberAndDateCellsCarryTheShownNumberTextCellsTheirText() {
		assertThat(RawCell.number("1234.5699999999999").text()).isEqualTo("1234.57");
		assertThat(RawCell.date("46023.999999999993").text()).isEqualTo("46024");
		assertThat(new RawCell("4.4078419900101E+17", CellKind.NUMBER).text()).isEqualTo("440784199001010000");
		assertThat(RawCell.text("1234.5699999999999").text()).isEqualTo("1234.5699999999999");
	}

}
