package cn.jiangmen.vethub.county;

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
 * The parameters of one consuming route per county source, built by Camel at start from
 * the {@code county-files} route template of {@code routes/county-files.camel.yaml}:
 * route id = source id, folder = the source's inbox, include = its file pattern; a
 * disabled source's route is created but not started. So a county is added by its
 * {@code config/sources/<id>.yml} file alone.
 */
@Component
class CountyRoutes implements RouteTemplateParameterSource {

	static final String TEMPLATE = "county-files";

	private final Map<String, Map<String, Object>> routes = new LinkedHashMap<>();

	CountyRoutes(SourceRegistry sources, HubFolders folders) {
		for (SourceDefinition source : sources.ofKind(SourceKind.COUNTY)) {
			Map<String, Object> parameters = new LinkedHashMap<>();
			parameters.put(TEMPLATE_ID, TEMPLATE);
			parameters.put("routeId", source.id());
			parameters.put("sourceId", source.id());
			parameters.put("folder", folders.inbox(source).toString());
			// Windows copies keep names like 花名册.XLSX: the pattern is matched ignoring
			// case.
			parameters.put("include", "(?i)" + source.filePattern());
			parameters.put("autoStartup", Boolean.toString(source.enabled()));
			this.routes.put(source.id(), Map.copyOf(parameters));
		}
	}

	@Override
	public Map<String, Object> parameters(String routeId) {
		return this.routes.get(routeId);
	}

	@Override
	public Set<String> routeIds() {
		return new LinkedHashSet<>(this.routes.keySet());
	}

}
