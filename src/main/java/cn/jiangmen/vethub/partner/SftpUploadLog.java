package cn.jiangmen.vethub.partner;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The feedback files already put on partners' SFTP servers ({@code ops.sftp_upload}), the
 * idempotent repository of the {@code sftp-feedback} routes: a file is recorded once it
 * was put, so a restart does not put it again and a file whose upload failed is tried
 * again. Keys are {@code <source id>/<file name>/<modified millis>}.
 */
@Component("sftpUploads")
class SftpUploadLog extends ServiceSupport implements IdempotentRepository {

	private final JdbcTemplate jdbc;

	SftpUploadLog(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean add(String key) {
		String[] k = split(key);
		return this.jdbc.update("""
				INSERT INTO ops.sftp_upload (source_id, upload_key) VALUES (?, ?)
				ON CONFLICT DO NOTHING""", k[0], k[1]) == 1;
	}

	@Override
	public boolean contains(String key) {
		String[] k = split(key);
		return this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM ops.sftp_upload WHERE source_id = ? AND upload_key = ?)", Boolean.class,
				k[0], k[1]);
	}

	@Override
	public boolean remove(String key) {
		String[] k = split(key);
		return this.jdbc.update("DELETE FROM ops.sftp_upload WHERE source_id = ? AND upload_key = ?", k[0], k[1]) == 1;
	}

	@Override
	public boolean confirm(String key) {
		return true;
	}

	@Override
	public void clear() {
		throw new UnsupportedOperationException("the upload log of all sources is not cleared at once");
	}

	private static String[] split(String key) {
		int slash = key.indexOf('/');
		if (slash <= 0) {
			throw new IllegalArgumentException("not a <source>/<file>/<modified> key");
		}
		return new String[] { key.substring(0, slash), key.substring(slash + 1) };
	}

}
