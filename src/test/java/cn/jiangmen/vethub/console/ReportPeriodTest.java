package cn.jiangmen.vethub.console;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.console.ReportPeriod.BadPeriod;
import cn.jiangmen.vethub.console.ReportPeriod.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportPeriodTest {

	@Test
	void aMonthRunsFromItsFirstToItsLastDayLeapYearsIncluded() {
		ReportPeriod february = ReportPeriod.parse("month", "2026", "2028-02", "", "");
		assertThat(february)
			.isEqualTo(new ReportPeriod(Kind.MONTH, LocalDate.of(2028, 2, 1), LocalDate.of(2028, 2, 29)));
		assertThat(february.month()).isEqualTo("2028-02");
		assertThat(february.year()).isNull();
		assertThat(february.parameters()).isEqualTo(Map.of("month", "2028-02"));
		assertThat(february.labelArgs()).isEqualTo(List.of("2028", "2"));
		assertThat(ReportPeriod.parse(null, null, "2026-2", null, null).to()).isEqualTo(LocalDate.of(2026, 2, 28));
	}

	@Test
	void theKindFollowsFromTheValueGivenWhenNotNamed() {
		assertThat(ReportPeriod.parse(null, " 2026 ", null, null, null)).isEqualTo(ReportPeriod.year(2026));
		assertThat(ReportPeriod.parse(null, "2026", null, null, null).year()).isEqualTo(2026);
		assertThat(ReportPeriod.parse(null, null, null, "2026-11-15", "2026-12-15"))
			.isEqualTo(new ReportPeriod(Kind.RANGE, LocalDate.of(2026, 11, 15), LocalDate.of(2026, 12, 15)));
		assertThat(ReportPeriod.parse("", "", "", "", "")).isEqualTo(ReportPeriod.ALL);
		assertThat(ReportPeriod.ALL.parameters()).isEmpty();
		// the form sends every input: the named kind decides, the others are ignored
		assertThat(ReportPeriod.parse("all", "2025", "2026-11", "2026-01-01", "")).isEqualTo(ReportPeriod.ALL);
		assertThat(ReportPeriod.parse("range", "2025", "2026-11", "2026-12-01", "2026-12-01").parameters())
			.isEqualTo(Map.of("from", "2026-12-01", "to", "2026-12-01"));
	}

	@Test
	void aValueThatCannotBeUsedIsRefusedWithWhatIsWrong() {
		assertBad(() -> ReportPeriod.parse("month", null, "2026-13", null, null), "reports.period.error.month",
				"2026-13");
		assertBad(() -> ReportPeriod.parse(null, null, "2026-00", null, null), "reports.period.error.month", "2026-00");
		assertBad(() -> ReportPeriod.parse(null, null, "11/2026", null, null), "reports.period.error.month", "11/2026");
		assertBad(() -> ReportPeriod.parse("range", null, null, "2026-12-31", "2026-11-01"),
				"reports.period.error.reversed", "2026-12-31 > 2026-11-01");
		assertBad(() -> ReportPeriod.parse(null, null, null, "2026-02-30", "2026-03-01"), "reports.period.error.day",
				"2026-02-30");
		assertBad(() -> ReportPeriod.parse(null, null, null, "2026-11-01", null), "reports.period.error.range-end", "");
		assertBad(() -> ReportPeriod.parse(null, "20x6", null, null, null), "reports.period.error.year", "20x6");
		assertBad(() -> ReportPeriod.parse("year", "1800", null, null, null), "reports.period.error.year", "1800");
		assertBad(() -> ReportPeriod.parse("year", null, "2026-11", null, null), "reports.period.error.year-missing",
				"");
		assertBad(() -> ReportPeriod.parse(null, "2026", "2026-11", null, null), "reports.period.error.several", "");
		assertBad(() -> ReportPeriod.parse("week", null, null, null, null), "reports.period.error.kind", "week");
	}

	private static void assertBad(Runnable parse, String code, String value) {
		assertThatThrownBy(parse::run).isInstanceOfSatisfying(BadPeriod.class, (ex) -> {
			assertThat(ex.code()).isEqualTo(code);
			assertThat(ex.value()).isEqualTo(value);
		});
	}

}
