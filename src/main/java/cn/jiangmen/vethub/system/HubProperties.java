package cn.jiangmen.vethub.system;

import java.nio.file.Path;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the hub keeps its files and how it runs its embedded database. Every value has a
 * default that works out of the box and can be overridden in
 * {@code config/application.yml} or by environment variables ({@code HUB_DATA_DIR},
 * {@code HUB_SOURCES_DIR}, {@code HUB_EMBEDDED_DB_PORT}).
 *
 * @param dataDir root of the drop folders, archive, error and outbox folders, and the
 * embedded database
 * @param sourcesDir the folder of source files, one YAML file per source
 * @param embeddedDb the embedded PostgreSQL used when no {@code spring.datasource.url} is
 * set
 */
@Validated
@ConfigurationProperties(prefix = "hub")
public record HubProperties(@DefaultValue("./data") @NotNull Path dataDir,
		@DefaultValue("./config/sources") @NotNull Path sourcesDir, @DefaultValue @Valid EmbeddedDb embeddedDb) {

	/**
	 * @param port TCP port on localhost; 0 picks a free one at each start
	 * @param dataSubdir folder below {@code hub.data-dir} that holds the database files
	 */
	public record EmbeddedDb(@DefaultValue("0") @Min(0) @Max(65535) int port, @DefaultValue("pg") String dataSubdir) {
	}

	public Path embeddedDbDir() {
		return this.dataDir.resolve(this.embeddedDb.dataSubdir());
	}

}
