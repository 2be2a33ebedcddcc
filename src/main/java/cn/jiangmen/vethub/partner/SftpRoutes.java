package cn.jiangmen.vethub.partner;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import cn.jiangmen.vethub.cluster.LeaderConfiguration;
import cn.jiangmen.vethub.ingest.InboxProperties;
import cn.jiangmen.vethub.source.SftpSettings;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.source.SourceRegistry;
import cn.jiangmen.vethub.system.HubFolders;
import org.apache.camel.spi.RouteTemplateParameterSource;

import org.springframework.stereotype.Component;

/**
 * Two routes per sftp source, built by Camel at start from the {@code sftp-fetch} and
 * {@code sftp-feedback} route templates of {@code routes/partner-sftp.camel.yaml}:
 * {@code <id>-sftp-fetch} downloads the partner's files into the source's inbox (where
 * its ordinary inbox route, id = source id, reads them) and {@code <id>-sftp-feedback}
 * puts its feedback files back on the server. Secrets are handed to the endpoints as they
 * are (any character allowed); Camel masks them wherever it prints an endpoint. A
 * disabled source's routes exist but do not start. An sftp source is thus added by its
 * {@code config/sources/<id>.yml} file alone.
 */
@Component
class SftpRoutes implements RouteTemplateParameterSource {

	static final String FETCH = "sftp-fetch";

	static final String FEEDBACK = "sftp-feedback";

	static final String FETCH_SUFFIX = "-" + FETCH;

	private final Map<String, Map<String, Object>> routes = new LinkedHashMap<>();

	SftpRoutes(SourceRegistry sources, HubFolders folders, InboxProperties inbox) {
		for (SourceDefinition source : sources.ofKind(SourceKind.SFTP)) {
			SftpSettings sftp = source.sftp();
			Map<String, Object> common = new LinkedHashMap<>();
			common.put("sourceId", source.id());
			common.put("host", sftp.host());
			common.put("port", Integer.toString(sftp.port()));
			common.put("username", sftp.username());
			putSecret(common, "password", sftp.password());
			putIfSet(common, "privateKeyFile", sftp.privateKeyFile());
			putSecret(common, "privateKeyPassphrase", sftp.privateKeyPassphrase());
			putIfSet(common, "knownHostsFile", sftp.knownHostsFile());
			common.put("strictHostKeyChecking", sftp.strictHostKeyChecking() ? "yes" : "no");
			common.put("autoStartup", Boolean.toString(source.enabled()));
			common.put("routePolicy", LeaderConfiguration.policyFor(source.enabled()));
			common.put("initialDelay", Long.toString(inbox.initialDelay().toMillis()));
			common.put("delay", Long.toString(sftp.pollDelay().toMillis()));
			common.put("connectTimeout", Long.toString(sftp.connectTimeout().toMillis()));
			common.put("reconnectAttempts", Integer.toString(sftp.reconnectAttempts()));
			common.put("reconnectDelay", Long.toString(sftp.reconnectDelay().toMillis()));

			Map<String, Object> fetch = new LinkedHashMap<>(common);
			fetch.put(TEMPLATE_ID, FETCH);
			fetch.put("routeId", fetchRouteId(source.id()));
			fetch.put("folder", sftp.folder());
			// (?s): a name with a line break in it is fetched too, and answered
			fetch.put("include", "(?is)" + source.filePattern());
			fetch.put("inbox", folders.inbox(source).toString());
			if (sftp.afterDownload() == SftpSettings.AfterDownload.DELETE) {
				fetch.put("delete", "true");
			}
			else {
				fetch.put("move", sftp.processedFolder() + "/${file:onlyname}");
			}
			fetch.put("backoffErrorThreshold", Integer.toString(sftp.backoffAfterErrors()));
			fetch.put("backoffMultiplier", Integer.toString(sftp.backoffMultiplier()));
			fetch.put("readLockCheckInterval", Long.toString(inbox.readLockCheckInterval().toMillis()));
			this.routes.put(fetchRouteId(source.id()), Map.copyOf(fetch));

			Map<String, Object> feedback = new LinkedHashMap<>(common);
			feedback.put(TEMPLATE_ID, FEEDBACK);
			feedback.put("routeId", source.id() + "-" + FEEDBACK);
			feedback.put("outboxFolder", sftp.outboxFolder());
			feedback.put("outbox", folders.outboxDir(source.id()).toString());
			this.routes.put(source.id() + "-" + FEEDBACK, Map.copyOf(feedback));
		}
	}

	static String fetchRouteId(String sourceId) {
		return sourceId + FETCH_SUFFIX;
	}

	/** The source whose fetch route this is, or null. */
	static String sourceOfFetchRoute(String routeId) {
		return (routeId != null && routeId.endsWith(FETCH_SUFFIX))
				? routeId.substring(0, routeId.length() - FETCH_SUFFIX.length()) : null;
	}

	private static void putIfSet(Map<String, Object> p, String name, String value) {
		if (value != null && !value.isEmpty()) {
			p.put(name, value);
		}
	}

	/**
	 * A secret as it is: template parameters are set on the endpoint as they are given
	 * (Camel wraps them in RAW() itself), and Camel masks them where it prints the URI.
	 */
	private static void putSecret(Map<String, Object> p, String name, String value) {
		putIfSet(p, name, value);
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
