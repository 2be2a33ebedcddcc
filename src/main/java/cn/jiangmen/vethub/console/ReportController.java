package cn.jiangmen.vethub.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.jiangmen.vethub.console.ReportCatalog.Column;
import cn.jiangmen.vethub.console.ReportCatalog.Report;
import cn.jiangmen.vethub.console.ReportCatalog.ReportFilter;
import cn.jiangmen.vethub.console.ReportCatalog.ReportTable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The reports page (each report as a chart and a table) and each report's XLSX export.
 */
@Controller
class ReportController {

	static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	private final ReportCatalog catalog;

	private final JsonMapper json;

	private final ConsoleProperties properties;

	private final MessageSource messages;

	ReportController(ReportCatalog catalog, JsonMapper json, ConsoleProperties properties, MessageSource messages) {
		this.catalog = catalog;
		this.json = json;
		this.properties = properties;
		this.messages = messages;
	}

	@GetMapping("/reports")
	String reports(@RequestParam(required = false) String county, @RequestParam(required = false) String period,
			@RequestParam(required = false) String year, @RequestParam(required = false) String month,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model,
			Locale locale) {
		ReportFilter filter = filter(county, period, year, month, from, to, locale);
		List<ReportSection> sections = new ArrayList<>();
		for (Report report : ReportCatalog.REPORTS) {
			ReportTable table = this.catalog.run(report, filter, locale);
			String newest = this.catalog.newestData(report)
				.map((t) -> t.atZoneSameInstant(this.properties.timeZone())
					.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
				.orElse(null);
			sections
				.add(new ReportSection(table, this.json.writeValueAsString(this.catalog.chart(table, locale)), newest));
		}
		model.addAttribute("sections", sections);
		model.addAttribute("filter", filter);
		model.addAttribute("period", filter.period());
		model.addAttribute("periodKind", filter.period().kind().name().toLowerCase(Locale.ROOT));
		model.addAttribute("counties", this.catalog.counties());
		model.addAttribute("summary", message("reports.period.summary", locale, periodText(filter.period(), locale),
				countyText(filter, locale)));
		model.addAttribute("query", query(filter));
		return "reports";
	}

	@GetMapping("/reports/{key}.xlsx")
	ResponseEntity<byte[]> xlsx(@PathVariable String key, @RequestParam(required = false) String county,
			@RequestParam(required = false) String period, @RequestParam(required = false) String year,
			@RequestParam(required = false) String month, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, Locale locale) throws IOException {
		Report report = this.catalog.find(key).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		ReportFilter filter = filter(county, period, year, month, from, to, locale);
		ReportTable table = this.catalog.run(report, filter, locale);
		List<String> kinds = report.columns().stream().map(Column::kind).toList();
		LocalDateTime now = LocalDateTime.now(this.properties.timeZone()).withNano(0);
		String about = message("reports.xlsx.about", locale, filterText(report, filter, locale),
				now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")), unitText(kinds, locale));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		String title = (!report.filtered() || filter.period().kind() == ReportPeriod.Kind.ALL) ? table.title()
				: message("reports.xlsx.title", locale, table.title(), periodText(filter.period(), locale));
		XlsxReportWriter.write(title, about, table.headers(), kinds, table.rows(), out);
		String name = fileName(message("reports.xlsx.file", locale), table.title(), now.toLocalDate());
		return ResponseEntity.ok()
			.contentType(XLSX)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
			.body(out.toByteArray());
	}

	/**
	 * The export's file name: {@code 退役军人统计-<title>-<date>.xlsx}, with the characters a
	 * file system refuses ({@code \ / : * ? " < > |}) replaced by {@code _}; sent as RFC
	 * 5987 {@code filename*} (UTF-8) so the Chinese survives.
	 */
	static String fileName(String prefix, String title, LocalDate date) {
		String clean = title.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip();
		return prefix + "-" + clean + "-" + date + ".xlsx";
	}

	private String filterText(Report report, ReportFilter filter, Locale locale) {
		if (!report.filtered()) {
			return message("reports.xlsx.unfiltered", locale);
		}
		return message("reports.xlsx.filter", locale, countyText(filter, locale), periodText(filter.period(), locale));
	}

	private String countyText(ReportFilter filter, Locale locale) {
		return (filter.county() == null) ? message("reports.filter.all", locale)
				: this.catalog.counties().get(filter.county());
	}

	/** The period in words: 2026年11月, 2026-11-01 至 2026-12-31, 全部时间. */
	private String periodText(ReportPeriod period, Locale locale) {
		return message(period.labelCode(), locale, period.labelArgs().toArray());
	}

	/**
	 * The address parameters of the filters, {@code ?county=…&month=…} (empty when none):
	 * appended to the export links so that an export has the page's filters.
	 */
	static String query(ReportFilter filter) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (filter.county() != null) {
			parameters.put("county", filter.county());
		}
		parameters.putAll(filter.period().parameters());
		if (parameters.isEmpty()) {
			return "";
		}
		StringBuilder out = new StringBuilder();
		parameters.forEach((name, value) -> out.append(out.isEmpty() ? '?' : '&')
			.append(name)
			.append('=')
			.append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
		return out.toString();
	}

	private String unitText(List<String> kinds, Locale locale) {
		return String.join(message("reports.xlsx.unit-separator", locale),
				new LinkedHashSet<>(kinds).stream()
					.filter((k) -> !"text".equals(k))
					.map((k) -> message("reports.unit." + k, locale))
					.toList());
	}

	private String message(String code, Locale locale, Object... args) {
		return this.messages.getMessage(code, args, code, locale);
	}

	/**
	 * The county and period filters as given; a county that is not a code of
	 * {@code ref.county} or a period that cannot be used (2026-13, a range ending before
	 * it starts) is a 400 saying so in the user's language, never a silently empty
	 * report.
	 */
	private ReportFilter filter(String county, String period, String year, String month, String from, String to,
			Locale locale) {
		String c = (county == null || county.isBlank()) ? null : county.strip();
		if (c != null && !this.catalog.counties().containsKey(c)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, message("reports.county.error", locale, c));
		}
		try {
			return new ReportFilter(c, ReportPeriod.parse(period, year, month, from, to));
		}
		catch (ReportPeriod.BadPeriod ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, message(ex.code(), locale, ex.value()));
		}
	}

	/**
	 * A report on the page: its table and its chart data (JSON, read by console.js from a
	 * data attribute), and when its newest data was loaded (bureau time, or null: none
	 * recorded).
	 */
	public record ReportSection(ReportTable table, String chartJson, String newest) {
	}

}
