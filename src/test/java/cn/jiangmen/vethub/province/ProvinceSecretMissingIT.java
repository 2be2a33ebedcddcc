package cn.jiangmen.vethub.province;

import java.nio.file.Path;
import java.util.Map;

import cn.jiangmen.vethub.FormLoginSession;
import cn.jiangmen.vethub.VethubApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Outside the demo profile, the province source without {@code PROVINCE_CLIENT_SECRET}
 * does not fall back to the demo's secret: the hub starts, shows the source as
 * misconfigured with the variable to set (API and console), and a sync request is
 * answered with that reason instead of running.
 */
class ProvinceSecretMissingIT {

	@TempDir
	Path dir;

	@Test
	void withoutTheSecretTheProvinceIsMisconfiguredNamingTheVariableAndItsSyncIsRefused() {
		assumeTrue(System.getenv("PROVINCE_CLIENT_SECRET") == null, "PROVINCE_CLIENT_SECRET is set on this machine");
		try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(VethubApplication.class).profiles("test")
			.run("--hub.data-dir=" + this.dir.resolve("data"), "--server.port=0")) {
			int port = Integer.parseInt(hub.getEnvironment().getProperty("local.server.port"));
			RestClient admin = RestClient.builder()
				.requestFactory(new JdkClientHttpRequestFactory())
				.baseUrl("http://localhost:" + port)
				.defaultHeaders((h) -> h.setBasicAuth("admin", "admin-test-pw"))
				.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
				})
				.build();
			JsonNode sources = JsonMapper.builder()
				.build()
				.readTree(admin.get().uri("/api/sources").retrieve().body(String.class));
			JsonNode province = null;
			for (JsonNode source : sources) {
				if ("province".equals(source.path("id").asString())) {
					province = source;
				}
			}
			assertThat(province).isNotNull();
			assertThat(province.path("state").asString()).isEqualTo("misconfigured");
			assertThat(province.path("problem").asString()).contains("PROVINCE_CLIENT_SECRET", "not set");

			var sync = admin.post().uri("/api/sources/province/sync").retrieve().toEntity(String.class);
			assertThat(sync.getStatusCode().value()).isEqualTo(409);
			assertThat(sync.getBody()).contains("misconfigured", "PROVINCE_CLIENT_SECRET");
			assertThat(hub.getBean(cn.jiangmen.vethub.ops.OpsQueries.class).runs("province", null, 10))
				.as("no run was started")
				.isEmpty();

			FormLoginSession console = FormLoginSession.login(port, "admin", "admin-test-pw");
			assertThat(console.get("/sources").body()).contains("配置有误", "id=\"problem-province\"",
					"PROVINCE_CLIENT_SECRET");
			var runNow = console.postForm("/sources/province/run", Map.of());
			assertThat(runNow.statusCode()).isEqualTo(302);
			assertThat(console.get("/sources").body()).contains("数据源 province 配置有误，无法运行。");
		}
	}

}
