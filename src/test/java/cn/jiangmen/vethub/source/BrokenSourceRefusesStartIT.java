package cn.jiangmen.vethub.source;

import java.nio.file.Files;
import java.nio.file.Path;

import cn.jiangmen.vethub.VethubApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A broken source file stops the hub's start, naming the file, the field and what is
 * wrong.
 */
class BrokenSourceRefusesStartIT {

	@TempDir
	Path dir;

	@Test
	void theHubDoesNotStartWithABrokenSourceFile() throws Exception {
		Path sources = Files.createDirectories(this.dir.resolve("sources"));
		Files.writeString(sources.resolve("taishan.yml"), """
				source:
				  id: taishan
				  kind: county
				  name: 台山市
				  county-code: "440781"
				""");
		Files.writeString(sources.resolve("kaiping.yml"), """
				source:
				  id: kaiping
				  kind: county
				  name: 开平市
				  county-code: "44O783"
				""");
		Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(VethubApplication.class).profiles("test")
			.run("--hub.sources-dir=" + sources, "--hub.data-dir=" + this.dir.resolve("data"), "--server.port=0")
			.close());
		Throwable cause = failure;
		while (cause != null && !(cause instanceof SourceConfigurationException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("the start fails because of the source file, not something else")
			.isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("kaiping.yml")
			.hasMessageContaining("source.county-code")
			.hasMessageContaining("4407xx");
	}

}
