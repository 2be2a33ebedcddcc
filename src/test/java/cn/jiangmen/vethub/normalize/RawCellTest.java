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

}
