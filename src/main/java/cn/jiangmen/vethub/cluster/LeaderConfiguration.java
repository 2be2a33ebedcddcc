package cn.jiangmen.vethub.cluster;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceRegistry;
import cn.jiangmen.vethub.system.HubProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.support.cluster.ClusterServiceHelper;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which hub runs the scheduled pulls (the province sync, every database source): the
 * leader elected by a Camel cluster service, in the namespace {@value #NAMESPACE}. The
 * scheduled routes name the route policy {@value #SCHEDULED} (Camel's
 * {@link ClusteredRoutePolicy}): it keeps them stopped on every hub but the leader, and
 * starts them on the hub that takes over when the leader stops or dies.
 * <p>
 * With {@code hub.cluster.service=file} (the default) the leader holds a lock file in
 * {@code <hub.data-dir>/cluster} ({@link FileLockClusterService}): the hubs share the
 * data folder for their inboxes anyway. With {@code none} the policy does nothing and
 * every hub runs its schedules (one hub; the province sync's advisory lock still stops
 * two of its runs from overlapping). A route of a disabled source gets no policy
 * ({@value #UNCLUSTERED}): the clustered policy would start it on the leader.
 */
@Configuration(proxyBeanMethods = false)
public class LeaderConfiguration {

	/** The route policy of the scheduled routes of enabled sources. */
	static final String SCHEDULED = "scheduledWorkPolicy";

	/** The route policy of routes that must not be started by a leader election. */
	static final String UNCLUSTERED = "unclusteredPolicy";

	/** The cluster namespace (the lock file's name) of the scheduled work. */
	static final String NAMESPACE = "vethub-scheduled";

	private static final Logger log = LoggerFactory.getLogger(LeaderConfiguration.class);

	@Bean(SCHEDULED)
	RoutePolicy scheduledWorkPolicy(HubLeadership leadership) {
		return leadership.scheduledPolicy();
	}

	@Bean
	HubLeadership hubLeadership(ClusterProperties cluster, HubProperties hub, CamelContext camel, HubInstance instance)
			throws Exception {
		if (cluster.service() == ClusterProperties.Service.NONE) {
			log.info("hub.cluster.service=none: this hub runs every schedule itself");
			instance.leading(NAMESPACE, true);
			return new HubLeadership(null, instance, camel);
		}
		CamelClusterService service = (cluster.service() == ClusterProperties.Service.CAMEL) ? configured(camel)
				: fileLock(cluster, hub, camel);
		// what this hub leads is written to ops.hub_instance, for the other hubs'
		// consoles
		CamelClusterView view = service.getView(NAMESPACE);
		view.addEventListener((CamelClusterEventListener.Leadership) (changed, leader) -> instance.leading(NAMESPACE,
				changed.getLocalMember().isLeader()));
		instance.watch(NAMESPACE, () -> view.getLocalMember().isLeader());
		return new HubLeadership(ClusteredRoutePolicy.forNamespace(service, NAMESPACE), instance, camel);
	}

	/**
	 * Camel's file lock service on the shared data folder: the default, needing nothing
	 * but the folder every hub shares.
	 */
	private static CamelClusterService fileLock(ClusterProperties cluster, HubProperties hub, CamelContext camel)
			throws Exception {
		FileLockClusterService service = new FileLockClusterService();
		service.setId("vethub-file-lock");
		service.setRoot(hub.dataDir().resolve("cluster").toAbsolutePath().normalize().toString());
		service.setAcquireLockDelay(cluster.acquireLockDelay().toMillis(), TimeUnit.MILLISECONDS);
		service.setAcquireLockInterval(cluster.acquireLockInterval().toMillis(), TimeUnit.MILLISECONDS);
		camel.addService(service, true, true);
		log.info("Scheduled pulls run on the leader among the hubs sharing {}", service.getRoot());
		return service;
	}

	/**
	 * The cluster service the installation configures itself ({@code hub.cluster.service:
	 * camel}): the one {@link CamelClusterService} of the Camel context or of the
	 * application's beans, e.g. a Kubernetes lease ({@code camel-kubernetes}'s
	 * {@code KubernetesClusterService}), ZooKeeper ({@code camel-zookeeper-master}) or
	 * Consul ({@code camel-consul}), whose module and settings the bureau adds where it
	 * runs one.
	 */
	static CamelClusterService configured(CamelContext camel) throws Exception {
		Optional<CamelClusterService> inContext = ClusterServiceHelper.lookupService(camel);
		if (inContext.isPresent()) {
			log.info("Scheduled pulls run on the leader elected by the cluster service {}", inContext.get().getId());
			return inContext.get();
		}
		Set<CamelClusterService> beans = camel.getRegistry().findByType(CamelClusterService.class);
		if (beans.size() != 1) {
			throw new IllegalStateException(
					"hub.cluster.service is camel, so the application must configure exactly one "
							+ "Camel cluster service (a Kubernetes lease, ZooKeeper or Consul cluster service of its Camel "
							+ "component), but it has " + beans.size()
							+ "; set hub.cluster.service to file to use a lock " + "file in the shared data folder");
		}
		CamelClusterService service = beans.iterator().next();
		camel.addService(service, true, true);
		log.info("Scheduled pulls run on the leader elected by the cluster service {}", service.getId());
		return service;
	}

	@Bean(UNCLUSTERED)
	RoutePolicy unclusteredPolicy() {
		return new RoutePolicySupport() {
		};
	}

	/**
	 * The policy of the province route: the clustered one, unless the province source is
	 * disabled.
	 */
	@Bean("provinceRoutePolicy")
	RoutePolicy provinceRoutePolicy(SourceRegistry sources, @Qualifier(SCHEDULED) RoutePolicy scheduled,
			@Qualifier(UNCLUSTERED) RoutePolicy unclustered) {
		// as the route's autoStartup, {{source.province.enabled:true}}
		boolean enabled = sources.find("province").map(SourceDefinition::enabled).orElse(true);
		return enabled ? scheduled : unclustered;
	}

	/** The name of the route policy for a scheduled route of a source. */
	public static String policyFor(boolean sourceEnabled) {
		return sourceEnabled ? SCHEDULED : UNCLUSTERED;
	}

}
