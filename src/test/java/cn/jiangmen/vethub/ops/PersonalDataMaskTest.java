package cn.jiangmen.vethub.ops;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataMaskTest {

	@Test
	void idNumbersKeepTheirFirstSixAndLastFourCharacters() {
		assertThat(PersonalDataMask.idCard("44078419850312291X")).isEqualTo("440784********291X");
		assertThat(PersonalDataMask.idCard("4.40785E+17")).as("a mangled value keeps no more than its first half")
			.isEqualTo("4.407******");
		assertThat(PersonalDataMask.idCard("4407841985")).isEqualTo("44078*****");
	}

	@Test
	void namesKeepTheirFirstCharacterEvenOutsideTheBmp() {
		assertThat(PersonalDataMask.name("李𠮷祥")).isEqualTo("李**");
		assertThat(PersonalDataMask.name("𠮷田")).isEqualTo("𠮷*");
		assertThat(PersonalDataMask.name("阿依古丽·买买提")).startsWith("阿").doesNotContain("买");
	}

	@Test
	void phonesKeepThreeAndFourDigits() {
		assertThat(PersonalDataMask.phone("13823456789")).isEqualTo("138****6789");
		assertThat(PersonalDataMask.phone("07501234567")).isEqualTo("075****4567");
	}

}
