package cn.jiangmen.vethub.system;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Warns at start when the hub is connected to its database as a superuser (an external
 * server given a superuser in {@code spring.datasource.username}): such a role reads and
 * writes the server's files and runs programs on its machine, which the hub never needs.
 * docs/database.md gives the least-privilege set-up. Names the role, never a secret.
 */
@Component
class SuperuserWarning {

	private static final Logger log = LoggerFactory.getLogger(SuperuserWarning.class);

	private final JdbcTemplate jdbc;

	SuperuserWarning(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener(ApplicationStartedEvent.class)
	void warnIfSuperuser() {
		Map<String, Object> role = this.jdbc
			.queryForMap("SELECT rolname, rolsuper FROM pg_roles WHERE rolname = current_user");
		if (Boolean.TRUE.equals(role.get("rolsuper"))) {
			log.warn(
					"The hub is connected to PostgreSQL as {}, a superuser: give it a role of its own that owns"
							+ " its database and schemas and nothing more (docs/database.md, \"An external server\")",
					role.get("rolname"));
		}
	}

}
