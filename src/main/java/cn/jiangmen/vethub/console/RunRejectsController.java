package cn.jiangmen.vethub.console;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import cn.jiangmen.vethub.console.ConsoleQueries.RejectedRowView;
import cn.jiangmen.vethub.ops.OpsQueries;
import cn.jiangmen.vethub.ops.OpsQueries.RunView;
import cn.jiangmen.vethub.ops.PersonalDataMask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A run's rejected rows as an XLSX file ({@code /runs/{id}/rejects.xlsx}, optionally of
 * one reason), masked as the run page masks them: always for a VIEWER, for an ADMIN
 * unless {@code unmask=true}, which is logged like the page's unmask. At most
 * {@link #MAX_ROWS} rows; the feedback file holds every one. The workbook is written to
 * the response as it is made ({@link RejectsWorkbook}, POI's SXSSF with its rows in temp
 * files, removed when it is closed), never held whole in memory.
 */
@Controller
class RunRejectsController {

	private static final Logger log = LoggerFactory.getLogger(RunRejectsController.class);

	static final int MAX_ROWS = 100_000;

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final OpsQueries ops;

	private final RunRejects rejects;

	private final MessageSource messages;

	private final ConsoleProperties properties;

	RunRejectsController(OpsQueries ops, RunRejects rejects, MessageSource messages, ConsoleProperties properties) {
		this.ops = ops;
		this.rejects = rejects;
		this.messages = messages;
		this.properties = properties;
	}

	@GetMapping("/runs/{id}/rejects.xlsx")
	ResponseEntity<StreamingResponseBody> xlsx(@PathVariable long id, @RequestParam(required = false) String reason,
			@RequestParam(defaultValue = "false") boolean unmask, Authentication user, Locale locale) {
		RunView run = this.ops.run(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		boolean full = unmask && ConsoleModelAdvice.isAdmin(user);
		String reasonFilter = (reason == null || reason.isBlank()) ? null : reason;
		List<RejectedRowView> rows = this.rejects.rows(id, run.sourceId(), reasonFilter, 0, MAX_ROWS + 1, full);
		boolean capped = rows.size() > MAX_ROWS;
		if (capped) {
			rows = rows.subList(0, MAX_ROWS);
		}
		if (full) {
			log.info("Personal data: {} exported the unmasked rejected rows of run {} ({} rows)", user.getName(), id,
					rows.size());
		}
		String file = (run.fileName() != null) ? PersonalDataMask.text(run.fileName()) : run.sourceId();
		String title = msg("run.export-title", locale, String.valueOf(id), file);
		String note = msg("run.export-note", locale, ZonedDateTime.now(this.properties.timeZone()).format(SECONDS),
				msg(full ? "run.export-unmasked" : "run.export-masked", locale))
				+ (capped ? "; " + msg("run.export-capped", locale, MAX_ROWS) : "");
		RejectsWorkbook.Headings headings = new RejectsWorkbook.Headings(msg("run.export-file-col", locale),
				msg("run.export-sheet-col", locale), msg("run.where", locale), msg("run.export-key-col", locale),
				msg("run.reason", locale), msg("run.export-code", locale), msg("run.detail", locale));
		List<RejectTables.Table> tables = this.rejects.tables(run.sourceId(), rows);
		String fallbackSheet = msg("run.export-sheet", locale);
		return ResponseEntity.ok()
			.contentType(ReportController.XLSX)
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(msg("run.export-file", locale, String.valueOf(id)), StandardCharsets.UTF_8)
						.build()
						.toString())
			.body((out) -> RejectsWorkbook.write(title, note, headings, tables, locale, fallbackSheet, out));
	}

	private String msg(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

}
