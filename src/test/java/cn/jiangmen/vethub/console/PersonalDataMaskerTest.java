package cn.jiangmen.vethub.console;

import cn.jiangmen.vethub.testdata.IdCards;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataMaskerTest {

	private final PersonalDataMasker masker = new PersonalDataMasker();

	@Test
	void masksIdNameAndPhoneColumnsByTheirCountyHeaders() {
		String id = IdCards.valid("440784", LocalDate.of(1958, 3, 14), 31, true);
		Map<String, Object> raw = new LinkedHashMap<>();
		raw.put("序号", "12");
		raw.put("姓名", "黄志强");
		raw.put("身份证号码", id);
		raw.put("联系电话", "13826091234");
		raw.put("镇（街）", "沙坪街道");
		raw.put("人员类别", "退役士兵");
		Map<String, Object> masked = this.masker.maskRow(raw);
		assertThat(masked).containsEntry("序号", "12")
			.containsEntry("姓名", "黄**")
			.containsEntry("身份证号码", id.substring(0, 6) + "********" + id.substring(14))
			.containsEntry("联系电话", "138****1234")
			.containsEntry("镇（街）", "沙坪街道")
			.containsEntry("人员类别", "退役士兵");
		assertThat(masked.keySet()).containsExactly("序号", "姓名", "身份证号码", "联系电话", "镇（街）", "人员类别");
	}

	@Test
	void masksTheProvincialApiFieldNames() {
		assertThat(this.masker.mask("xm", "陈美玲")).isEqualTo("陈**");
		assertThat(this.masker.mask("lxdh", "0750-3301234")).isEqualTo("075*****1234");
		assertThat(this.masker.mask("sfzh", "44070519")).as("a short value keeps no more than its first half")
			.isEqualTo("4407****");
	}

	@Test
	void masksIdAndMobileLookingValuesWhateverTheirHeader() {
		String id = IdCards.valid("440705", LocalDate.of(1949, 10, 1), 7, true);
		assertThat(this.masker.mask("备注", id)).isEqualTo(id.substring(0, 6) + "********" + id.substring(14));
		// an ID that a spreadsheet turned into a number: still personal, still masked
		assertThat(this.masker.mask("备注", "4.40705E+17")).isEqualTo("4.407******");
		assertThat(this.masker.mask("说明", "13902281234")).isEqualTo("139****1234");
		assertThat(this.masker.mask("金额", "1200.00")).isEqualTo("1200.00");
		assertThat(this.masker.mask("发放日期", "2026-03-15")).isEqualTo("2026-03-15");
	}

}
