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
	String reports(Model model, Locale locale) {
		List<ReportSection> sections = new ArrayList<>();
		for (Report report : ReportCatalog.REPORTS) {
			ReportTable table = this.catalog.run(report, locale);
			sections.add(new ReportSection(table, this.json.writeValueAsString(this.catalog.chart(table, locale))));
		}
		model.addAttribute("sections", sections);
		return "reports";
	}

	@GetMapping("/reports/{key}.xlsx")
	ResponseEntity<byte[]> xlsx(@PathVariable String key, Locale locale) throws IOException {
		Report report = this.catalog.find(key).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		ReportTable table = this.catalog.run(report, locale);
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
	 * A report on the page: its table and its chart data (JSON, read by console.js from a
	 * data attribute).
	 */
	public record ReportSection(ReportTable table, String chartJson) {
	}

}
