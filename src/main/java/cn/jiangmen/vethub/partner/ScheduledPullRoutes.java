package cn.jiangmen.vethub.partner;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import cn.jiangmen.vethub.cluster.LeaderConfiguration;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.source.SourceRegistry;
import org.apache.camel.spi.RouteTemplateParameterSource;

/**
 * One scheduled route per source of a pull kind, built by Camel at start from that kind's
 * route template in {@code routes/}: route id = source id (so pausing a source suspends
 * its route), the source's Quartz cron and time zone, and the route policy that runs it
 * on the leader hub only. A disabled source's route exists but does not start. A pull
 * source is thus added by its {@code config/sources/<id>.yml} file alone.
 */
abstract class ScheduledPullRoutes implements RouteTemplateParameterSource {

	private final Map<String, Map<String, Object>> routes = new LinkedHashMap<>();

	ScheduledPullRoutes(String template, SourceRegistry sources, SourceKind kind,
			Function<SourceDefinition, String> schedule, Function<SourceDefinition, String> timeZone) {
		for (SourceDefinition source : sources.ofKind(kind)) {
			Map<String, Object> p = new LinkedHashMap<>();
			p.put(TEMPLATE_ID, template);
			p.put("routeId", source.id());
			p.put("sourceId", source.id());
			p.put("cron", schedule.apply(source));
			p.put("timeZone", timeZone.apply(source));
			p.put("autoStartup", Boolean.toString(source.enabled()));
			p.put("routePolicy", LeaderConfiguration.policyFor(source.enabled()));
			this.routes.put(source.id(), Map.copyOf(p));
		}
	}

	@Override
	public Map<String, Object> parameters(String routeId) {
		return new LinkedHashMap<>(this.routes.get(routeId));
	}

	@Override
	public Set<String> routeIds() {
		return new LinkedHashSet<>(this.routes.keySet());
	}

}
