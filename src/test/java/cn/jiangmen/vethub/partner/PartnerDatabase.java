package cn.jiangmen.vethub.partner;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import cn.jiangmen.vethub.system.EmbeddedSuperuser;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A partner's own database for the tests: a second database {@code partner_db} on the
 * hub's PostgreSQL server (a real server, no fake), made afresh through the hub's own
 * connection, with the HIS table {@code his.dispensing} and the view the partner offers,
 * {@code vethub.dispensing_v}. The hub reads it as the role {@value #READER}, which may
 * only read the view.
 */
final class PartnerDatabase implements AutoCloseable {

	static final String NAME = "partner_db";

	static final String READER = "partner_reader";

	static final String READER_PASSWORD = "reader-pw-5XqTz";

	private final String url;

	private final String user;

	private final String password;

	private final SingleConnectionDataSource owner;

	private PartnerDatabase(String url, String user, String password, SingleConnectionDataSource owner) {
		this.url = url;
		this.user = user;
		this.password = password;
		this.owner = owner;
	}

	/**
	 * Drops and creates {@code partner_db}, owned by the hub's role, with its table and
	 * view, and the role {@value #READER}. Making a database and a role is
	 * administration, which the hub's role may not do: that goes through an explicit
	 * superuser connection ({@link EmbeddedSuperuser}); the rest through the hub's.
	 * @param hub the hub's own connection (its role owns the partner database)
	 * @param hubDataDir the hub's {@code hub.data-dir}, where the superuser's password is
	 */
	static PartnerDatabase recreate(DataSource hub, Path hubDataDir) throws SQLException {
		HikariDataSource hikari = (HikariDataSource) hub;
		String user = hikari.getUsername();
		String password = hikari.getPassword();
		Matcher port = Pattern.compile("//[^/:]+:(\\d+)/").matcher(hikari.getJdbcUrl());
		if (!port.find()) {
			throw new IllegalStateException("No port in " + hikari.getJdbcUrl());
		}
		JdbcTemplate admin = new JdbcTemplate(
				EmbeddedSuperuser.dataSource(hubDataDir, Integer.parseInt(port.group(1))));
		admin.execute("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
		admin.execute("CREATE DATABASE " + NAME + " OWNER " + user);
		admin.execute("DROP ROLE IF EXISTS " + READER);
		admin.execute("CREATE ROLE " + READER + " LOGIN PASSWORD '" + READER_PASSWORD + "'");
		String url = hikari.getJdbcUrl().replaceFirst("(//[^/]+/)[^?]*(\\?.*)?$", "$1" + NAME);
		Connection con = DriverManager.getConnection(url, user, password);
		SingleConnectionDataSource owner = new SingleConnectionDataSource(con, true);
		JdbcTemplate db = new JdbcTemplate(owner);
		db.execute("""
				CREATE SCHEMA his;
				CREATE TABLE his.dispensing (
				    serial_no    text PRIMARY KEY,
				    id_card      text,
				    patient_name text,
				    dispensed_on date,
				    drug         text,
				    fee          numeric(10, 2),
				    discount     numeric(10, 2),
				    updated_at   timestamp NOT NULL,
				    pharmacist   text
				);
				CREATE SCHEMA vethub;
				CREATE VIEW vethub.dispensing_v AS
				    SELECT serial_no, id_card, patient_name, dispensed_on, drug, fee, discount, updated_at
				      FROM his.dispensing""");
		db.execute("GRANT USAGE ON SCHEMA vethub TO " + READER);
		db.execute("GRANT SELECT ON vethub.dispensing_v TO " + READER);
		return new PartnerDatabase(url, READER, READER_PASSWORD, owner);
	}

	/** The URL of the partner database, without credentials. */
	String url() {
		return this.url;
	}

	String user() {
		return this.user;
	}

	String password() {
		return this.password;
	}

	/** The partner's side: writes to its HIS table as the partner's own software does. */
	JdbcTemplate his() {
		return new JdbcTemplate(this.owner);
	}

	void insert(List<Object[]> rows) {
		his().batchUpdate("""
				INSERT INTO his.dispensing (serial_no, id_card, patient_name, dispensed_on, drug, fee, discount,
				                            updated_at, pharmacist)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, '药师甲')""", rows);
	}

	@Override
	public void close() {
		this.owner.destroy();
	}

}
