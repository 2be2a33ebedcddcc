package cn.jiangmen.vethub.ops;

import java.util.List;
import java.util.Locale;

import cn.jiangmen.vethub.ops.OpsQueries.RunView;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceRegistry;
import cn.jiangmen.vethub.system.HubFolders;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;

import org.springframework.stereotype.Service;

/**
 * What each source is doing now. A source's Camel route has the source's id as its route
 * id, so pausing a source is suspending that route; a source whose last run failed is
 * {@code failing}.
 */
@Service
public class SourceStatusService {

	private final SourceRegistry registry;

	private final HubFolders folders;

	private final OpsQueries queries;

	private final CamelContext camel;

	SourceStatusService(SourceRegistry registry, HubFolders folders, OpsQueries queries, CamelContext camel) {
		this.registry = registry;
		this.folders = folders;
		this.queries = queries;
		this.camel = camel;
	}

	public List<SourceView> all() {
		return this.registry.all().stream().map(this::view).toList();
	}

	public SourceView view(SourceDefinition source) {
		RunView last = this.queries.lastRun(source.id()).orElse(null);
		String location = switch (source.kind()) {
			case PROVINCE -> String.valueOf(source.province().baseUrl());
			case DATABASE -> source.database().safeUrl();
			case HTTP_API -> source.httpApi().safeUrl();
			case SFTP -> source.sftp().location();
			case COUNTY, PARTNER -> this.folders.inbox(source).toString();
		};
		return new SourceView(source.id(), source.name(), source.kind().name().toLowerCase(Locale.ROOT), location,
				source.countyCode(), state(source, last), routeStatus(source), last, this.folders.filesWaiting(source),
				this.registry.misconfiguration(source.id()).orElse(null));
	}

	private String routeStatus(SourceDefinition source) {
		ServiceStatus status = this.camel.getRouteController().getRouteStatus(source.id());
		return (status != null) ? status.name().toLowerCase(Locale.ROOT) : "no_route";
	}

	private String state(SourceDefinition source, RunView last) {
		if (!source.enabled()) {
			return "disabled";
		}
		// a misconfigured source cannot run whatever its route does (on a hub that is not
		// the leader, a scheduled route is stopped)
		if (this.registry.misconfiguration(source.id()).isPresent()) {
			return "misconfigured";
		}
		ServiceStatus status = this.camel.getRouteController().getRouteStatus(source.id());
		if (status != null && (status.isSuspended() || status.isStopped())) {
			return "paused";
		}
		if (last != null && ("failed".equals(last.status()) || "unreadable".equals(last.status()))) {
			return "failing";
		}
		return "running";
	}

	/**
	 * @param state running, paused, failing, disabled or misconfigured (cannot run as
	 * configured: see {@code problem})
	 * @param route the Camel route's status (started, suspended, ...) or {@code no_route}
	 * @param problem why a misconfigured source cannot run (names the setting or the
	 * environment variable to set), or null
	 */
	public record SourceView(String id, String name, String kind, String location, String countyCode, String state,
			String route, RunView lastRun, long filesWaiting, String problem) {

		/** The source as a VIEWER sees it: its last run masked. */
		public SourceView masked() {
			return new SourceView(this.id, this.name, this.kind, this.location, this.countyCode, this.state, this.route,
					(this.lastRun != null) ? this.lastRun.masked() : null, this.filesWaiting, this.problem);
		}

	}

}
