package cn.jiangmen.vethub.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expected intervals by kind and by source, and when a source is overdue.
 */
class SourceAlertPropertiesTest {

	static final SourceDefinition PROVINCE = new SourceDefinition("province", SourceKind.PROVINCE, "省平台", null, null,
			".*", true, null, null);

	static final SourceDefinition HESHAN = new SourceDefinition("heshan", SourceKind.COUNTY, "鹤山市", "440784",
			"inbox/county/heshan", ".*\\.(xlsx|csv|txt)", true, null, null);

	static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");

	@Test
	void byDefaultTheProvinceIsExpectedEvery26HoursAndACountyNever() {
		SourceAlertProperties defaults = new SourceAlertProperties(null, null);
		assertThat(defaults.expectedInterval(PROVINCE)).isEqualTo(Duration.ofHours(26));
		assertThat(defaults.expectedInterval(HESHAN)).isNull();
	}

	@Test
	void aSourceSettingWinsOverItsKindAndZeroMeansNone() {
		SourceAlertProperties set = new SourceAlertProperties(Map.of("county", Duration.ofDays(35)),
				Map.of("heshan", Duration.ofDays(7), "province", Duration.ZERO));
		assertThat(set.expectedInterval(HESHAN)).isEqualTo(Duration.ofDays(7));
		assertThat(set.expectedInterval(PROVINCE)).as("zero: no expectation").isNull();
		assertThat(new SourceAlertProperties(Map.of("county", Duration.ofDays(35)), null).expectedInterval(HESHAN))
			.isEqualTo(Duration.ofDays(35));
		assertThat(new SourceAlertProperties(Map.of("county", Duration.ofDays(35)), null).expectedInterval(PROVINCE))
			.as("the other defaults stay")
			.isEqualTo(Duration.ofHours(26));
	}

	@Test
	void aSourceIsOverdueWhenItsLastSuccessIsOlderThanItsInterval() {
		Duration day = Duration.ofHours(26);
		Instant up = NOW.minus(Duration.ofDays(10));
		assertThat(SourceStatusService.overdue(day, at(NOW.minus(Duration.ofHours(27))), up, NOW)).isTrue();
		assertThat(SourceStatusService.overdue(day, at(NOW.minus(Duration.ofHours(25))), up, NOW)).isFalse();
		assertThat(SourceStatusService.overdue(null, at(NOW.minus(Duration.ofDays(300))), up, NOW)).isFalse();
	}

	@Test
	void aSourceNeverRunIsOverdueOnceTheHubHasBeenUpLongerThanItsInterval() {
		Duration day = Duration.ofHours(26);
		assertThat(SourceStatusService.overdue(day, null, NOW.minus(Duration.ofHours(2)), NOW)).isFalse();
		assertThat(SourceStatusService.overdue(day, null, NOW.minus(Duration.ofHours(30)), NOW)).isTrue();
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.ofHours(8));
	}

}
