package cn.jiangmen.vethub.cluster;

import java.time.Duration;
import java.util.List;

import cn.jiangmen.vethub.cluster.HubLeadership.InstanceStatus;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/instances} (every user): the hubs on the warehouse, alive or dead,
 * which leads the scheduled work, and the namespace and routes it leads. A hub is dead
 * when its last heartbeat is older than {@code instanceTimeout}.
 */
@RestController
class HubInstancesApiController {

	private final HubLeadership leadership;

	private final ClusterProperties cluster;

	HubInstancesApiController(HubLeadership leadership, ClusterProperties cluster) {
		this.leadership = leadership;
		this.cluster = cluster;
	}

	@GetMapping("/api/instances")
	Instances instances() {
		return new Instances(this.cluster.service().name().toLowerCase(java.util.Locale.ROOT),
				this.leadership.namespace(), this.cluster.instanceTimeout(), this.leadership.instances());
	}

	/**
	 * @param service the cluster service ({@code hub.cluster.service})
	 * @param namespace the cluster namespace of the scheduled work
	 * @param instanceTimeout a hub silent for longer is dead
	 * @param instances this hub first, then by start
	 */
	record Instances(String service, String namespace, Duration instanceTimeout, List<InstanceStatus> instances) {
	}

}
