package cn.jiangmen.vethub.province;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.jiangmen.vethub.normalize.Town;
import cn.jiangmen.vethub.normalize.TownResolver;
import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.province.ProvinceRecordMapper.VeteranResult;
import cn.jiangmen.vethub.province.ProvinceRecordMapper.VisitResult;
import cn.jiangmen.vethub.testdata.IdCards;
import cn.jiangmen.vethub.warehouse.PersonObservation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Field-by-field mapping of provincial records, no database. */
class ProvinceRecordMapperTest {

	private final ProvinceRecordMapper mapper = new ProvinceRecordMapper("province",
			new TownResolver(List.of(Town.of("沙坪街道", "440784"), Town.of("龙口镇", "440784"), Town.of("白沙街道", "440703"),
					Town.of("白沙镇", "440781"), Town.of("台城街道", "440781"))),
			Set.of("440703", "440781", "440784"), ZoneId.of("Asia/Shanghai"));

	private static Map<String, String> veteran() {
		Map<String, String> r = new HashMap<>();
		ProvinceSamples.veteran(3, LocalDateTime.of(2026, 3, 1, 8, 30))
			.forEach((k, v) -> r.put(k, (v != null) ? v.toString() : null));
		r.put("hjszx", "440784");
		r.put("hjszz", "沙坪");
		return r;
	}

	@Test
	void mapsAVeteranToAProvinceObservationAtItsGxsj() {
		VeteranResult result = this.mapper.veteran(veteran());
		PersonObservation o = result.observation();
		assertThat(o.idCard()).isEqualTo(ProvinceSamples.idCard(3));
		assertThat(o.kind()).isEqualTo(PersonObservation.Kind.PROVINCE);
		assertThat(o.observedAt()).isEqualTo(OffsetDateTime.of(2026, 3, 1, 8, 30, 0, 0, ZoneOffset.ofHours(8)));
		assertThat(o.recordRef()).isEqualTo("V00003");
		assertThat(o.name()).isEqualTo(ProvinceSamples.name(3));
		assertThat(o.category()).isEqualTo("伤残军人");
		assertThat(o.politicalStatus()).isEqualTo("中共预备党员");
		assertThat(o.town()).isEqualTo("沙坪街道");
		assertThat(o.countyCode()).isEqualTo("440784");
		assertThat(o.village()).isNull();
		assertThat(result.genderMismatch()).isFalse();
	}

	@Test
	void acceptsALowerCaseXAndFormattedPhones() {
		Map<String, String> r = veteran();
		String id = IdCards.validEndingInX("430421", LocalDate.of(1971, 4, 9), 300, true);
		r.put("sfzhm", " " + id.toLowerCase() + " ");
		r.put("csrq", "19710409");
		r.put("lxdh", "139-2345-6789");
		PersonObservation o = this.mapper.veteran(r).observation();
		assertThat(o.idCard()).isEqualTo(id).endsWith("X");
		assertThat(o.phone()).isEqualTo("13923456789");
	}

	@Test
	void refusesABirthDateThatDisagreesWithTheId() {
		Map<String, String> r = veteran();
		r.put("csrq", "19600101");
		VeteranResult result = this.mapper.veteran(r);
		assertThat(result.reject().reason()).isEqualTo(RejectReason.ID_BIRTHDATE_MISMATCH);
		assertThat(result.reject().recordKey()).isEqualTo("V00003");
		assertThat(result.reject().detail()).doesNotContain(ProvinceSamples.idCard(3));
		assertThat(result.reject().rawValues()).containsEntry("csrq", "19600101")
			.containsEntry("sfzhm", ProvinceSamples.idCard(3));
	}

	@Test
	void refusesInPrecedenceOrder() {
		Map<String, String> r = veteran();
		r.put("xm", " ");
		r.put("sfzhm", IdCards.withWrongCheckDigit(ProvinceSamples.idCard(3)));
		assertThat(this.mapper.veteran(r).reject().reason()).isEqualTo(RejectReason.MISSING_REQUIRED);
		r.put("xm", "黄志强");
		assertThat(this.mapper.veteran(r).reject().reason()).isEqualTo(RejectReason.BAD_CHECKSUM);
		r.put("sfzhm", ProvinceSamples.idCard(3));
		r.put("twsj", "2001-02-30");
		assertThat(this.mapper.veteran(r).reject().reason()).isEqualTo(RejectReason.INVALID_DATE);
		r.put("twsj", null);
		r.put("rylb", "42");
		assertThat(this.mapper.veteran(r).reject().reason()).isEqualTo(RejectReason.BAD_VALUE);
		r.put("rylb", "21");
		r.put("zzmm", "无党派");
		assertThat(this.mapper.veteran(r).reject().reason()).isEqualTo(RejectReason.BAD_VALUE);
		r.put("zzmm", "党员");
		assertThat(this.mapper.veteran(r).observation().category()).isEqualTo("伤残军人");
	}

	@Test
	void takesGenderFromTheIdAndCountsADisagreeingXbdm() {
		Map<String, String> r = veteran();
		r.put("xbdm", ProvinceSamples.male(3) ? "1" : "2");
		assertThat(this.mapper.veteran(r).genderMismatch()).isFalse();
		r.put("xbdm", ProvinceSamples.male(3) ? "2" : "1");
		VeteranResult result = this.mapper.veteran(r);
		assertThat(result.observation()).isNotNull();
		assertThat(result.genderMismatch()).isTrue();
	}

	@Test
	void resolvesTheTownWithinItsCountyAndKeepsTheCountyWhenTheTownIsUnknown() {
		Map<String, String> r = veteran();
		r.put("hjszx", "440781");
		r.put("hjszz", "白沙");
		assertThat(this.mapper.veteran(r).observation().town()).isEqualTo("白沙镇");
		r.put("hjszx", "440703");
		assertThat(this.mapper.veteran(r).observation().town()).isEqualTo("白沙街道");
		r.put("hjszz", "龙口镇");
		VeteranResult unknown = this.mapper.veteran(r);
		assertThat(unknown.observation().town()).isNull();
		assertThat(unknown.observation().countyCode()).isEqualTo("440703");
		assertThat(unknown.unknownTown()).isTrue();
		r.put("hjszx", "440106");
		assertThat(this.mapper.veteran(r).observation().countyCode()).isNull();
	}

	@Test
	void doesNotLoadARecordDeletedInTheProvince() {
		Map<String, String> r = veteran();
		r.put("scbz", "1");
		VeteranResult result = this.mapper.veteran(r);
		assertThat(result.deleted()).isTrue();
		assertThat(result.observation()).isNull();
		assertThat(result.reject()).isNull();
	}

	@Test
	void mapsAVisitAndRefusesOneWithoutKeyOrDate() {
		Map<String, String> r = new HashMap<>();
		ProvinceSamples.visit(12, 3, LocalDateTime.of(2026, 3, 5, 10, 0))
			.forEach((k, v) -> r.put(k, (v != null) ? v.toString() : null));
		VisitResult ok = this.mapper.visit(r);
		assertThat(ok.visit().visitKey()).isEqualTo("ZF000012");
		assertThat(ok.visit().idCard()).isEqualTo(ProvinceSamples.idCard(3));
		assertThat(ok.visit().visitDate()).isEqualTo(LocalDate.of(2026, 3, 4));
		assertThat(ok.visit().payload("province", 7)).containsEntry("visit_key", "ZF000012")
			.containsEntry("visit_date", "2026-03-04")
			.containsEntry("run_id", 7L)
			.containsKeys("source_id", "id_card", "visit_type", "visitor", "visiting_unit", "notes");
		r.put("zfrq", "");
		assertThat(this.mapper.visit(r).reject().reason()).isEqualTo(RejectReason.MISSING_REQUIRED);
		r.put("zfrq", "2026年3月4日");
		assertThat(this.mapper.visit(r).visit().visitDate()).isEqualTo(LocalDate.of(2026, 3, 4));
		r.put("zfid", null);
		assertThat(this.mapper.visit(r).reject().reason()).isEqualTo(RejectReason.MISSING_REQUIRED);
	}

	@Test
	void keysAVisitWithoutZfidByItsGxsj() {
		Map<String, String> r = new HashMap<>();
		ProvinceSamples.visit(12, 3, LocalDateTime.of(2026, 3, 5, 10, 0))
			.forEach((k, v) -> r.put(k, (v != null) ? v.toString() : null));
		r.put("zfid", " ");
		VisitResult result = this.mapper.visit(r);
		assertThat(result.visit()).isNull();
		assertThat(result.reject().reason()).isEqualTo(RejectReason.MISSING_REQUIRED);
		assertThat(result.reject().recordKey()).isEqualTo("gxsj=" + r.get("gxsj"));
		assertThat(result.reject().detail()).isEqualTo("走访编号（zfid）为空");
		assertThat(result.reject().rawValues()).containsEntry("sfzhm", ProvinceSamples.idCard(3));
	}

	@Test
	void refusesAVeteranWithoutIdAndKeysItByItsGxsj() {
		Map<String, String> r = veteran();
		r.put("id", null);
		VeteranResult result = this.mapper.veteran(r);
		assertThat(result.observation()).isNull();
		assertThat(result.reject().reason()).isEqualTo(RejectReason.MISSING_REQUIRED);
		assertThat(result.reject().recordKey()).isEqualTo("gxsj=2026-03-01 08:30:00");
		assertThat(result.reject().detail()).isEqualTo("记录编号（id）为空");
		r.put("id", "");
		r.put("gxsj", null);
		assertThat(this.mapper.veteran(r).reject().recordKey()).isEqualTo("gxsj=?");
	}

}
