package cn.jiangmen.vethub.ingest;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceRegistry;
import cn.jiangmen.vethub.system.HubFolders;
import org.apache.camel.spi.RouteTemplateParameterSource;

import org.springframework.stereotype.Component;

/**
 * One consuming route per file-drop source (county offices and partners), built by Camel
 * at start from the {@code inbox-files} route template of
 * {@code routes/inbox-files.camel.yaml}: route id = source id (so pausing a source
 * suspends its route), folder = the source's inbox, include = its file pattern matched
 * ignoring case (Windows copies keep names like 花名册.XLSX), the processor bean of its
 * kind, the polling settings of {@code hub.inbox.*} (the read lock,
 * {@link InboxReadLock}, reads its own). A disabled source's route exists but does not
 * start. A source is thus added by its {@code config/sources/<id>.yml} file alone.
 */
@Component
class InboxRoutes implements RouteTemplateParameterSource {

	static final String TEMPLATE = "inbox-files";

	private final Map<String, Map<String, Object>> routes = new LinkedHashMap<>();

	InboxRoutes(SourceRegistry sources, HubFolders folders, InboxProperties inbox) {
		for (SourceDefinition source : sources.all()) {
			if (!source.kind().isFileDrop()) {
				continue;
			}
			Map<String, Object> p = new LinkedHashMap<>();
			p.put(TEMPLATE_ID, TEMPLATE);
			p.put("routeId", source.id());
			p.put("sourceId", source.id());
			p.put("folder", folders.inbox(source).toString());
			// (?s): a name with a line break in it is matched too, and answered
			p.put("include", "(?is)" + source.filePattern());
			p.put("processor", switch (source.kind()) {
				case COUNTY -> "countyFileProcessor";
				case PARTNER, SFTP -> "partnerFiles";
				case PROVINCE, DATABASE, HTTP_API -> throw new IllegalStateException("not a file-drop source");
			});
			p.put("autoStartup", Boolean.toString(source.enabled()));
			p.put("initialDelay", Long.toString(inbox.initialDelay().toMillis()));
			p.put("delay", Long.toString(inbox.pollDelay().toMillis()));
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
