package cn.jiangmen.vethub.normalize;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNormalizerTest {

	@ParameterizedTest
	@ValueSource(strings = { "13823456789", "138-2345-6789", "138 2345 6789", " 138\u00A02345\u30006789 ",
			"+86 138 2345 6789", "+8613823456789", "86-138-2345-6789", "0086 138 2345 6789", "(+86)138-2345-6789",
			"１３８２３４５６７８９", "138—2345—6789", "手机：13823456789" })
	void textMobilesBecomeElevenDigits(String text) {
		assertThat(PhoneNormalizer.normalize(RawCell.text(text))).isEqualTo("13823456789");
		assertThat(PhoneNormalizer.normalize(text)).isEqualTo("13823456789");
	}

	@ParameterizedTest
	@ValueSource(strings = { "13823456789", "1.3823456789E10", "1.3823456789E+10", "13823456789.0", "8613823456789" })
	void numericCellsBecomeElevenDigits(String raw) {
		assertThat(PhoneNormalizer.normalize(RawCell.number(raw))).isEqualTo("13823456789");
	}

	@Test
	void numericCellEndingInZeroKeepsItsZero() {
		assertThat(PhoneNormalizer.normalize(RawCell.number("1.382345678E10"))).isEqualTo("13823456780");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "0750-1234567|07501234567", "(0750)1234567|07501234567",
			"0750 123 4567|07501234567", "0750－1234567|07501234567", "020-87654321|02087654321" })
	void landlinesKeepTheirAreaCode(String text, String expected) {
		assertThat(PhoneNormalizer.normalize(RawCell.text(text))).isEqualTo(expected);
	}

	@Test
	void landlineWithoutAreaCodeIsKeptAsGiven() {
		assertThat(PhoneNormalizer.normalize(RawCell.number("3456789"))).isEqualTo("3456789");
	}

	@Test
	void twelveDigitNumberStartingWith86IsNotAPrefixedMobile() {
		// only a 13-digit number is a mobile with its country prefix
		assertThat(PhoneNormalizer.normalize("861234567890")).isEqualTo("861234567890");
	}

	@ParameterizedTest
	@ValueSource(strings = { "13823456789/13912345678", "13823456789、13912345678", "13823456789，13912345678",
			"13823456789; 13912345678", "13823456789或13912345678", "138-2345-6789 / 139-1234-5678" })
	void severalNumbersKeepTheFirst(String text) {
		assertThat(PhoneNormalizer.normalize(RawCell.text(text))).isEqualTo("13823456789");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "13823456789.0|13823456789", "/13823456789|13823456789", "无/13823456789|13823456789",
					"138.0/139|138", "8613823456789/1|13823456789", "00861382345678９|13823456789",
					"手机 13823456789（本人）|13823456789", "1382345678９ 或 1391234567８|13823456789",
					"１３８２３４５６７８９／１３９|13823456789", "电话：无|''", "无;无|''" })
	void oneNumberOrAListReadsAsItDidBySplitting(String text, String expected) {
		assertThat(PhoneNormalizer.normalize(text)).isEqualTo(expected);
	}

	@Test
	void emptyCellsGiveEmptyString() {
		assertThat(PhoneNormalizer.normalize(RawCell.blank())).isEmpty();
		assertThat(PhoneNormalizer.normalize(RawCell.text(" \u3000"))).isEmpty();
		assertThat(PhoneNormalizer.normalize((RawCell) null)).isEmpty();
		assertThat(PhoneNormalizer.normalize(RawCell.text("无"))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "13912345678", "1.3912345678E+10", "1.3912345678E10", "13912345678.000002" })
	void aPhoneInANumberCellIsTheNumberExcelShows(String stored) {
		assertThat(PhoneNormalizer.normalize(RawCell.number(stored))).isEqualTo("13912345678");
	}

}
