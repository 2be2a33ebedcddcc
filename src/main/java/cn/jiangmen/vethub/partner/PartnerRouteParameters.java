package cn.jiangmen.vethub.partner;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.source.SourceRegistry;
import cn.jiangmen.vethub.system.HubFolders;
import org.apache.camel.spi.RouteTemplateParameterSource;

import org.springframework.stereotype.Component;

/**
 * One consuming route per partner source, made by Camel at start from the route template
 * {@code partner-file} (routes/partner-files.camel.yaml) with these parameters. The route
 * id is the source id, so pausing a source suspends its route; a disabled source's route
 * exists but does not start. Adding a partner therefore needs only its file in
 * {@code config/sources/}.
 */
@Component
class PartnerRouteParameters implements RouteTemplateParameterSource {

	static final String TEMPLATE = "partner-file";

	private final Map<String, Map<String, Object>> byRoute = new LinkedHashMap<>();

	PartnerRouteParameters(SourceRegistry registry, HubFolders folders, PartnerFilesProperties properties) {
		for (SourceDefinition source : registry.ofKind(SourceKind.PARTNER)) {
			Map<String, Object> p = new LinkedHashMap<>();
			p.put(TEMPLATE_ID, TEMPLATE);
			p.put("sourceId", source.id());
			p.put("inbox", folders.inbox(source).toString());
			// Windows copies keep names like EYE_202611.CSV: the pattern is matched
			// ignoring
			// case, as for county sources.
			p.put("include", "(?i)" + source.filePattern());
			p.put("autoStartup", Boolean.toString(source.enabled()));
			p.put("delay", Long.toString(properties.pollDelay().toMillis()));
			p.put("readLockCheckInterval", Long.toString(properties.readLockCheckInterval().toMillis()));
			p.put("readLockMinAge", Long.toString(properties.readLockMinAge().toMillis()));
			p.put("readLockTimeout", Long.toString(properties.readLockTimeout().toMillis()));
			this.byRoute.put(source.id(), Map.copyOf(p));
		}
	}

	@Override
	public Map<String, Object> parameters(String routeId) {
		return new LinkedHashMap<>(this.byRoute.get(routeId));
	}

	@Override
	public Set<String> routeIds() {
		return new LinkedHashSet<>(this.byRoute.keySet());
	}

}
