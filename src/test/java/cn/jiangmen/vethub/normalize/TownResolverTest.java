package cn.jiangmen.vethub.normalize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Runs against the real town list that migration V2 seeds into {@code ref.town}. */
class TownResolverTest {

	private static final String PENGJIANG = "440703";

	private static final String XINHUI = "440705";

	private static final String TAISHAN = "440781";

	private static final String KAIPING = "440783";

	private static final String HESHAN = "440784";

	private static List<Town> towns;

	private static TownResolver resolver;

	@BeforeAll
	static void readSeedList() throws IOException {
		towns = new ArrayList<>();
		try (InputStream in = TownResolverTest.class.getResourceAsStream("/db/seed/jiangmen-towns.csv");
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			reader.readLine(); // county_code,county,town,kind
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (!line.isBlank()) {
					String[] f = line.split(",");
					towns.add(Town.of(f[2], f[0]));
				}
			}
		}
		resolver = new TownResolver(towns);
	}

	@Test
	void seedListHasTheCitys73Towns() {
		assertThat(towns).hasSize(73);
		assertThat(resolver.towns()).hasSize(73);
	}

	@Test
	void everyTownResolvesByItsFullAndShortNameInItsCounty() {
		for (Town town : towns) {
			assertThat(resolver.resolve(town.countyCode(), town.name())).as(town.name()).contains(town);
			assertThat(resolver.resolve(town.countyCode(), town.shortName())).as(town.shortName()).contains(town);
			assertThat(resolver.resolveAnywhere(town.name())).as(town.name()).contains(town);
		}
	}

	@Test
	void shortNameDropsTheSuffix() {
		assertThat(Town.of("沙坪街道", HESHAN).shortName()).isEqualTo("沙坪");
		assertThat(Town.of("杜阮镇", PENGJIANG).shortName()).isEqualTo("杜阮");
		assertThat(Town.shortNameOf("镇")).isEqualTo("镇");
	}

	@ParameterizedTest
	@ValueSource(strings = { "沙坪", "沙坪街道", "沙坪镇", "沙坪街", "沙坪镇（街）", "沙坪镇(街)", "沙坪（街道）", "沙坪街道办", "沙坪街道办事处", " 沙坪 ",
			"沙\u3000坪", "沙坪\u00A0街道", "沙坪镇 （街）", "沙坪镇街" })
	void heshansShaPingIsASubDistrictWhateverTheWrittenSuffix(String written) {
		Optional<Town> town = resolver.resolve(HESHAN, written);

		assertThat(town).map(Town::name).contains("沙坪街道");
		assertThat(town).map(Town::countyCode).contains(HESHAN);
	}

	@ParameterizedTest
	@CsvSource({ "440703, 杜阮, 杜阮镇", "440703, 杜阮街道, 杜阮镇", "440703, 杜阮镇（街）, 杜阮镇", "440704, 外海镇, 外海街道", "440705, 会城, 会城街道",
			"440705, 会城镇, 会城街道", "440781, 台城, 台城街道", "440781, 川岛, 川岛镇", "440783, 三埠, 三埠街道", "440783, 赤坎镇人民政府, 赤坎镇",
			"440785, 恩城镇, 恩城街道", "440784, 龙口镇, 龙口镇", "440785, 那吉, 那吉镇" })
	void resolvesWithinTheCounty(String county, String written, String expected) {
		assertThat(resolver.resolve(county, written)).map(Town::name).contains(expected);
	}

	@Test
	void baiShaIsADifferentTownInEachCounty() {
		assertThat(resolver.resolve(PENGJIANG, "白沙")).map(Town::name).contains("白沙街道");
		assertThat(resolver.resolve(PENGJIANG, "白沙镇")).map(Town::name).contains("白沙街道");
		assertThat(resolver.resolve(TAISHAN, "白沙")).map(Town::name).contains("白沙镇");
		assertThat(resolver.resolve(TAISHAN, "白沙街道")).map(Town::name).contains("白沙镇");
	}

	@Test
	void fullWidthParenthesesAndSpacesAreNormalized() {
		assertThat(resolver.resolve(KAIPING, "月山镇（街）")).map(Town::name).contains("月山镇");
		assertThat(resolver.resolve(KAIPING, "月山镇(街)")).map(Town::name).contains("月山镇");
		assertThat(resolver.resolve(KAIPING, "【月山】")).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "440784, 会城街道", "440784, 会城", "440705, 沙坪", "440705, 沙坪街道", "440703, 川岛镇", "440781, 江南", "440784, 沙坪村",
			"440784, 鹤山市沙坪街道", "440784, 坪", "440784, 街道", "440784, 镇" })
	void townsOfOtherCountiesOrUnknownNamesAreEmpty(String county, String written) {
		assertThat(resolver.resolve(county, written)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "沙坪", "沙坪镇(街)", "沙坪镇(街)街道办", "沙坪(街", "沙坪)", "(街)", "沙坪[镇]", "沙坪【街道】", "沙坪〔镇〕",
			"沙坪(街)\u0085", "沙坪(街)x", "沙坪(镇)(街)" })
	void stemsTryTheBracketPatternOnlyWhereItCanMatch(String key) {
		// the stems as found with the pattern tried at every step
		Pattern bracketedTail = Pattern.compile("[(\\[【〔][^()\\[\\]【】〔〕]*[)\\]】〕]$");
		String[] suffixes = { "街道办事处", "镇人民政府", "人民政府", "街道办", "办事处", "街道", "镇街", "镇", "街", "乡" };
		List<String> expected = new ArrayList<>(List.of(key));
		String s = key;
		while (true) {
			String next = bracketedTail.matcher(s).replaceFirst("");
			if (next.equals(s)) {
				for (String suffix : suffixes) {
					if (s.endsWith(suffix) && s.length() > suffix.length()) {
						next = s.substring(0, s.length() - suffix.length());
						break;
					}
				}
			}
			if (next.equals(s) || next.isEmpty()) {
				break;
			}
			expected.add(next);
			s = next;
		}

		assertThat(TownResolver.stems(key)).isEqualTo(expected);
	}

	@Test
	void blankOrNullIsEmpty() {
		assertThat(resolver.resolve(HESHAN, "")).isEmpty();
		assertThat(resolver.resolve(HESHAN, " \u3000")).isEmpty();
		assertThat(resolver.resolve(HESHAN, null)).isEmpty();
		assertThat(resolver.resolve(null, "沙坪")).isEmpty();
		assertThat(resolver.resolveAnywhere(null)).isEmpty();
		assertThat(resolver.resolveAnywhere("")).isEmpty();
	}

	@Test
	void anywhereResolvesUniqueNamesAcrossTheCity() {
		assertThat(resolver.resolveAnywhere("沙坪街道")).map(Town::countyCode).contains(HESHAN);
		assertThat(resolver.resolveAnywhere("会城")).map(Town::name).contains("会城街道");
		assertThat(resolver.resolveAnywhere("会城镇")).map(Town::name).contains("会城街道");
		assertThat(resolver.resolveAnywhere("白沙街道")).map(Town::countyCode).contains(PENGJIANG);
		assertThat(resolver.resolveAnywhere("白沙镇")).map(Town::countyCode).contains(TAISHAN);
		assertThat(resolver.resolveAnywhere(" 古井镇 ")).map(Town::countyCode).contains(XINHUI);
	}

	@Test
	void anywhereRefusesAnAmbiguousShortName() {
		// 白沙 is 白沙街道 in 蓬江 and 白沙镇 in 台山: never guess
		assertThat(resolver.resolveAnywhere("白沙")).isEmpty();
		assertThat(resolver.resolveAnywhere("白沙（街）")).isEmpty();
	}

	@Test
	void anywhereUnknownIsEmpty() {
		assertThat(resolver.resolveAnywhere("天河街道")).isEmpty();
	}

	@Test
	void aTownListedTwiceIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TownResolver(List.of(Town.of("沙坪街道", HESHAN), Town.of("沙坪街道", HESHAN))));
	}

	@Test
	void ambiguousShortNameWithinACountyResolvesToNothing() {
		TownResolver twoShaPings = new TownResolver(List.of(Town.of("沙坪街道", HESHAN), Town.of("沙坪镇", HESHAN)));

		assertThat(twoShaPings.resolve(HESHAN, "沙坪")).isEmpty();
		assertThat(twoShaPings.resolve(HESHAN, "沙坪镇")).map(Town::name).contains("沙坪镇");
		assertThat(twoShaPings.resolve(HESHAN, "沙坪街道")).map(Town::name).contains("沙坪街道");
	}

}
