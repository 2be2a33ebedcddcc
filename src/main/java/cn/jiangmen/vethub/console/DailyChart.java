package cn.jiangmen.vethub.console;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.console.ConsoleQueries.ChartWindow;
import cn.jiangmen.vethub.console.ConsoleQueries.DailyCounts;

/**
 * The data of the runs chart, as {@code console.js} draws it: every day of the window on
 * the x axis (days without runs as zero, so that a gap in the deliveries shows as a gap),
 * and two series, rows loaded and rows refused per day.
 */
final class DailyChart {

	private DailyChart() {
	}

	static Map<String, Object> of(ChartWindow window, List<DailyCounts> counts) {
		Map<LocalDate, DailyCounts> byDay = new HashMap<>();
		counts.forEach((c) -> byDay.put(c.day(), c));
		List<String> days = new ArrayList<>();
		List<Long> loaded = new ArrayList<>();
		List<Long> rejected = new ArrayList<>();
		for (LocalDate day = window.from(); !day.isAfter(window.to()); day = day.plusDays(1)) {
			DailyCounts c = byDay.get(day);
			days.add(day.toString());
			loaded.add((c != null) ? c.loaded() : 0);
			rejected.add((c != null) ? c.rejected() : 0);
		}
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("type", "daily");
		chart.put("x", days);
		chart.put("series", List.of(series("loaded", loaded), series("rejected", rejected)));
		return chart;
	}

	/**
	 * One series, its keys in a fixed order (the page's JSON is the same on every JVM).
	 */
	private static Map<String, Object> series(String kind, List<Long> data) {
		Map<String, Object> series = new LinkedHashMap<>();
		series.put("kind", kind);
		series.put("data", data);
		return series;
	}

}
