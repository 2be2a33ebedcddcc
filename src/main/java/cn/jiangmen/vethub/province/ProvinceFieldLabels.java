package cn.jiangmen.vethub.province;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.jiangmen.vethub.normalize.ValueSynonyms;
import cn.jiangmen.vethub.ops.FieldLabels;
import cn.jiangmen.vethub.ops.FieldLabels.Kind;
import cn.jiangmen.vethub.ops.RawValueLabels;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.warehouse.ReferenceData;

import org.springframework.stereotype.Component;

/**
 * The provincial API's field codes with their Chinese labels (the interface document's
 * names, docs/province-sync.md), and the meaning of its coded values: {@code rylb} by the
 * person categories, {@code zzmm} by the political statuses, {@code xbdm} by GB/T 2261.1,
 * {@code hjszx} by the counties of {@code ref.county}, {@code scbz} 0/1. A rejected
 * record is a visit when it holds {@code zfid}, otherwise a veteran.
 */
@Component
class ProvinceFieldLabels implements RawValueLabels.Declarations {

	static final Map<String, String> LABELS = Map.ofEntries(Map.entry("id", "记录编号"), Map.entry("xm", "姓名"),
			Map.entry("xbdm", "性别"), Map.entry("sfzhm", "身份证号码"), Map.entry("csrq", "出生日期"), Map.entry("rwsj", "入伍时间"),
			Map.entry("twsj", "退伍时间"), Map.entry("rylb", "人员类别"), Map.entry("zzmm", "政治面貌"), Map.entry("lxdh", "联系电话"),
			Map.entry("hjszx", "户籍所在县（市、区）"), Map.entry("hjszz", "户籍所在镇（街）"), Map.entry("gxsj", "更新时间"),
			Map.entry("cjsj", "创建时间"), Map.entry("scbz", "删除标志"), Map.entry("zfid", "走访编号"), Map.entry("zfrq", "走访日期"),
			Map.entry("zflx", "走访类型"), Map.entry("zfry", "走访人员"), Map.entry("zfdw", "走访单位"), Map.entry("zfnr", "走访内容"));

	static final List<Kind> KINDS = List.of(new Kind("visit", "走访记录", "zfid"), new Kind("veteran", "退役军人记录", null));

	private final ReferenceData reference;

	private volatile FieldLabels labels;

	ProvinceFieldLabels(ReferenceData reference) {
		this.reference = reference;
	}

	@Override
	public Optional<FieldLabels> of(SourceDefinition source) {
		if (source.kind() != SourceKind.PROVINCE) {
			return Optional.empty();
		}
		FieldLabels l = this.labels;
		if (l == null) {
			l = labels(this.reference.countyNames());
			this.labels = l;
		}
		return Optional.of(l);
	}

	/** The labels, with the counties by code (pure, for tests). */
	static FieldLabels labels(Map<String, String> countyNames) {
		Map<String, Map<String, String>> codes = new LinkedHashMap<>();
		codes.put("rylb", codesOf(ValueSynonyms.personCategories()));
		codes.put("zzmm", codesOf(ValueSynonyms.politicalStatuses()));
		codes.put("xbdm", Map.of("0", "未知", "1", "男", "2", "女", "9", "未说明"));
		codes.put("scbz", Map.of("0", "正常", "1", "已删除"));
		codes.put("hjszx", countyNames);
		return new FieldLabels(LABELS, codes, KINDS);
	}

	/** The numeric codes among a list's synonyms, each to its canonical name. */
	private static Map<String, String> codesOf(ValueSynonyms synonyms) {
		Map<String, String> codes = new LinkedHashMap<>();
		synonyms.asMap()
			.forEach((canonical, alternatives) -> alternatives.stream()
				.filter((a) -> a.chars().allMatch((c) -> c >= '0' && c <= '9'))
				.forEach((code) -> codes.put(code, canonical)));
		return codes;
	}

}
