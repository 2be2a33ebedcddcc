package cn.jiangmen.vethub.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.jiangmen.vethub.cluster.HubLeadership;
import cn.jiangmen.vethub.ops.OpsQueries.RunView;
import cn.jiangmen.vethub.ops.SourcePauses.Pause;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceRegistry;
import cn.jiangmen.vethub.system.HubFolders;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * What each source is doing now. A source's Camel route has the source's id as its route
 * id; a paused source ({@link SourcePauses}, on every hub) has that route suspended, and
 * a scheduled source on a hub that is not the leader has it stopped ({@code standby}); a
 * source whose last run failed is {@code failing}; one whose last successful run is older
 * than its expected interval ({@link SourceAlertProperties}; never run: the hub has been
 * up longer) is {@code overdue}. Also how many refused files lie in its {@code error/}
 * folder.
 */
@Service
public class SourceStatusService {

	private final SourceRegistry registry;

	private final HubFolders folders;

	private final OpsQueries queries;

	private final CamelContext camel;

	private final SourceAlertProperties alerts;

	private final Clock clock;

	/**
	 * When this hub started: a source never run is overdue once the hub has been up
	 * longer than its interval.
	 */
	private final Instant upSince;

	private final SourcePauses pauses;

	private final HubLeadership leadership;

	SourceStatusService(SourceRegistry registry, HubFolders folders, OpsQueries queries, CamelContext camel,
			SourceAlertProperties alerts, ObjectProvider<Clock> clock, SourcePauses pauses, HubLeadership leadership) {
		this.pauses = pauses;
		this.leadership = leadership;
		this.registry = registry;
		this.folders = folders;
		this.queries = queries;
		this.camel = camel;
		this.alerts = alerts;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
		this.upSince = this.clock.instant();
	}

	public List<SourceView> all() {
		Map<String, Pause> paused = this.pauses.bySource();
		return this.registry.all().stream().map((s) -> view(s, paused)).toList();
	}

	public SourceView view(SourceDefinition source) {
		return view(source, this.pauses.bySource());
	}

	private SourceView view(SourceDefinition source, Map<String, Pause> paused) {
		Pause pause = paused.get(source.id());
		RunView last = this.queries.lastRun(source.id()).orElse(null);
		String state = state(source, last, pause);
		String location = switch (source.kind()) {
			case PROVINCE -> String.valueOf(source.province().baseUrl());
			case DATABASE -> source.database().safeUrl();
			case HTTP_API -> source.httpApi().safeUrl();
			case SFTP -> source.sftp().location();
			case COUNTY, PARTNER -> this.folders.inbox(source).toString();
		};
		Duration expected = this.alerts.expectedInterval(source);
		OffsetDateTime lastSuccess = (expected != null) ? this.queries.lastSuccess(source.id()).orElse(null) : null;
		if ("running".equals(state) && overdue(expected, lastSuccess, this.upSince, this.clock.instant())) {
			state = "overdue";
		}
		return new SourceView(source.id(), source.name(), source.kind().name().toLowerCase(Locale.ROOT), location,
				source.countyCode(), state, routeStatus(source), last, this.folders.filesWaiting(source),
				this.registry.misconfiguration(source.id()).orElse(null), this.folders.filesRefused(source.id()),
				expected, lastSuccess, pause, "standby".equals(state) ? this.pauses.leaderName() : null);
	}

	/**
	 * Whether a source has not succeeded within its expected interval: its last success
	 * is older, or it never succeeded and the hub has been up longer.
	 */
	static boolean overdue(Duration expected, OffsetDateTime lastSuccess, Instant upSince, Instant now) {
		if (expected == null) {
			return false;
		}
		Instant since = (lastSuccess != null) ? lastSuccess.toInstant() : upSince;
		return since.plus(expected).isBefore(now);
	}

	private String routeStatus(SourceDefinition source) {
		ServiceStatus status = this.camel.getRouteController().getRouteStatus(source.id());
		return (status != null) ? status.name().toLowerCase(Locale.ROOT) : "no_route";
	}

	private String state(SourceDefinition source, RunView last, Pause pause) {
		if (!source.enabled()) {
			return "disabled";
		}
		// a misconfigured source cannot run whatever its route does (on a hub that is not
		// the leader, a scheduled route is stopped)
		if (this.registry.misconfiguration(source.id()).isPresent()) {
			return "misconfigured";
		}
		// a pause holds on every hub, the leader's and the others'
		if (pause != null) {
			return "paused";
		}
		ServiceStatus status = this.camel.getRouteController().getRouteStatus(source.id());
		if (status != null && status.isStopped() && this.leadership.standsBy(source.id())) {
			return "standby";
		}
		if (status != null && (status.isSuspended() || status.isStopped())) {
			return "paused";
		}
		if (last != null && ("failed".equals(last.status()) || "unreadable".equals(last.status()))) {
			return "failing";
		}
		return "running";
	}

	/**
	 * @param state running, paused (on every hub: see {@code pause}), standby (a
	 * scheduled source on a hub that is not the leader: it runs on {@code leader}),
	 * failing, overdue (no success within its expected interval), disabled or
	 * misconfigured (cannot run as configured: see {@code problem})
	 * @param route the Camel route's status (started, suspended, ...) or {@code no_route}
	 * @param problem why a misconfigured source cannot run (names the setting or the
	 * environment variable to set), or null
	 * @param filesRefused files lying in its {@code error/} folder
	 * @param expectedInterval how often it is expected to succeed, null when not
	 * @param lastSuccess its last successful run's start (null when never, or when it has
	 * no expected interval)
	 * @param pause who paused the source and when, or null
	 * @param leader the hub the source runs on when it is in standby here, or null
	 */
	public record SourceView(String id, String name, String kind, String location, String countyCode, String state,
			String route, RunView lastRun, long filesWaiting, String problem, long filesRefused,
			Duration expectedInterval, OffsetDateTime lastSuccess, Pause pause, String leader) {

		/** The source as a VIEWER sees it: its last run masked. */
		public SourceView masked() {
			return new SourceView(this.id, this.name, this.kind, this.location, this.countyCode, this.state, this.route,
					(this.lastRun != null) ? this.lastRun.masked() : null, this.filesWaiting, this.problem,
					this.filesRefused, this.expectedInterval, this.lastSuccess, this.pause, this.leader);
		}

	}

}
