package cn.jiangmen.vethub.cluster;

import java.util.List;
import java.util.Optional;

import cn.jiangmen.vethub.cluster.HubInstance.InstanceView;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Whether this hub leads the scheduled work, and which routes that is: for the console,
 * the API and the sources' states. A route is leader-only when it carries the clustered
 * route policy of {@link LeaderConfiguration}; on a hub that is not the leader such a
 * route is stopped, and its source is in {@code standby}: it runs on the leader, which
 * other hubs learn from {@code ops.hub_instance} ({@link HubInstance#leaderOf}).
 */
public class HubLeadership {

	private final ClusteredRoutePolicy policy;

	/** The policy of the scheduled routes: {@link #policy}, or one that does nothing. */
	private final RoutePolicy scheduled;

	private final HubInstance instance;

	private final CamelContext camel;

	/**
	 * @param policy the clustered policy, or null when every hub runs its own schedules
	 * ({@code hub.cluster.service=none})
	 */
	HubLeadership(ClusteredRoutePolicy policy, HubInstance instance, CamelContext camel) {
		this.policy = policy;
		this.scheduled = (policy != null) ? policy : new RoutePolicySupport() {
		};
		this.instance = instance;
		this.camel = camel;
	}

	/** The route policy of the scheduled work's routes. */
	RoutePolicy scheduledPolicy() {
		return this.scheduled;
	}

	/** The cluster namespace of the scheduled work. */
	public String namespace() {
		return LeaderConfiguration.NAMESPACE;
	}

	/**
	 * Whether a leader is elected among the hubs (not {@code hub.cluster.service=none}).
	 */
	public boolean clustered() {
		return this.policy != null;
	}

	/** Whether this hub runs the scheduled work now (always, when not clustered). */
	public boolean isLeader() {
		return this.policy == null || this.policy.isLeader();
	}

	/** Whether the route runs on the leader only. */
	public boolean isLeaderOnly(String routeId) {
		if (this.policy == null) {
			return false;
		}
		Route route = this.camel.getRoute(routeId);
		return route != null && route.getRoutePolicyList().contains(this.policy);
	}

	/** Whether the route is stopped because another hub leads. */
	public boolean standsBy(String routeId) {
		return isLeaderOnly(routeId) && !this.policy.isLeader();
	}

	/**
	 * The ids of the leader-only routes of this hub, sorted (with no election, the routes
	 * of the scheduled work, which every hub runs).
	 */
	public List<String> leaderOnlyRoutes() {
		return this.camel.getRoutes()
			.stream()
			.filter((r) -> r.getRoutePolicyList().stream().anyMatch((p) -> p == this.scheduled))
			.map(Route::getRouteId)
			.sorted()
			.toList();
	}

	/**
	 * Every hub on the warehouse, this one first: alive or dead, and what it leads. The
	 * leader-only routes are this hub's (every hub has the same sources).
	 */
	public List<InstanceStatus> instances() {
		List<String> routes = leaderOnlyRoutes();
		return this.instance.instances().stream().map((i) -> {
			boolean leads = i.alive() && i.leads().contains(namespace());
			return new InstanceStatus(i.id().toString(), i.shortId(), i.host(), i.pid(), i.port(), i.startedAt(),
					i.heartbeatAt(), i.alive(), leads, leads ? namespace() : null, leads ? routes : List.of(),
					i.thisHub());
		}).toList();
	}

	/**
	 * How long a hub may be silent before it counts as dead
	 * ({@code hub.cluster.instance-timeout}).
	 */
	public java.time.Duration instanceTimeout() {
		return this.instance.timeout();
	}

	/**
	 * A hub as the instances page and {@code GET /api/instances} show it.
	 *
	 * @param alive its last heartbeat is younger than
	 * {@code hub.cluster.instance-timeout}
	 * @param leader whether it leads the scheduled work now (with
	 * {@code hub.cluster.service=none}, every live hub runs its own)
	 * @param namespace the cluster namespace it leads, or null
	 * @param routes the leader-only routes it runs as leader (empty when not leader)
	 * @param thisHub whether it is the hub that answers
	 */
	public record InstanceStatus(String id, String shortId, String host, Long pid, Integer port,
			java.time.OffsetDateTime startedAt, java.time.OffsetDateTime heartbeatAt, boolean alive, boolean leader,
			String namespace, List<String> routes, boolean thisHub) {
	}

	/**
	 * The live hub leading the scheduled work, as the hubs' table has it (this hub's
	 * leadership is written at once, another's by its next heartbeat at the latest).
	 */
	public Optional<InstanceView> leader() {
		return this.instance.leaderOf(namespace());
	}

}
