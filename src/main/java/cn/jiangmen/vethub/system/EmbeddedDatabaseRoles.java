package cn.jiangmen.vethub.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.PGConnection;

/**
 * The roles of the embedded database, set by its superuser at every start: the superuser
 * ({@value #SUPERUSER}, for administration only) and the hub's role ({@value #HUB_ROLE}),
 * which logs in with its password, is no superuser, may not create roles or databases nor
 * read, write or run anything on the server's machine ({@code COPY ... TO PROGRAM},
 * server files), and owns the database, its schemas and every object in them, the Flyway
 * history included. Ownership is given object by object, because PostgreSQL refuses
 * {@code REASSIGN OWNED BY postgres} for its bootstrap superuser; so a data folder of an
 * earlier version, where the superuser owned everything, loses nothing. Passwords are
 * sent as SCRAM verifiers computed by the driver
 * ({@link PGConnection#alterUserPassword}), never in clear text, so that no server log
 * can show them. Plain JDBC, no Spring.
 */
final class EmbeddedDatabaseRoles {

	/** The bootstrap superuser that initdb makes. */
	static final String SUPERUSER = "postgres";

	/** The role the hub connects as. */
	static final String HUB_ROLE = "vethub";

	/** The database the hub uses (the one initdb makes). */
	static final String DATABASE = "postgres";

	/** Predefined roles that reach the server's files and programs. */
	private static final List<String> SERVER_ACCESS_ROLES = List.of("pg_read_server_files", "pg_write_server_files",
			"pg_execute_server_program");

	/** Schemas of the database other than PostgreSQL's own. */
	private static final String HUB_SCHEMAS = """
			SELECT oid, nspname FROM pg_namespace
			 WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'""";

	private static final String NOT_OF_AN_EXTENSION = """
			NOT EXISTS (SELECT 1 FROM pg_depend d
			             WHERE d.classid = '%s'::regclass AND d.objid = %s AND d.deptype = 'e')""";

	private EmbeddedDatabaseRoles() {
	}

	/** Sets the password of {@code role}, as a SCRAM verifier. */
	static void setPassword(Connection superuser, String role, String password) throws SQLException {
		superuser.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), "scram-sha-256");
	}

	/**
	 * Makes the hub's role as it must be (created if missing, its password set, its
	 * attributes and memberships cut to what it needs) and gives it the database and
	 * every object in its schemas, in one transaction.
	 * @param superuser a connection of the superuser to {@value #DATABASE}
	 * @param password the hub role's password
	 * @return how many schemas and objects changed owner (all of them on a data folder of
	 * an earlier version, none on later starts)
	 */
	static int secureHubRole(Connection superuser, String password) throws SQLException {
		boolean autoCommit = superuser.getAutoCommit();
		superuser.setAutoCommit(false);
		try (Statement st = superuser.createStatement()) {
			if (!roleExists(superuser)) {
				st.execute("CREATE ROLE " + HUB_ROLE + " LOGIN");
			}
			st.execute("ALTER ROLE " + HUB_ROLE
					+ " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT");
			run(st, statements(superuser, """
					SELECT format('REVOKE %%I FROM %1$s GRANTED BY %%I', r.rolname, g.rolname)
					  FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles g ON g.oid = m.grantor
					 WHERE m.member = '%1$s'::regrole AND r.rolname IN (%2$s)""".formatted(HUB_ROLE,
					String.join(", ", SERVER_ACCESS_ROLES.stream().map((r) -> "'" + r + "'").toList()))));
			setPassword(superuser, HUB_ROLE, password);
			st.execute("ALTER DATABASE " + DATABASE + " OWNER TO " + HUB_ROLE);
			int changed = 0;
			// schemas, then relations (a table takes its indexes and the sequences of its
			// columns along), then what is left: sequences of their own, routines, types
			changed += run(st, statements(superuser, """
					SELECT format('ALTER SCHEMA %%I OWNER TO %1$s', n.nspname)
					  FROM (%2$s) n JOIN pg_namespace s ON s.oid = n.oid
					 WHERE n.nspname <> 'public' AND s.nspowner <> '%1$s'::regrole AND %3$s""".formatted(HUB_ROLE,
					HUB_SCHEMAS, NOT_OF_AN_EXTENSION.formatted("pg_namespace", "n.oid"))));
			changed += run(st, statements(superuser, """
					SELECT format('ALTER %%s %%I.%%I OWNER TO %1$s',
					              CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
					                             WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
					              n.nspname, c.relname)
					  FROM pg_class c JOIN (%2$s) n ON n.oid = c.relnamespace
					 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relowner <> '%1$s'::regrole AND %3$s"""
				.formatted(HUB_ROLE, HUB_SCHEMAS, NOT_OF_AN_EXTENSION.formatted("pg_class", "c.oid"))));
			changed += run(st, statements(superuser, """
					SELECT format('ALTER SEQUENCE %%I.%%I OWNER TO %1$s', n.nspname, c.relname)
					  FROM pg_class c JOIN (%2$s) n ON n.oid = c.relnamespace
					 WHERE c.relkind = 'S' AND c.relowner <> '%1$s'::regrole AND %3$s""".formatted(HUB_ROLE,
					HUB_SCHEMAS, NOT_OF_AN_EXTENSION.formatted("pg_class", "c.oid"))));
			changed += run(st, statements(superuser, """
					SELECT format('ALTER ROUTINE %%s OWNER TO %1$s', p.oid::regprocedure)
					  FROM pg_proc p JOIN (%2$s) n ON n.oid = p.pronamespace
					 WHERE p.proowner <> '%1$s'::regrole AND %3$s""".formatted(HUB_ROLE, HUB_SCHEMAS,
					NOT_OF_AN_EXTENSION.formatted("pg_proc", "p.oid"))));
			// types of their own: not the row type of a table or view, not an array type
			// (both follow their owner), not the multirange of a range
			changed += run(st, statements(superuser, """
					SELECT format('ALTER %%s %%s OWNER TO %1$s',
					              CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.oid::regtype)
					  FROM pg_type t JOIN (%2$s) n ON n.oid = t.typnamespace
					 WHERE t.typowner <> '%1$s'::regrole AND t.typtype IN ('b', 'c', 'd', 'e', 'r')
					   AND t.typcategory <> 'A'
					   AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
					   AND %3$s""".formatted(HUB_ROLE, HUB_SCHEMAS,
					NOT_OF_AN_EXTENSION.formatted("pg_type", "t.oid"))));
			superuser.commit();
			return changed;
		}
		catch (SQLException | RuntimeException ex) {
			superuser.rollback();
			throw ex;
		}
		finally {
			superuser.setAutoCommit(autoCommit);
		}
	}

	private static boolean roleExists(Connection superuser) throws SQLException {
		try (PreparedStatement ps = superuser.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
			ps.setString(1, HUB_ROLE);
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next();
			}
		}
	}

	private static List<String> statements(Connection superuser, String query) throws SQLException {
		List<String> statements = new ArrayList<>();
		try (Statement st = superuser.createStatement(); ResultSet rs = st.executeQuery(query)) {
			while (rs.next()) {
				statements.add(rs.getString(1));
			}
		}
		return statements;
	}

	private static int run(Statement st, List<String> statements) throws SQLException {
		for (String statement : statements) {
			st.execute(statement);
		}
		return statements.size();
	}

}
