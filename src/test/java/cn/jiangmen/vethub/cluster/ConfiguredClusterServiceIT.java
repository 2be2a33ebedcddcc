package cn.jiangmen.vethub.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import cn.jiangmen.vethub.VethubApplication;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code hub.cluster.service: camel}: the leader of the scheduled work is elected by the
 * cluster service the installation configures (a Kubernetes lease, ZooKeeper, Consul:
 * here a bean of Camel's file lock service under a folder of its own, standing in for
 * them, as none of those modules is served to this build), not by one the hub makes;
 * without such a service the hub refuses to start and says what to set.
 */
class ConfiguredClusterServiceIT {

	/**
	 * The installation's own cluster service, as a deployment adds it (not a component of
	 * the hub: no annotation, so no other test's context scans it).
	 */
	static class BureauClusterService {

		static Path root;

		@Bean
		CamelClusterService bureauLease() {
			FileLockClusterService service = new FileLockClusterService();
			service.setId("bureau-lease");
			service.setRoot(root.toString());
			service.setAcquireLockDelay(100, TimeUnit.MILLISECONDS);
			service.setAcquireLockInterval(500, TimeUnit.MILLISECONDS);
			return service;
		}

	}

	@Test
	void theConfiguredServiceElectsTheLeaderAndItsAbsenceStopsTheStart() throws IOException {
		Path dataDir = Files.createTempDirectory("vethub-it-");
		Files.writeString(dataDir.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
		BureauClusterService.root = Files.createDirectories(dataDir.resolve("bureau-lease"));
		int port = freePort();
		try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(VethubApplication.class,
				BureauClusterService.class)
			.profiles("test", "demo")
			.run("--hub.data-dir=" + dataDir, "--server.port=" + port, "--hub.cluster.service=camel",
					"--PROVINCE_BASE_URL=http://127.0.0.1:" + port + "/demo/province")) {
			CamelContext camel = hub.getBean(CamelContext.class);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> camel.getRouteController().getRouteStatus("province") == ServiceStatus.Started);
			assertThat(camel.hasServices(CamelClusterService.class)).extracting(CamelClusterService::getId)
				.containsExactly("bureau-lease");
			// the lock is the bureau's service's, not the hub's own under
			// <data-dir>/cluster
			assertThat(BureauClusterService.root.resolve("vethub-scheduled.dat")).exists();
			assertThat(dataDir.resolve("cluster")).doesNotExist();
			assertThat(hub.getBean(HubLeadership.class).standsBy("province")).isFalse();
		}

		int other = freePort();
		assertThatThrownBy(() -> new SpringApplicationBuilder(VethubApplication.class).profiles("test", "demo")
			.run("--hub.data-dir=" + dataDir, "--server.port=" + other, "--hub.cluster.service=camel",
					"--PROVINCE_BASE_URL=http://127.0.0.1:" + other + "/demo/province")
			.close())
			.hasRootCauseMessage("hub.cluster.service is camel, so the application must configure exactly one "
					+ "Camel cluster service (a Kubernetes lease, ZooKeeper or Consul cluster service of its Camel "
					+ "component), but it has 0; set hub.cluster.service to file to use a lock file in the shared "
					+ "data folder")
			.isInstanceOf(BeanCreationException.class);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
