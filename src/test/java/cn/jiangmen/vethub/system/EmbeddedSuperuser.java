package cn.jiangmen.vethub.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * An explicit connection of the embedded database's superuser ({@code postgres}, password
 * from {@code <hub.data-dir>/secrets/db-superuser-password}), for the few test steps that
 * are administration, not the hub's work, and that the hub's role may not do: a
 * server-side {@code COPY} to or from a file (a benchmark's floor), making a data folder
 * the way an earlier version did. Tests of the hub's behaviour use the hub's own
 * connection (role {@code vethub}), never this one.
 */
public final class EmbeddedSuperuser {

	private EmbeddedSuperuser() {
	}

	/**
	 * @param dataDir the hub's {@code hub.data-dir}
	 * @param port the embedded server's port
	 */
	public static DataSource dataSource(Path dataDir, int port) {
		PGSimpleDataSource ds = new PGSimpleDataSource();
		ds.setServerNames(new String[] { "127.0.0.1" });
		ds.setPortNumbers(new int[] { port });
		ds.setDatabaseName(EmbeddedDatabaseRoles.DATABASE);
		ds.setUser(EmbeddedDatabaseRoles.SUPERUSER);
		try {
			ds.setPassword(Files
				.readString(dataDir.resolve(EmbeddedPostgresConfiguration.SUPERUSER_PASSWORD), StandardCharsets.UTF_8)
				.strip());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return ds;
	}

}
