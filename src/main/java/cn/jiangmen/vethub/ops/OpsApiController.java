package cn.jiangmen.vethub.ops;

import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.ops.OpsQueries.RunView;
import cn.jiangmen.vethub.ops.SourceStatusService.SourceView;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceRegistry;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The JSON API for scripts and the console: sources, runs, status, and starting a pull
 * source.
 */
@RestController
@RequestMapping("/api")
class OpsApiController {

	private final SourceRegistry registry;

	private final SourceStatusService sources;

	private final OpsQueries queries;

	private final List<PullSource> pullSources;

	private final RunLedger ledger;

	OpsApiController(SourceRegistry registry, SourceStatusService sources, OpsQueries queries,
			List<PullSource> pullSources, RunLedger ledger) {
		this.registry = registry;
		this.ledger = ledger;
		this.sources = sources;
		this.queries = queries;
		this.pullSources = pullSources;
	}

	@GetMapping("/sources")
	List<SourceView> sources(Authentication user) {
		List<SourceView> all = this.sources.all();
		return isAdmin(user) ? all : all.stream().map(SourceView::masked).toList();
	}

	@GetMapping("/runs")
	List<RunView> runs(@RequestParam(required = false) String source, @RequestParam(required = false) String status,
			@RequestParam(defaultValue = "100") int limit, Authentication user) {
		return masked(this.queries.runs(source, status, Math.max(1, Math.min(limit, 1000))), user);
	}

	@GetMapping("/runs/{id}")
	RunDetail run(@PathVariable long id, Authentication user) {
		RunView run = this.queries.run(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No run " + id));
		return new RunDetail(isAdmin(user) ? run : run.masked(), this.queries.rejectCounts(id));
	}

	@GetMapping("/status")
	Status status(Authentication user) {
		List<SourceView> all = this.sources.all();
		long waiting = all.stream().mapToLong(SourceView::filesWaiting).sum();
		List<RunView> running = masked(this.queries.running(this.ledger.openRuns()), user);
		return new Status(waiting == 0 && running.isEmpty(), waiting, running.size(), running,
				all.stream()
					.filter((s) -> s.filesWaiting() > 0)
					.collect(java.util.stream.Collectors.toMap(SourceView::id, SourceView::filesWaiting)));
	}

	@PostMapping("/sources/{id}/sync")
	ResponseEntity<PullSource.SyncStart> sync(@PathVariable String id,
			@RequestParam(defaultValue = "false") boolean full) {
		SourceDefinition source = this.registry.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No source " + id));
		PullSource puller = PullSource.of(this.pullSources, source)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.CONFLICT,
					"Source " + id + " is not a pull source: its files are taken from its inbox"));
		PullSource.SyncStart start = puller.start(source, RunTrigger.MANUAL, full);
		return ResponseEntity.status(start.started() ? HttpStatus.ACCEPTED : HttpStatus.CONFLICT).body(start);
	}

	/**
	 * Runs as the caller may see them: a VIEWER gets personal data in file names and
	 * error messages masked.
	 */
	private static List<RunView> masked(List<RunView> runs, Authentication user) {
		return isAdmin(user) ? runs : runs.stream().map(RunView::masked).toList();
	}

	private static boolean isAdmin(Authentication user) {
		return user != null && user.getAuthorities().stream().anyMatch((a) -> "ROLE_ADMIN".equals(a.getAuthority()));
	}

	record RunDetail(RunView run, Map<String, Long> rejectsByReason) {
	}

	/**
	 * @param idle no file waiting and no run going: a script may poll this to know the
	 * hub is done
	 * @param running the runs this hub is running now (a run of another hub on the same
	 * database, or one whose end waits for the database to be written, is not among them)
	 */
	record Status(boolean idle, long filesWaiting, int runsInProgress, List<RunView> running,
			Map<String, Long> filesWaitingBySource) {
	}

}
