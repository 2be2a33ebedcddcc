package cn.jiangmen.vethub.province;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import cn.jiangmen.vethub.normalize.Town;
import cn.jiangmen.vethub.normalize.TownResolver;
import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.province.ProvinceRecordMapper.VeteranResult;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The synthetic sample of the provincial API shipped for the demo
 * ({@code samples/province/}) holds what its README promises: 30 veterans across the 7
 * counties with exactly the documented bad records, visits in the API's order. Guards the
 * demo against an edit that silently breaks it.
 */
class ProvinceDemoSamplesTest {

	private static final Path SAMPLES = Path.of("samples/province");

	private static List<Map<String, String>> read(String file) throws IOException {
		List<Map<String, Object>> raw = JsonMapper.builder()
			.build()
			.readValue(Files.readAllBytes(SAMPLES.resolve(file)), new TypeReference<List<Map<String, Object>>>() {
			});
		return raw.stream().map((r) -> {
			Map<String, String> m = new HashMap<>();
			r.forEach((k, v) -> m.put(k, (v != null) ? v.toString() : null));
			return m;
		}).toList();
	}

	private static TownResolver jiangmenTowns() throws IOException {
		List<Town> towns = Files.readAllLines(Path.of("src/main/resources/db/seed/jiangmen-towns.csv"))
			.stream()
			.skip(1)
			.map((line) -> line.split(","))
			.map((f) -> Town.of(f[2], f[0]))
			.toList();
		return new TownResolver(towns);
	}

	@Test
	void veteransHoldExactlyTheDocumentedBadRecords() throws IOException {
		ProvinceRecordMapper mapper = new ProvinceRecordMapper("province", jiangmenTowns(),
				Set.of("440703", "440704", "440705", "440781", "440783", "440784", "440785"),
				ZoneId.of("Asia/Shanghai"));
		List<Map<String, String>> veterans = read("veterans.json");
		assertThat(veterans).hasSize(30);
		assertThat(veterans).extracting((r) -> r.get("hjszx"))
			.containsOnly("440703", "440704", "440705", "440781", "440783", "440784", "440785");
		List<VeteranResult> results = veterans.stream().map(mapper::veteran).toList();
		assertThat(results).filteredOn((r) -> r.reject() != null)
			.extracting((r) -> r.reject().reason())
			.containsExactlyInAnyOrder(RejectReason.BAD_CHECKSUM, RejectReason.ID_BIRTHDATE_MISMATCH);
		assertThat(results).filteredOn(VeteranResult::deleted).hasSize(1);
		assertThat(results).filteredOn(VeteranResult::unknownTown).hasSize(1);
		assertThat(results).filteredOn((r) -> r.observation() != null).hasSize(27);
		assertThat(veterans).filteredOn((r) -> r.get("sfzhm").endsWith("x")).hasSize(1);
		Map<String, Long> perSecond = veterans.stream()
			.collect(Collectors.groupingBy((r) -> r.get("gxsj"), Collectors.counting()));
		assertThat(perSecond).containsValue(2L);
	}

	@Test
	void visitsComeInTheApiOrderWithOneOfAnUnknownPersonAndOneImpossibleDate() throws IOException {
		List<Map<String, String>> visits = read("visits.json");
		Set<String> veterans = read("veterans.json").stream().map((r) -> r.get("sfzhm")).collect(Collectors.toSet());
		assertThat(visits).hasSize(22);
		assertThat(visits).extracting((r) -> r.get("gxsj") + "|" + r.get("zfid")).isSorted();
		assertThat(visits).filteredOn((r) -> !veterans.contains(r.get("sfzhm"))).hasSize(1);
		assertThat(visits).filteredOn((r) -> "2026-02-30".equals(r.get("zfrq"))).hasSize(1);
	}

}
