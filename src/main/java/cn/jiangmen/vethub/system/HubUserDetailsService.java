package cn.jiangmen.vethub.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Users from configuration, or, as long as none is configured, the administrator
 * generated on a first start. Its password is written to
 * {@code <data-dir>/secrets/initial-admin-password}, readable by the hub's user only
 * ({@link SecretFile}), as Jenkins keeps its initial admin password; only the file's path
 * is printed, so that the password never ends in a log file, and only its hash is stored,
 * in {@code ops.app_user}. Once users are configured they replace the generated one: it
 * can no longer log in, and the file is deleted.
 */
@Component
class HubUserDetailsService implements UserDetailsService {

	private static final Logger log = LoggerFactory.getLogger(HubUserDetailsService.class);

	/** Where the generated administrator's password is kept, below the data folder. */
	static final String PASSWORD_FILE = "secrets/initial-admin-password";

	private final Map<String, UserDetails> configured = new ConcurrentHashMap<>();

	private final JdbcTemplate jdbc;

	private final Path passwordFile;

	private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();

	HubUserDetailsService(HubSecurityProperties properties, HubProperties hub, JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.passwordFile = hub.dataDir().resolve(PASSWORD_FILE).toAbsolutePath().normalize();
		for (HubSecurityProperties.User u : properties.users()) {
			String hash = u.passwordHash().replace("{bcrypt}", "");
			this.configured.put(u.username(),
					User.withUsername(u.username()).password(hash).roles(u.role().name()).build());
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void generateFirstAdministrator() {
		Integer stored = this.jdbc.queryForObject("SELECT count(*) FROM ops.app_user", Integer.class);
		if (!this.configured.isEmpty()) {
			if (stored != null && stored > 0) {
				log.info("Users are configured (hub.security.users): the generated administrator is disabled");
			}
			deleteStalePasswordFile();
			return;
		}
		if (stored != null && stored > 0) {
			if (SecretFile.exists(this.passwordFile)) {
				log.info("The generated administrator 'admin' logs in with the password in {}", this.passwordFile);
			}
			return;
		}
		// a file left from an earlier database (data/pg deleted) is kept: its password
		// becomes the administrator's again
		String password = SecretFile.readOrCreate(this.passwordFile, 15);
		this.jdbc.update("INSERT INTO ops.app_user (username, password_hash, role) VALUES ('admin', ?, 'ADMIN')",
				this.encoder.encode(password));
		log.warn("No user configured: generated the administrator 'admin'; its password is in {} (readable by the"
				+ " hub's user only), only its hash is kept in the database", this.passwordFile);
		System.out.println("""

				==================================================================
				 vethub first start: log in as  admin  with the password in
				   %s
				 Add users in config/application.yml (hub.security.users) to replace
				 it (the file is then deleted); see README "First login".
				==================================================================
				""".formatted(this.passwordFile));
	}

	private void deleteStalePasswordFile() {
		try {
			if (Files.deleteIfExists(this.passwordFile)) {
				log.info("Users are configured: deleted the generated administrator's password file {}",
						this.passwordFile);
			}
		}
		catch (IOException ex) {
			log.warn("Users are configured: the generated administrator's password file {} is stale (it no longer"
					+ " logs in) but could not be deleted: {}", this.passwordFile, ex.getMessage());
		}
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		if (!this.configured.isEmpty()) {
			UserDetails user = this.configured.get(username);
			if (user == null) {
				throw new UsernameNotFoundException("Unknown user");
			}
			return User.withUserDetails(user).build();
		}
		List<UserDetails> stored = this.jdbc.query(
				"SELECT username, password_hash, role FROM ops.app_user WHERE username = ?",
				(rs, i) -> User.withUsername(rs.getString(1)).password(rs.getString(2)).roles(rs.getString(3)).build(),
				username);
		if (stored.isEmpty()) {
			throw new UsernameNotFoundException("Unknown user");
		}
		return stored.get(0);
	}

}
