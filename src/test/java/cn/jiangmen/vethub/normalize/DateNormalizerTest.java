package cn.jiangmen.vethub.normalize;

import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import cn.jiangmen.vethub.ops.RejectReason;

import static org.assertj.core.api.Assertions.assertThat;

class DateNormalizerTest {

	private static final LocalDate MAY_DAY_1990 = LocalDate.of(1990, 5, 1);

	@ParameterizedTest
	@ValueSource(strings = { "1990-5-1", "1990-05-01", "1990/5/1", "1990/05/01", "1990.05.01", "1990.5.1", "1990年5月1日",
			"1990年05月01日", "1990年5月1号", "1990年5月1", "19900501", "1990-05-01 00:00:00", "1990-05-01 0:00",
			"1990/5/1 12:30:45", "1990-05-01T00:00:00", "１９９０－０５－０１", "１９９０年５月１日", " 1990-05-01\u00A0",
			"\u30001990 年 5 月 1 日", "1990-05-01 00:00:00.000" })
	void textForms(String text) {
		assertThat(DateNormalizer.date(RawCell.text(text)).value()).isEqualTo(MAY_DAY_1990);
		assertThat(DateNormalizer.date(text).value()).isEqualTo(MAY_DAY_1990);
	}

	@ParameterizedTest
	@CsvSource({ "32994, 1990-05-01", "32994.5, 1990-05-01", "32994.999988426, 1990-05-01", "32874, 1990-01-01",
			"45658, 2025-01-01", "61, 1900-03-01", "59, 1900-02-28", "1, 1900-01-01", "2958465, 9999-12-31" })
	void excelSerialsInDateCells(String serial, LocalDate expected) {
		if (expected.getYear() > 2100) {
			assertThat(DateNormalizer.date(RawCell.date(serial)).reason()).isEqualTo(RejectReason.INVALID_DATE);
			return;
		}
		assertThat(DateNormalizer.date(RawCell.date(serial)).value()).isEqualTo(expected);
	}

	@Test
	void excelSerialsInPlainNumericCells() {
		assertThat(DateNormalizer.date(RawCell.number("32994")).value()).isEqualTo(MAY_DAY_1990);
		assertThat(DateNormalizer.date(RawCell.number("32994.25")).value()).isEqualTo(MAY_DAY_1990);
		assertThat(DateNormalizer.date(RawCell.number("3.2994E4")).value()).isEqualTo(MAY_DAY_1990);
	}

	@Test
	void numericCellTypedAsYyyymmddIsADate() {
		assertThat(DateNormalizer.date(RawCell.number("19900501")).value()).isEqualTo(MAY_DAY_1990);
		assertThat(DateNormalizer.date(RawCell.number("19900230")).reason()).isEqualTo(RejectReason.INVALID_DATE);
	}

	@Test
	void excelsPhantomLeapDayIsInvalid() {
		Normalized<LocalDate> result = DateNormalizer.date(RawCell.date("60"));

		assertThat(result.reason()).isEqualTo(RejectReason.INVALID_DATE);
		assertThat(result.detail()).contains("1900-02-29");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-1", "0.5", "abc", "2958466" })
	void impossibleSerialsAreInvalid(String serial) {
		assertThat(DateNormalizer.date(RawCell.date(serial)).reason()).isEqualTo(RejectReason.INVALID_DATE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "1990-02-30", "1990-2-29", "1990/13/01", "1990.04.31", "1990年2月30日", "19900230",
			"19901301", "2023-02-29", "1990-05-00" })
	void nonCalendarDatesAreInvalidAndQuoted(String text) {
		Normalized<LocalDate> result = DateNormalizer.date(RawCell.text(text));

		assertThat(result.reason()).isEqualTo(RejectReason.INVALID_DATE);
		assertThat(result.detail()).contains(text);
	}

	@Test
	void leapDayInALeapYearIsFine() {
		assertThat(DateNormalizer.date("2000-02-29").value()).isEqualTo(LocalDate.of(2000, 2, 29));
		assertThat(DateNormalizer.date("1988/2/29").value()).isEqualTo(LocalDate.of(1988, 2, 29));
	}

	@ParameterizedTest
	@ValueSource(strings = { "待定", "五月一日", "1990-05", "1990-5/1", "90-5-1", "1990--05-01", "32994", "1990-05-01 25",
			"0199-05-01", "2201-01-01", "1990年5月1日上午" })
	void unreadableOrImplausibleTextIsInvalid(String text) {
		Normalized<LocalDate> result = DateNormalizer.date(text);

		assertThat(result.reason()).isEqualTo(RejectReason.INVALID_DATE);
		assertThat(result.detail()).contains(text.trim());
	}

	@Test
	void blankIsOkNull() {
		assertThat(DateNormalizer.date(RawCell.blank())).isEqualTo(Normalized.ok(null));
		assertThat(DateNormalizer.date(RawCell.text("\u3000 "))).isEqualTo(Normalized.ok(null));
		assertThat(DateNormalizer.date((String) null)).isEqualTo(Normalized.ok(null));
		assertThat(DateNormalizer.yearMonth(RawCell.blank())).isEqualTo(Normalized.ok(null));
		assertThat(DateNormalizer.yearMonth(RawCell.text(""))).isEqualTo(Normalized.ok(null));
	}

	@Test
	void booleanCellIsNotADate() {
		assertThat(DateNormalizer.date(new RawCell("TRUE", CellKind.BOOLEAN)).reason())
			.isEqualTo(RejectReason.INVALID_DATE);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "1990-05", "1990-5", "1990/5", "1990/05", "1990.5", "1990.05", "1990年5月", "1990年05月", "1990年5",
					"199005", "1990-05-01", "1990年5月17日", "19900531", "１９９０年５月", " 1990 - 05 ", "1990-05-20 08:00:00" })
	void yearMonthTextForms(String text) {
		assertThat(DateNormalizer.yearMonth(RawCell.text(text)).value()).isEqualTo(YearMonth.of(1990, 5));
		assertThat(DateNormalizer.yearMonth(text).value()).isEqualTo(YearMonth.of(1990, 5));
	}

	@Test
	void yearMonthTextOctoberAndJanuaryAreDistinct() {
		assertThat(DateNormalizer.yearMonth("1990.1").value()).isEqualTo(YearMonth.of(1990, 1));
		assertThat(DateNormalizer.yearMonth("1990.10").value()).isEqualTo(YearMonth.of(1990, 10));
	}

	@Test
	void yearMonthFromCells() {
		assertThat(DateNormalizer.yearMonth(RawCell.date("32994")).value()).isEqualTo(YearMonth.of(1990, 5));
		assertThat(DateNormalizer.yearMonth(RawCell.number("199005")).value()).isEqualTo(YearMonth.of(1990, 5));
		assertThat(DateNormalizer.yearMonth(RawCell.number("19900517")).value()).isEqualTo(YearMonth.of(1990, 5));
		assertThat(DateNormalizer.yearMonth(RawCell.number("1990.05")).value()).isEqualTo(YearMonth.of(1990, 5));
		assertThat(DateNormalizer.yearMonth(RawCell.number("1990.5")).value()).isEqualTo(YearMonth.of(1990, 5));
		assertThat(DateNormalizer.yearMonth(RawCell.number("1990.12")).value()).isEqualTo(YearMonth.of(1990, 12));
		assertThat(DateNormalizer.yearMonth(RawCell.number("33025")).value()).isEqualTo(YearMonth.of(1990, 6));
	}

	@Test
	void numericYearMonthWithOneDecimalOneIsAmbiguous() {
		// Excel stores a typed 1990.10 as 1990.1: January or October cannot be told apart
		Normalized<YearMonth> result = DateNormalizer.yearMonth(RawCell.number("1990.1"));

		assertThat(result.reason()).isEqualTo(RejectReason.INVALID_DATE);
		assertThat(result.detail()).contains("1990.1").contains("10 月");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1990-13", "1990年0月", "199013", "1990.00", "1990-02-30", "五月", "0990-05" })
	void invalidYearMonths(String text) {
		Normalized<YearMonth> result = DateNormalizer.yearMonth(text);

		assertThat(result.reason()).isEqualTo(RejectReason.INVALID_DATE);
		assertThat(result.detail()).contains(text);
	}

	@Test
	void invalidNumericYearMonth() {
		assertThat(DateNormalizer.yearMonth(RawCell.number("1990.13")).reason()).isEqualTo(RejectReason.INVALID_DATE);
		assertThat(DateNormalizer.yearMonth(RawCell.number("199013")).reason()).isEqualTo(RejectReason.INVALID_DATE);
	}

}
