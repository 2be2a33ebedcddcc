package cn.jiangmen.vethub.system;

import java.security.SecureRandom;
import java.util.Base64;
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
 * generated on a first start (its password is printed once to the console; only its hash
 * is stored, in {@code ops.app_user}). Once users are configured they replace the
 * generated one: it can no longer log in.
 */
@Component
class HubUserDetailsService implements UserDetailsService {

	private static final Logger log = LoggerFactory.getLogger(HubUserDetailsService.class);

	private final Map<String, UserDetails> configured = new ConcurrentHashMap<>();

	private final JdbcTemplate jdbc;

	private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();

	HubUserDetailsService(HubSecurityProperties properties, JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		for (HubSecurityProperties.User u : properties.users()) {
			String hash = u.passwordHash().replace("{bcrypt}", "");
			this.configured.put(u.username(),
					User.withUsername(u.username()).password(hash).roles(u.role().name()).build());
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void generateFirstAdministrator() {
		if (!this.configured.isEmpty()) {
			Integer stored = this.jdbc.queryForObject("SELECT count(*) FROM ops.app_user", Integer.class);
			if (stored != null && stored > 0) {
				log.info("Users are configured (hub.security.users): the generated administrator is disabled");
			}
			return;
		}
		Integer stored = this.jdbc.queryForObject("SELECT count(*) FROM ops.app_user", Integer.class);
		if (stored != null && stored > 0) {
			return;
		}
		byte[] random = new byte[15];
		new SecureRandom().nextBytes(random);
		String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		this.jdbc.update("INSERT INTO ops.app_user (username, password_hash, role) VALUES ('admin', ?, 'ADMIN')",
				this.encoder.encode(password));
		log.warn("No user configured: generated the administrator 'admin'. Its password is printed once on the"
				+ " console (standard output) and only its hash is kept.");
		System.out.println("""

				==================================================================
				 vethub first start: log in as  admin  with password  %s
				 This password is shown only now. Add users in config/application.yml
				 (hub.security.users) to replace it; see README "First login".
				==================================================================
				""".formatted(password));
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
