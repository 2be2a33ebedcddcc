package cn.jiangmen.vethub.console;

import java.util.Locale;

import cn.jiangmen.vethub.cluster.ClusterProperties;
import cn.jiangmen.vethub.cluster.HubLeadership;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's page of the hubs on the warehouse ({@code /instances}, every user): each
 * hub's host, process, start, last heartbeat, alive or dead, and which leads the
 * scheduled work (namespace and routes). The same as {@code GET /api/instances}.
 */
@Controller
class InstancesPageController {

	private final HubLeadership leadership;

	private final ClusterProperties cluster;

	InstancesPageController(HubLeadership leadership, ClusterProperties cluster) {
		this.leadership = leadership;
		this.cluster = cluster;
	}

	@GetMapping("/instances")
	String instances(Model model) {
		model.addAttribute("instances", this.leadership.instances());
		model.addAttribute("service", this.cluster.service().name().toLowerCase(Locale.ROOT));
		model.addAttribute("namespace", this.leadership.namespace());
		model.addAttribute("timeoutSeconds", this.cluster.instanceTimeout().toSeconds());
		return "instances";
	}

}
