package cn.jiangmen.vethub.partner;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route templates of {@code routes/partner-sftp.camel.yaml} made into routes as
 * {@link SftpRoutes} makes them: a password with the characters a URI would take apart
 * reaches the endpoint as written, and what is not set is left out of the endpoint.
 */
class SftpRoutesTest {

	@Test
	void aSecretWithAnyCharacterReachesTheEndpointIntact() throws Exception {
		String password = "p&w=1+2%3F/x)(y#z ";
		try (DefaultCamelContext camel = new DefaultCamelContext()) {
			camel.getRegistry()
				.bind("sftpConnectionFailures", new org.apache.camel.support.DefaultPollingConsumerPollStrategy());
			camel.getRegistry()
				.bind("sftpUploads", org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository
					.memoryIdempotentRepository());
			camel.getRegistry().bind("unclusteredPolicy", new org.apache.camel.support.RoutePolicySupport() {
			});
			PluginHelper.getRoutesLoader(camel)
				.loadRoutes(ResourceHelper.resolveResource(camel, "file:routes/partner-sftp.camel.yaml"));
			camel.start();
			Map<String, Object> p = new LinkedHashMap<>();
			p.put("sourceId", "eye-sftp");
			p.put("host", "127.0.0.1");
			p.put("port", "2222");
			p.put("username", "vethub");
			p.put("password", password);
			p.put("knownHostsFile", "/etc/vethub/known_hosts");
			p.put("strictHostKeyChecking", "yes");
			p.put("autoStartup", "false");
			p.put("routePolicy", "unclusteredPolicy");
			p.put("initialDelay", "0");
			p.put("delay", "1000");
			p.put("connectTimeout", "1000");
			p.put("reconnectAttempts", "0");
			p.put("reconnectDelay", "0");
			Map<String, Object> fetch = new LinkedHashMap<>(p);
			fetch.put("folder", "to-vethub");
			fetch.put("include", "(?is).*\\.csv");
			fetch.put("inbox", Path.of("target/sftp-routes-test").toAbsolutePath().toString());
			fetch.put("move", "processed/${file:onlyname}");
			fetch.put("backoffErrorThreshold", "3");
			fetch.put("backoffMultiplier", "5");
			fetch.put("readLockCheckInterval", "1000");
			camel.addRouteFromTemplate("eye-sftp-sftp-fetch", SftpRoutes.FETCH, fetch);
			SftpEndpoint endpoint = (SftpEndpoint) camel.getRoute("eye-sftp-sftp-fetch").getEndpoint();
			assertThat(endpoint.getConfiguration().getPassword()).isEqualTo(password);
			assertThat(endpoint.getConfiguration().getKnownHostsFile()).isEqualTo("/etc/vethub/known_hosts");
			assertThat(endpoint.getConfiguration().getPrivateKeyFile()).as("not set, left out").isNull();
			assertThat(endpoint.getConfiguration().getStrictHostKeyChecking()).isEqualTo("yes");
			assertThat(endpoint.getConfiguration().isUseUserKnownHostsFile()).as("~/.ssh/known_hosts is never used")
				.isFalse();
			assertThat(URISupport.sanitizeUri(endpoint.getEndpointUri())).as("as Camel logs it")
				.contains("password=xxxxxx")
				.doesNotContain("p&w");
		}
	}

}
