package cn.jiangmen.vethub.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import cn.jiangmen.vethub.console.ConsoleQueries.RunFilter;
import cn.jiangmen.vethub.county.CountyHeaderNames;
import cn.jiangmen.vethub.ops.OpsQueries;
import cn.jiangmen.vethub.ops.OpsQueries.RunView;
import cn.jiangmen.vethub.ops.PersonalDataMask;
import cn.jiangmen.vethub.ops.RunStatus;
import cn.jiangmen.vethub.ops.SourceStatusService;
import cn.jiangmen.vethub.ops.SourceStatusService.SourceView;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceRegistry;
import cn.jiangmen.vethub.system.HubFolders;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One source's page ({@code /sources/{id}}): its settings as the hub read them, secrets
 * hidden ({@link SourceSettingsView}), its mapping (sender's column to warehouse field),
 * its state, schedule and next run (none while it is paused, disabled or misconfigured),
 * its last error, the files waiting in its inbox and those refused into {@code error/},
 * its own run history in pages, and the dry run (preview) where its kind has one. File
 * names and error messages are masked for a VIEWER.
 */
@Controller
class SourcePageController {

	/** Files listed per folder at most (the count says how many there are). */
	static final int MAX_FILES = 200;

	private final SourceRegistry registry;

	private final SourceStatusService status;

	private final ConsoleQueries queries;

	private final OpsQueries ops;

	private final NextRunCalculator nextRuns;

	private final HubFolders folders;

	private final ConsoleProperties properties;

	private final CountyHeaderNames countyHeaders;

	SourcePageController(SourceRegistry registry, SourceStatusService status, ConsoleQueries queries, OpsQueries ops,
			NextRunCalculator nextRuns, HubFolders folders, ConsoleProperties properties,
			CountyHeaderNames countyHeaders) {
		this.registry = registry;
		this.status = status;
		this.queries = queries;
		this.ops = ops;
		this.nextRuns = nextRuns;
		this.folders = folders;
		this.properties = properties;
		this.countyHeaders = countyHeaders;
	}

	@GetMapping("/sources/{id}")
	String source(@PathVariable String id, @RequestParam(defaultValue = "0") int page, Authentication user,
			Model model) {
		SourceDefinition source = this.registry.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No source " + id));
		boolean admin = ConsoleModelAdvice.isAdmin(user);
		SourceView view = this.status.view(source);
		RunFilter filter = new RunFilter(id, null, null, null);
		RunsPage pages = RunsPage.of(page, 0, this.properties.runsPageSize(), this.queries.count(filter));
		List<RunView> runs = this.queries.runs(filter, pages.offset(), pages.size());
		Optional<RunView> lastError = Stream
			.concat(this.ops.runs(id, RunStatus.FAILED.code(), 1).stream(),
					this.ops.runs(id, RunStatus.UNREADABLE.code(), 1).stream())
			.max(Comparator.comparingLong(RunView::id));
		model.addAttribute("source", admin ? view : view.masked());
		model.addAttribute("definition", source);
		model.addAttribute("settings", SourceSettingsView.settings(source));
		model.addAttribute("mapping", SourceSettingsView.mapping(source, this.countyHeaders.synonyms()));
		model.addAttribute("schedule", schedule(source));
		NextRunCalculator.NextRun next = this.nextRuns.nextUnlessHeld(source, view.state(), Instant.now());
		model.addAttribute("next", next);
		model.addAttribute("nextAt", (next.at() != null) ? next.at().atOffset(ZoneOffset.UTC) : null);
		model.addAttribute("runs", admin ? runs : runs.stream().map(RunView::masked).toList());
		model.addAttribute("pages", pages);
		model.addAttribute("pagerBase",
				UriComponentsBuilder.fromPath("/sources/{id}").buildAndExpand(id).encode().toUriString());
		model.addAttribute("lastError", admin ? lastError.orElse(null) : lastError.map(RunView::masked).orElse(null));
		model.addAttribute("now", Instant.now());
		if (source.inboxFolder() != null) {
			model.addAttribute("inbox", files(this.folders.inbox(source), admin));
		}
		model.addAttribute("refused", files(this.folders.errorDir(id), admin));
		return "source";
	}

	/** The schedule as configured: a cron and its time zone, or null (inbox polling). */
	private static String schedule(SourceDefinition source) {
		if (source.province() != null) {
			return source.province().schedule() + " (" + source.province().timeZone() + ")";
		}
		if (source.database() != null) {
			return source.database().schedule() + " (" + source.database().timeZone() + ")";
		}
		if (source.sftp() != null) {
			return "sftp poll-delay " + source.sftp().pollDelay();
		}
		return null;
	}

	/** The regular files of a folder, newest first; none when it does not exist. */
	static Folder files(Path folder, boolean admin) {
		if (!Files.isDirectory(folder)) {
			return new Folder(List.of(), 0);
		}
		try (Stream<Path> list = Files.list(folder)) {
			List<FileEntry> all = list.filter(Files::isRegularFile).map((p) -> entry(p, admin)).toList();
			List<FileEntry> newest = all.stream()
				.sorted(Comparator.comparing(FileEntry::modified, Comparator.nullsLast(Comparator.reverseOrder())))
				.limit(MAX_FILES)
				.toList();
			return new Folder(newest, all.size());
		}
		catch (IOException ex) {
			return new Folder(List.of(), 0);
		}
	}

	private static FileEntry entry(Path file, boolean admin) {
		String name = file.getFileName().toString();
		long size;
		OffsetDateTime modified;
		try {
			size = Files.size(file);
			modified = Files.getLastModifiedTime(file).toInstant().atOffset(ZoneOffset.UTC);
		}
		catch (IOException ex) {
			// gone meanwhile (taken by the route): listed without size
			size = -1;
			modified = null;
		}
		return new FileEntry(admin ? name : PersonalDataMask.text(name), size, modified);
	}

	record FileEntry(String name, long size, OffsetDateTime modified) {
	}

	/**
	 * @param total how many files the folder holds (more than listed past MAX_FILES)
	 */
	record Folder(List<FileEntry> files, long total) {
	}

}
