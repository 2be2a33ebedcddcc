package cn.jiangmen.vethub.ops;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import cn.jiangmen.vethub.ops.PersonalDataMask.Role;
import cn.jiangmen.vethub.testdata.IdCards;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataMaskTest {

	private static final String ID = IdCards.valid("440784", LocalDate.of(1985, 3, 12), 291, true);

	private static final String REGION_ONLY = "440784************";

	@Test
	void idNumbersKeepOnlyTheirRegionSoThatNoBirthDateDigitIsShown() {
		assertThat(PersonalDataMask.idCard(ID)).isEqualTo(REGION_ONLY);
		assertThat(PersonalDataMask.idCard("44078419850312291X")).isEqualTo(REGION_ONLY);
		assertThat(PersonalDataMask.idCard("440784850312291")).as("the old 15-digit form").isEqualTo("440784*********");
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
	void phonesHideTheFourDigitsBeforeTheLastFour() {
		assertThat(PersonalDataMask.phone("13823456789")).isEqualTo("138****6789");
		assertThat(PersonalDataMask.phone("07501234567")).isEqualTo("075****4567");
		assertThat(PersonalDataMask.phone("0750-3301234")).isEqualTo("075*-***1234");
		assertThat(PersonalDataMask.phone("3301234")).as("too short to tell: all hidden").isEqualTo("*******");
	}

	@Test
	void birthDatesKeepTheirYearOnlyInEveryForm() {
		assertThat(PersonalDataMask.birthDate("1985-03-12")).isEqualTo("1985-**-**");
		assertThat(PersonalDataMask.birthDate("19850312")).isEqualTo("1985-**-**");
		assertThat(PersonalDataMask.birthDate("1985年3月12日")).isEqualTo("1985-**-**");
		assertThat(PersonalDataMask.birthDate("1985/3/12")).isEqualTo("1985-**-**");
		assertThat(PersonalDataMask.birthDate("1985.03")).isEqualTo("1985-**");
		assertThat(PersonalDataMask.birthDate("198503")).isEqualTo("1985-**");
		assertThat(PersonalDataMask.birthDate("1985")).isEqualTo("1985");
		// Excel date cells read as serial numbers: 22774 is 1962-05-07, 31118 1985-03-12
		assertThat(PersonalDataMask.birthDate("22774.0")).isEqualTo("1962-**-**");
		assertThat(PersonalDataMask.birthDate("31118")).isEqualTo("1985-**-**");
		assertThat(PersonalDataMask.birthDate("85-3-12")).as("no readable year: masked whole").isEqualTo("*******");
	}

	@Test
	void theScannerMasksEveryFormOfAnIdNumberInsideText() {
		String spaced = ID.substring(0, 6) + " " + ID.substring(6, 14) + " " + ID.substring(14);
		String grouped = ID.substring(0, 4) + " " + ID.substring(4, 8) + " " + ID.substring(8, 12) + " "
				+ ID.substring(12, 16) + " " + ID.substring(16);
		String hyphens = ID.substring(0, 6) + "-" + ID.substring(6, 14) + "-" + ID.substring(14);
		assertThat(PersonalDataMask.text("身份证" + ID + "。")).isEqualTo("身份证" + REGION_ONLY + "。");
		assertThat(PersonalDataMask.text("证号 " + spaced)).isEqualTo("证号 440784 ******** ****");
		assertThat(PersonalDataMask.text(grouped)).isEqualTo("4407 84** **** **** **");
		assertThat(PersonalDataMask.text(hyphens)).isEqualTo("440784-********-****");
		assertThat(PersonalDataMask.text(fullWidth(ID))).startsWith(fullWidth("440784")).endsWith("************");
		String endingInX = IdCards.validEndingInX("440705", LocalDate.of(1950, 1, 2), 10, true);
		assertThat(PersonalDataMask.text("号码" + endingInX.toLowerCase())).isEqualTo("号码440705************");
		assertThat(PersonalDataMask.text("旧证440784850312291号")).isEqualTo("旧证440784*********号");
		assertThat(PersonalDataMask.text("校验位错 " + IdCards.withWrongCheckDigit(ID)))
			.as("a wrong check digit is still a person's number")
			.isEqualTo("校验位错 " + REGION_ONLY);
		assertThat(PersonalDataMask.text("两个号" + ID + IdCards.valid("440705", LocalDate.of(1949, 10, 1), 7, true)))
			.isEqualTo("两个号" + REGION_ONLY + "440705************");
		assertThat(PersonalDataMask.text("科学计数 4.40784198503122E17")).doesNotContain("19850312")
			.startsWith("科学计数 4.4078");
	}

	@Test
	void theScannerMasksMobileAndLandlinePhonesInsideText() {
		assertThat(PersonalDataMask.text("电话13912345678")).isEqualTo("电话139****5678");
		assertThat(PersonalDataMask.text("tel 139 1234 5678")).isEqualTo("tel 139 **** 5678");
		assertThat(PersonalDataMask.text("139-1234-5678")).isEqualTo("139-****-5678");
		assertThat(PersonalDataMask.text("+86 139 1234 5678")).isEqualTo("+86 139 **** 5678");
		assertThat(PersonalDataMask.text("办公 0750-3301234")).isEqualTo("办公 075*-***1234");
		assertThat(PersonalDataMask.text(fullWidth("13912345678")))
			.isEqualTo(fullWidth("139") + "****" + fullWidth("5678"));
		assertThat(PersonalDataMask.text("13912345678 " + ID)).isEqualTo("139****5678 " + REGION_ONLY);
	}

	@Test
	void theScannerMasksAnnouncedNamesAndBirthDates() {
		assertThat(PersonalDataMask.text("联系人李四 13912345678 身份证" + ID))
			.isEqualTo("联系人李* 139****5678 身份证" + REGION_ONLY);
		assertThat(PersonalDataMask.text("户主为王五，紧急联系人：司徒志强")).isEqualTo("户主为王*，紧急联系人：司***");
		assertThat(PersonalDataMask.text("出生日期（csrq）19850312 与身份证号码不一致")).isEqualTo("出生日期（csrq）1985**** 与身份证号码不一致");
		assertThat(PersonalDataMask.text("出生日期 1985-03-12 不对")).isEqualTo("出生日期 1985-**-** 不对");
		assertThat(PersonalDataMask.text("出生日期：不是日历上的日期: “1990-02-30”")).isEqualTo("出生日期：不是日历上的日期: “1990-**-**”");
		assertThat(PersonalDataMask.text("姓名为空")).isEqualTo("姓名为空");
		assertThat(PersonalDataMask.text("姓名（xm）为空")).isEqualTo("姓名（xm）为空");
	}

	@Test
	void theScannerLeavesAmountsDatesAndSerialNumbersAlone() {
		for (String harmless : new String[] { "1200.00", "1,180.00", "2026-11-05", "20261105", "2026年11月5日",
				"ZY2026110001", "保单号 PA2026440700000123", "第 8 行", "合计 12 条，金额 3500.50 元", "12345678901",
				"就诊日期“20260931”不是有效日期（约定格式 yyyyMMdd）", "20261105 1200.00", "2026-11-05 09:30:00" }) {
			assertThat(PersonalDataMask.text(harmless)).as(harmless).isEqualTo(harmless);
		}
	}

	@Test
	void aRowIsMaskedByTheRolesOfItsColumnsAndEveryValueIsScanned() {
		ColumnRoles roles = new ColumnRoles(Map.of("被保险人", Role.NAME, "证件号码", Role.ID_CARD), false);
		Map<String, Object> raw = new LinkedHashMap<>();
		raw.put("序号", "12");
		raw.put("被保险人", "黄志强");
		raw.put("证件号码", ID);
		raw.put("户主", "黄大明");
		raw.put("紧急联系人", "李 四");
		raw.put("联系人电话", "13912345678");
		raw.put("家属身份证", fullWidth(ID));
		raw.put("出生日期", "22774.0");
		raw.put("备注", "联系人李四 13912345678 身份证" + ID);
		raw.put("金额", "1200.00");
		raw.put("发放日期", "2026-03-15");
		Map<String, Object> masked = PersonalDataMask.row(raw, roles::roleOf);
		assertThat(masked).containsEntry("序号", "12")
			.containsEntry("被保险人", "黄**")
			.containsEntry("证件号码", REGION_ONLY)
			.containsEntry("户主", "黄**")
			.containsEntry("紧急联系人", "李*")
			.containsEntry("联系人电话", "139****5678")
			.containsEntry("家属身份证", REGION_ONLY)
			.containsEntry("出生日期", "1962-**-**")
			.containsEntry("备注", "联系人李* 139****5678 身份证" + REGION_ONLY)
			.containsEntry("金额", "1200.00")
			.containsEntry("发放日期", "2026-03-15");
		assertThat(masked.keySet()).containsExactlyElementsOf(raw.keySet());
	}

	@Test
	void aRowsOwnNamesAreMaskedWhereverElseTheyStandInIt() {
		Map<String, Object> visit = new LinkedHashMap<>();
		visit.put("xm", "黄小明");
		visit.put("zfnr", "看望黄小明，送去慰问品");
		Map<String, Object> masked = PersonalDataMask.row(visit,
				new ColumnRoles(Map.of("xm", Role.NAME), false)::roleOf);
		assertThat(masked).containsEntry("xm", "黄**").containsEntry("zfnr", "看望黄**，送去慰问品");
		assertThat(PersonalDataMask.text("与第 8 行（黄小明）重复", java.util.List.of("黄小明"))).isEqualTo("与第 8 行（黄**）重复");
	}

	@Test
	void headersNamePersonalColumnsWhateverTheSenderCallsThem() {
		ColumnRoles none = ColumnRoles.HEADERS_ONLY;
		assertThat(none.roleOf("家属身份证")).isEqualTo(Role.ID_CARD);
		assertThat(none.roleOf("联系人电话")).isEqualTo(Role.PHONE);
		assertThat(none.roleOf("出生年月")).isEqualTo(Role.BIRTH_DATE);
		assertThat(none.roleOf("ＣＳＲＱ")).isEqualTo(Role.BIRTH_DATE);
		assertThat(none.roleOf("户主")).isEqualTo(Role.NAME);
		assertThat(none.roleOf("紧急 联系人")).isEqualTo(Role.NAME);
		assertThat(none.roleOf("被保险人")).isEqualTo(Role.NAME);
		assertThat(none.roleOf("证件类型")).isEqualTo(Role.TEXT);
		assertThat(none.roleOf("备注")).isEqualTo(Role.TEXT);
		assertThat(new ColumnRoles(Map.of("患者", Role.NAME), false).roleOf("患 者")).isEqualTo(Role.NAME);
	}

	@Test
	void aKeyDerivedFromAnIdIsShownAsAKeyedPseudonym() {
		byte[] secret = "installation-secret".getBytes();
		String key = "3f1c0d9e";
		assertThat(PersonalDataMask.keyPseudonym(secret, key)).hasSize(17)
			.startsWith("#")
			.isEqualTo(PersonalDataMask.keyPseudonym(secret, key))
			.isNotEqualTo(PersonalDataMask.keyPseudonym("another".getBytes(), key))
			.isNotEqualTo(PersonalDataMask.keyPseudonym(secret, key + "0"));
	}

	private static String fullWidth(String ascii) {
		StringBuilder b = new StringBuilder();
		for (char c : ascii.toCharArray()) {
			b.append((c >= '0' && c <= '9') ? (char) (c - '0' + '０') : (c == 'X') ? 'Ｘ' : c);
		}
		return b.toString();
	}

}
