package cn.jiangmen.vethub.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import cn.jiangmen.vethub.console.ReportCatalog.Column;
import cn.jiangmen.vethub.console.ReportCatalog.Report;
import cn.jiangmen.vethub.console.ReportCatalog.ReportFilter;
import cn.jiangmen.vethub.console.ReportCatalog.ReportTable;
import tools.jackson.databind.json.JsonMapper;

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

	ReportController(ReportCatalog catalog, JsonMapper json, ConsoleProperties properties) {
		this.catalog = catalog;
		this.json = json;
		this.properties = properties;
	}

	@GetMapping("/reports")
	String reports(@RequestParam(required = false) String county, @RequestParam(required = false) String year,
			Model model, Locale locale) {
		ReportFilter filter = filter(county, year);
		List<ReportSection> sections = new ArrayList<>();
		for (Report report : ReportCatalog.REPORTS) {
			ReportTable table = this.catalog.run(report, filter, locale);
			sections.add(new ReportSection(table, this.json.writeValueAsString(this.catalog.chart(table, locale))));
		}
		model.addAttribute("sections", sections);
		model.addAttribute("filter", filter);
		model.addAttribute("counties", this.catalog.counties());
		return "reports";
	}

	@GetMapping("/reports/{key}.xlsx")
	ResponseEntity<byte[]> xlsx(@PathVariable String key, @RequestParam(required = false) String county,
			@RequestParam(required = false) String year, Locale locale) throws IOException {
		Report report = this.catalog.find(key).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		ReportTable table = this.catalog.run(report, filter(county, year), locale);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		XlsxReportWriter.write(table.title(), table.headers(), report.columns().stream().map(Column::kind).toList(),
				table.rows(), out);
		String name = "vethub-" + key + "-" + LocalDate.now(this.properties.timeZone()) + ".xlsx";
		return ResponseEntity.ok()
			.contentType(XLSX)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
			.body(out.toByteArray());
	}

	/**
	 * The county and year filters as given; a county that is not a code of
	 * {@code ref.county} or a year that is not a plausible year is a 400, never a
	 * silently empty report.
	 */
	private ReportFilter filter(String county, String year) {
		String c = (county == null || county.isBlank()) ? null : county.strip();
		if (c != null && !this.catalog.counties().containsKey(c)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "county: not a county code");
		}
		Integer y = null;
		if (year != null && !year.isBlank()) {
			if (!year.strip().matches("[0-9]{4}")) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "year: not a year");
			}
			y = Integer.valueOf(year.strip());
		}
		return new ReportFilter(c, y);
	}

	/**
	 * A report on the page: its table and its chart data (JSON, read by console.js from a
	 * data attribute).
	 */
	public record ReportSection(ReportTable table, String chartJson) {
	}

}
