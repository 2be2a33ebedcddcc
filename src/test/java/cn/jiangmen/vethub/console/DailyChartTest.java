package cn.jiangmen.vethub.console;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.console.ConsoleQueries.ChartWindow;
import cn.jiangmen.vethub.console.ConsoleQueries.DailyCounts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DailyChartTest {

	@Test
	void everyDayOfTheWindowIsThereDaysWithoutRunsAsZero() {
		ChartWindow week = new ChartWindow(LocalDate.of(2026, 11, 27), LocalDate.of(2026, 12, 3));
		Map<String, Object> chart = DailyChart.of(week, List.of(new DailyCounts(LocalDate.of(2026, 11, 28), 117, 3),
				new DailyCounts(LocalDate.of(2026, 12, 2), 40, 12)));
		assertThat(chart.get("x")).isEqualTo(List.of("2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30",
				"2026-12-01", "2026-12-02", "2026-12-03"));
		assertThat(chart.get("series"))
			.isEqualTo(List.of(Map.of("kind", "loaded", "data", List.of(0L, 117L, 0L, 0L, 0L, 40L, 0L)),
					Map.of("kind", "rejected", "data", List.of(0L, 3L, 0L, 0L, 0L, 12L, 0L))));
	}

	@Test
	void aOneDayWindowWithoutRunsIsOneZeroDay() {
		LocalDate day = LocalDate.of(2026, 2, 28);
		Map<String, Object> chart = DailyChart.of(new ChartWindow(day, day), List.of());
		assertThat(chart.get("x")).isEqualTo(List.of("2026-02-28"));
		assertThat(chart.get("series")).isEqualTo(List.of(Map.of("kind", "loaded", "data", List.of(0L)),
				Map.of("kind", "rejected", "data", List.of(0L))));
	}

}
