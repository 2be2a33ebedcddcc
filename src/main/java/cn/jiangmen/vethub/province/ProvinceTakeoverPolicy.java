package cn.jiangmen.vethub.province;

import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

import org.springframework.stereotype.Component;

/**
 * The route policy that resumes, on the hub where the route {@code province} starts, a
 * sync that a hub which died left half done ({@link ProvinceSync#takeOverInterrupted()}).
 * The route starts when this hub becomes the leader (Camel's clustered route policy,
 * {@code cluster.LeaderConfiguration}), so the new leader finishes the work of the one it
 * replaces without waiting for the next night. Named next to the clustered policy in
 * {@code routes/province-sync.camel.yaml}.
 */
@Component("provinceTakeoverPolicy")
class ProvinceTakeoverPolicy extends RoutePolicySupport {

	private final ProvinceSync sync;

	ProvinceTakeoverPolicy(ProvinceSync sync) {
		this.sync = sync;
	}

	@Override
	public void onStart(Route route) {
		this.sync.takeOverInterrupted();
	}

}
