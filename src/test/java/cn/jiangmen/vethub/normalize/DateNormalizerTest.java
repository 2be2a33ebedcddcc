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

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "1990-2-30|不是日历上的日期: 1990-2-30", "1990/2/29|不是日历上的日期: 1990/2/29", "1990.13.1|不是日历上的日期: 1990.13.1",
					"1990-0-1|不是日历上的日期: 1990-0-1", "1899-12-31|年份不在 1900-2100 之间: 1899-12-31",
					"2101-1-1|年份不在 1900-2100 之间: 2101-1-1", "0000-1-1|年份不在 1900-2100 之间: 0000-1-1",
					"1990-5/1|无法识别的日期: 1990-5/1", "1990-05-001|无法识别的日期: 1990-05-001", "1990-5-|无法识别的日期: 1990-5-" })
	void plainSeparatedDatesAreRefusedWithTheSameDetails(String text, String detail) {
		assertThat(DateNormalizer.date(text)).isEqualTo(Normalized.fail(RejectReason.INVALID_DATE, detail));
	}

	@ParameterizedTest
	@ValueSource(strings = { "1990-5-1 08:30", "1990-5-1 8:30:15", "1990/5/1T08:30:00.5", "1990.5.1 00:00",
			"1990-5-1\u3000", "\t1990-5-1", "1990 -5-1", "１９９０-5-1", "1990\uFF0D5\uFF0D1" })
	void textsNextToThePlainShapeStillReadTheLongWay(String text) {
		assertThat(DateNormalizer.date(text).value()).isEqualTo(MAY_DAY_1990);
	}

	@Test
	void compactDatesReadAsTheyDidThroughThePatterns() {
		for (String year : new String[] { "0000", "0199", "1899", "1900", "1990", "2000", "2100", "2101", "9999" }) {
			for (String month : new String[] { "00", "01", "02", "09", "10", "12", "13", "99" }) {
				for (String day : new String[] { "00", "01", "28", "29", "30", "31", "32", "99" }) {
					String text = year + month + day;
					assertThat(DateNormalizer.date(text)).as(text).isEqualTo(DateNormalizer.date(" " + text));
				}
			}
		}
		assertThat(DateNormalizer.date("19900501").value()).isEqualTo(MAY_DAY_1990);
	}

	@Test
	void plainShapesReadAsTheyDidThroughThePatterns() {
		// a leading space keeps a text off the plain-shape shortcut and changes nothing
		// else, details included
		for (String year : new String[] { "0000", "0199", "1899", "1900", "1990", "2000", "2100", "2101", "9999" }) {
			for (String separator : new String[] { "-", "/", ".", "_" }) {
				for (String month : new String[] { "", "0", "00", "1", "01", "2", "02", "12", "13", "123" }) {
					for (String day : new String[] { "", "0", "1", "01", "28", "29", "30", "31", "32", "123" }) {
						String text = year + separator + month + separator + day;
						assertThat(DateNormalizer.date(text)).as(text).isEqualTo(DateNormalizer.date(" " + text));
					}
				}
			}
		}
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

	@Test
	void aSerialJustBeforeMidnightIsTheDayExcelShows() {
		// stored 46023.999999999993: Excel shows 2026-01-02 00:00:00
		assertThat(DateNormalizer.date(RawCell.date("46023.999999999993")).value()).isEqualTo(LocalDate.of(2026, 1, 2));
		assertThat(DateNormalizer.date(RawCell.number("46023.999999999993")).value())
			.isEqualTo(LocalDate.of(2026, 1, 2));
		// 23:59:59 is still the first of January
		assertThat(DateNormalizer.date(RawCell.date("46023.999988425923")).value()).isEqualTo(LocalDate.of(2026, 1, 1));
	}

	@Test
	void aYearMonthTypedAsANumberIsReadFromWhatExcelShows() {
		// Excel stores 1990.12 as 1990.1199999999999 and 1990.1 (or 1990.10) as
		// 1990.0999999999999
		assertThat(DateNormalizer.yearMonth(RawCell.number("1990.1199999999999")).value())
			.isEqualTo(YearMonth.of(1990, 12));
		assertThat(DateNormalizer.yearMonth(RawCell.number("1990.0999999999999")).detail()).contains("1 月和 10 月");
		assertThat(DateNormalizer.date(RawCell.number("1.9900501E7")).value()).isEqualTo(MAY_DAY_1990);
	}

}
