package cn.jiangmen.vethub.console;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import cn.jiangmen.vethub.cluster.HubInstance;
import cn.jiangmen.vethub.console.ConsoleQueries.RejectedRowView;
import cn.jiangmen.vethub.console.ConsoleQueries.RunFilter;
import cn.jiangmen.vethub.console.NextRunCalculator.NextRun;
import cn.jiangmen.vethub.ops.OpsQueries;
import cn.jiangmen.vethub.ops.RunStatus;
import cn.jiangmen.vethub.ops.OpsQueries.RunView;
import cn.jiangmen.vethub.ops.SourceStatusService;
import cn.jiangmen.vethub.ops.SourceStatusService.SourceView;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceRegistry;
import cn.jiangmen.vethub.system.HubFolders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's pages for IT staff: sources (with run-now and pause/resume for ADMIN),
 * runs (filters, chart, live progress) and a run's detail (reject counts, rejected rows,
 * feedback file). Rejected values are shown masked to everyone by default, each column by
 * the role its source's configuration gives it ({@link RunRejects}); an ADMIN may ask for
 * the full values of one run ({@code ?unmask=true}, needed to find the person in the
 * sender's records), which is logged as an access to personal data. Everything from a
 * data file is rendered as text ({@code th:text}), never as HTML.
 */
@Controller
class ConsoleController {

	private static final Logger log = LoggerFactory.getLogger(ConsoleController.class);

	static final List<String> RUN_STATUSES = Arrays.stream(RunStatus.values()).map(RunStatus::code).toList();

	private final SourceRegistry registry;

	private final SourceStatusService sources;

	private final OpsQueries ops;

	private final ConsoleQueries queries;

	private final SourceControl control;

	private final NextRunCalculator nextRuns;

	private final HubFolders folders;

	private final MessageSource messages;

	private final ConsoleProperties properties;

	private final JsonMapper json;

	private final RunRejects rejects;

	private final HubInstance instance;

	ConsoleController(SourceRegistry registry, SourceStatusService sources, OpsQueries ops, ConsoleQueries queries,
			SourceControl control, NextRunCalculator nextRuns, HubFolders folders, MessageSource messages,
			ConsoleProperties properties, JsonMapper json, RunRejects rejects, HubInstance instance) {
		this.instance = instance;
		this.registry = registry;
		this.sources = sources;
		this.ops = ops;
		this.queries = queries;
		this.control = control;
		this.nextRuns = nextRuns;
		this.folders = folders;
		this.messages = messages;
		this.properties = properties;
		this.json = json;
		this.rejects = rejects;
	}

	@GetMapping("/")
	String home() {
		return "redirect:/sources";
	}

	@GetMapping("/sources")
	String sources(Model model, Authentication user) {
		Instant now = Instant.now();
		boolean admin = ConsoleModelAdvice.isAdmin(user);
		List<SourceRow> rows = new ArrayList<>();
		for (SourceDefinition source : this.registry.all()) {
			SourceView view = this.sources.view(source);
			view = admin ? view : view.masked();
			rows.add(new SourceRow(view, shortLocation(view.location()),
					this.nextRuns.nextUnlessHeld(source, view.state(), now), this.control.isPullable(source),
					source.kind().isFileDrop()));
		}
		model.addAttribute("sources", rows);
		return "sources";
	}

	@PostMapping("/sources/{id}/run")
	String runNow(@PathVariable String id, Authentication user, RedirectAttributes redirect, Locale locale) {
		SourceControl.Started started = this.control.runNow(id, user.getName());
		flash(redirect, started.outcome(), id, started.message(), locale);
		return "redirect:/sources";
	}

	@PostMapping("/sources/{id}/pause")
	String pause(@PathVariable String id, Authentication user, RedirectAttributes redirect, Locale locale) {
		flash(redirect, this.control.pause(id, user.getName()), id, null, locale);
		return "redirect:/sources";
	}

	@PostMapping("/sources/{id}/resume")
	String resume(@PathVariable String id, Authentication user, RedirectAttributes redirect, Locale locale) {
		flash(redirect, this.control.resume(id, user.getName()), id, null, locale);
		return "redirect:/sources";
	}

	private void flash(RedirectAttributes redirect, SourceControl.Outcome outcome, String id, String detail,
			Locale locale) {
		String text = this.messages.getMessage("control." + outcome.key(), new Object[] { id }, locale);
		if (detail != null && !detail.isBlank()) {
			text = text + " (" + detail + ")";
		}
		redirect.addFlashAttribute("flash", text);
		redirect.addFlashAttribute("flashOk", outcome.ok());
	}

	@GetMapping("/runs")
	String runs(@RequestParam(required = false) String source, @RequestParam(required = false) String status,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "0") int size, Model model,
			Authentication user) {
		checkDay("from", from);
		checkDay("to", to);
		RunFilter filter = new RunFilter(source, status, from, to);
		RunsPage pages = RunsPage.of(page, size, this.properties.runsPageSize(), this.queries.count(filter));
		List<RunView> runs = this.queries.runs(filter, pages.offset(), pages.size());
		model.addAttribute("filter", filter);
		model.addAttribute("pages", pages);
		model.addAttribute("pagerBase", pagerBase(filter, (size != 0) ? pages.size() : null));
		model.addAttribute("runs",
				ConsoleModelAdvice.isAdmin(user) ? runs : runs.stream().map(RunView::masked).toList());
		model.addAttribute("anyRunning", runs.stream().anyMatch((r) -> RunStatus.RUNNING.code().equals(r.status())));
		Map<String, String> names = new LinkedHashMap<>();
		this.registry.all().forEach((s) -> names.put(s.id(), s.name()));
		model.addAttribute("sourceNames", names);
		model.addAttribute("statuses", RUN_STATUSES);
		model.addAttribute("instanceHosts", instanceHosts());
		model.addAttribute("now", Instant.now());
		model.addAttribute("chart", this.json.writeValueAsString(
				DailyChart.of(this.queries.window(filter), this.queries.daily(filter, this.queries.window(filter)))));
		return "runs";
	}

	/**
	 * The runs list with the same filter (and page size, if one was asked for), as a link
	 * the pager adds its page to; parameters without a value are left out.
	 */
	static String pagerBase(RunFilter filter, Integer size) {
		return UriComponentsBuilder.fromPath("/runs")
			.queryParamIfPresent("source", Optional.ofNullable(filter.source()))
			.queryParamIfPresent("status", Optional.ofNullable(filter.status()))
			.queryParamIfPresent("from", Optional.ofNullable(filter.from()))
			.queryParamIfPresent("to", Optional.ofNullable(filter.to()))
			.queryParamIfPresent("size", Optional.ofNullable(size))
			.build()
			.encode()
			.toUriString();
	}

	/**
	 * A day of the runs filter must be one the database and the chart can handle: a year
	 * between 1900 and 9999 (ISO dates allow years of up to nine digits).
	 */
	static void checkDay(String name, LocalDate day) {
		if (day != null && (day.getYear() < 1900 || day.getYear() > 9999)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					name + " must be a day between 1900-01-01 and 9999-12-31, not " + day);
		}
	}

	@GetMapping("/runs/{id}")
	String run(@PathVariable long id, @RequestParam(required = false) String reason,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "false") boolean unmask,
			Authentication user, Model model) {
		RunView run = this.ops.run(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		boolean admin = ConsoleModelAdvice.isAdmin(user);
		boolean showFull = unmask && admin;
		if (page < 0) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be 0 or more, not " + page);
		}
		int size = this.properties.rejectsPageSize();
		String reasonFilter = (reason == null || reason.isBlank()) ? null : reason;
		List<ConsoleQueries.ReasonCount> reasons = this.queries.reasonCounts(id);
		long rejectedTotal = reasons.stream().mapToLong(ConsoleQueries.ReasonCount::count).sum();
		long matching = (reasonFilter == null) ? rejectedTotal
				: reasons.stream()
					.filter((r) -> r.code().equals(reasonFilter))
					.mapToLong(ConsoleQueries.ReasonCount::count)
					.sum();
		// a page past the end (an old link, a hand-edited URL) shows the last page
		int safePage = (int) Math.min(page, Math.max(0, (matching - 1) / size));
		List<RejectedRowView> rows = this.rejects.rows(id, run.sourceId(), reasonFilter, (long) safePage * size,
				size + 1, showFull);
		boolean hasNext = rows.size() > size;
		if (hasNext) {
			rows = rows.subList(0, size);
		}
		if (showFull) {
			log.info("Personal data: {} viewed the unmasked rejected rows of run {} (page {})", user.getName(), id,
					safePage);
		}
		model.addAttribute("run", admin ? run : run.masked());
		model.addAttribute("reasons", reasons);
		model.addAttribute("rejectedTotal", rejectedTotal);
		model.addAttribute("rows", rows);
		model.addAttribute("tables", this.rejects.tables(run.sourceId(), rows));
		model.addAttribute("reason", reasonFilter);
		model.addAttribute("page", safePage);
		model.addAttribute("hasNext", hasNext);
		model.addAttribute("unmasked", showFull);
		model.addAttribute("links", new RunLinks(id, reasonFilter, safePage, showFull));
		model.addAttribute("feedbackAvailable", feedbackFile(run) != null);
		model.addAttribute("instanceHosts", instanceHosts());
		return "run";
	}

	/**
	 * The host (and web port) of every hub still in {@code ops.hub_instance}, by id: the
	 * runs' hub column names the hub by its short id, with this as its tooltip.
	 */
	private Map<String, String> instanceHosts() {
		Map<String, String> hosts = new LinkedHashMap<>();
		this.instance.instances()
			.forEach((i) -> hosts.put(i.id().toString(), i.host() + ((i.port() != null) ? ":" + i.port() : "")));
		return hosts;
	}

	@GetMapping("/runs/{id}/feedback")
	ResponseEntity<Resource> feedback(@PathVariable long id, Authentication user) {
		RunView run = this.ops.run(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		Path file = feedbackFile(run);
		if (file == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "This run has no feedback file");
		}
		log.info("Feedback file of run {} downloaded by {}", id, user.getName());
		String name = file.getFileName().toString();
		MediaType type = MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM);
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
			.body(new FileSystemResource(file));
	}

	/**
	 * The run's feedback file in its source's outbox, or null. The stored name is
	 * resolved only with {@link HubFolders#inside}, so a name with a path in it can never
	 * reach outside the outbox.
	 */
	private Path feedbackFile(RunView run) {
		if (run.feedbackFile() == null || run.feedbackFile().isBlank()) {
			return null;
		}
		try {
			Path file = HubFolders.inside(this.folders.outboxDir(run.sourceId()), run.feedbackFile());
			return (Files.isRegularFile(file) && Files.isReadable(file)) ? file : null;
		}
		catch (IllegalArgumentException ex) {
			log.warn("Run {} names a feedback file that is not a plain file name in its outbox; refused", run.id());
			return null;
		}
	}

	/**
	 * A folder below the data folder as IT staff know it ({@code inbox/county/heshan});
	 * URLs as they are.
	 */
	private String shortLocation(String location) {
		Path root = this.folders.root();
		try {
			Path path = Path.of(location);
			if (path.isAbsolute() && path.startsWith(root)) {
				return root.relativize(path).toString().replace('\\', '/');
			}
		}
		catch (java.nio.file.InvalidPathException ex) {
			// a URL: shown as it is
		}
		return location;
	}

	/**
	 * Rows of the sources page.
	 *
	 * @param location the inbox relative to the data folder, or the URL (the full path is
	 * the tooltip)
	 */
	public record SourceRow(SourceView source, String location, NextRun next, boolean pullable, boolean fileDrop) {
	}

}
