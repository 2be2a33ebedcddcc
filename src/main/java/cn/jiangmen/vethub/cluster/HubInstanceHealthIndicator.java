package cn.jiangmen.vethub.cluster;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The {@code hub} part of {@code /actuator/health}: always up (the database and Camel
 * have their own parts); its details, for a logged-in user, say which hub answers and
 * whether it leads the scheduled work. Health stays per hub: a dead peer does not make
 * this one down.
 */
@Component("hub")
class HubInstanceHealthIndicator extends AbstractHealthIndicator {

	private final HubInstance instance;

	private final HubLeadership leadership;

	HubInstanceHealthIndicator(HubInstance instance, HubLeadership leadership) {
		this.instance = instance;
		this.leadership = leadership;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up()
			.withDetail("instance", this.instance.id().toString())
			.withDetail("host", this.instance.host())
			.withDetail("leader", this.leadership.isLeader())
			.withDetail("namespace", this.leadership.namespace());
	}

}
