package cn.jiangmen.vethub.normalize;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RawCellTest {

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\t", "\u00A0", "\u3000", "\u200B", "\uFEFF", " \u3000\u00A0\r\n" })
	void whitespaceOnlyTextIsBlank(String text) {
		assertThat(RawCell.text(text).isBlank()).isTrue();
	}

	@Test
	void blankAndNullTextAreBlank() {
		assertThat(RawCell.blank().isBlank()).isTrue();
		assertThat(RawCell.blank().text()).isEmpty();
		assertThat(RawCell.text(null).isBlank()).isTrue();
		assertThat(RawCell.text(null).text()).isEmpty();
	}

	@Test
	void valuesAreNotBlank() {
		assertThat(RawCell.text(" 陈国强 ").isBlank()).isFalse();
		assertThat(RawCell.number("0").isBlank()).isFalse();
		assertThat(RawCell.date("32874").isBlank()).isFalse();
	}

	@Test
	void factoriesSetTheKind() {
		assertThat(RawCell.text("a").kind()).isEqualTo(CellKind.TEXT);
		assertThat(RawCell.number("1").kind()).isEqualTo(CellKind.NUMBER);
		assertThat(RawCell.date("32874.5").kind()).isEqualTo(CellKind.DATE);
		assertThat(RawCell.blank().kind()).isEqualTo(CellKind.BLANK);
	}

	@Test
	void aDateCellIsShownAsItsDateNotItsSerial() {
		assertThat(RawCell.date("46023").shown()).isEqualTo("2026-01-01");
		// the binary noise Excel leaves in the last digits is not a time of day
		assertThat(RawCell.date("46023.999999999993").shown()).isEqualTo("2026-01-02");
		assertThat(RawCell.date("32874.5").shown()).isEqualTo("1990-01-01 12:00");
		assertThat(RawCell.date("46023.5105").shown()).isEqualTo("2026-01-01 12:15:07");
		// before Excel's phantom 1900-02-29 serials are one day later
		assertThat(RawCell.date("59").shown()).isEqualTo("1900-02-28");
	}

	@Test
	void otherCellsAreShownAsTheirText() {
		assertThat(RawCell.number("5.0").shown()).isEqualTo("5");
		assertThat(RawCell.number("46023").shown()).isEqualTo("46023");
		assertThat(RawCell.text("2026年1月1日").shown()).isEqualTo("2026年1月1日");
		assertThat(RawCell.blank().shown()).isEmpty();
		// a date-formatted cell that is no date keeps its text, so the reason can be seen
		assertThat(RawCell.date("60").shown()).isEqualTo("60");
		assertThat(RawCell.date("-3").shown()).isEqualTo("-3");
		assertThat(RawCell.date("abc").shown()).isEqualTo("abc");
	}

}
