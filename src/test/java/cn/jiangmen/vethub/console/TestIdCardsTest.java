package cn.jiangmen.vethub.console;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestIdCardsTest {

	@Test
	void computesTheCheckDigitOfThePublishedExample() {
		// GB 11643-1999 appendix example: 11010519491231002X
		assertThat(TestIdCards.id("110105", LocalDate.of(1949, 12, 31), 2)).isEqualTo("11010519491231002X");
	}

}
