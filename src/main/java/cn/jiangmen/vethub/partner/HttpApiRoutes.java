package cn.jiangmen.vethub.partner;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import cn.jiangmen.vethub.cluster.LeaderConfiguration;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.source.SourceRegistry;
import org.apache.camel.spi.RouteTemplateParameterSource;

import org.springframework.stereotype.Component;

/**
 * One scheduled route per http-api source, built by Camel at start from the
 * {@code http-api-sync} route template of {@code routes/http-api-sync.camel.yaml}: route
 * id = source id (so pausing a source suspends its route), the source's Quartz cron and
 * time zone, and the route policy that runs it on the leader hub only. A disabled
 * source's route exists but does not start. An http-api source is thus added by its
 * {@code config/sources/<id>.yml} file alone.
 */
@Component
class HttpApiRoutes implements RouteTemplateParameterSource {

	static final String TEMPLATE = "http-api-sync";

	private final Map<String, Map<String, Object>> routes = new LinkedHashMap<>();

	HttpApiRoutes(SourceRegistry sources) {
		for (SourceDefinition source : sources.ofKind(SourceKind.HTTP_API)) {
			Map<String, Object> p = new LinkedHashMap<>();
			p.put(TEMPLATE_ID, TEMPLATE);
			p.put("routeId", source.id());
			p.put("sourceId", source.id());
			p.put("cron", source.httpApi().schedule());
			p.put("timeZone", source.httpApi().timeZone());
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
