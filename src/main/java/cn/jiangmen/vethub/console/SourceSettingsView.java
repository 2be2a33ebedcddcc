package cn.jiangmen.vethub.console;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.source.DatabaseSettings;
import cn.jiangmen.vethub.source.PartnerSettings;
import cn.jiangmen.vethub.source.PartnerSettings.Mapping;
import cn.jiangmen.vethub.source.PartnerSettings.TargetField;
import cn.jiangmen.vethub.source.ProvinceSettings;
import cn.jiangmen.vethub.source.SftpSettings;
import cn.jiangmen.vethub.source.SourceDefinition;

/**
 * A source's settings as the hub read them from {@code config/sources/<id>.yml} (after
 * its placeholders were resolved and its defaults applied), for its console page, under
 * the keys IT staff write in that file. Secrets are never among the values: a password, a
 * client secret or a key's passphrase is shown only as set or not set, a database URL
 * without its options, a URL without user information. Pure.
 */
final class SourceSettingsView {

	private SourceSettingsView() {
	}

	/**
	 * One setting.
	 *
	 * @param key the key as written in the source file ({@code province.page-size})
	 * @param value the value as the hub uses it; null for a secret
	 * @param secret whether it is a secret (then only {@code set} says anything)
	 * @param set for a secret: whether it has a value
	 */
	record Setting(String key, String value, boolean secret, boolean set) {

		static Setting of(String key, Object value) {
			return new Setting(key, (value != null) ? String.valueOf(value) : null, false, value != null);
		}

		static Setting secret(String key, String value) {
			return new Setting(key, null, true, value != null && !value.isEmpty());
		}

	}

	/**
	 * One line of a mapping: which column of the sender's table fills which warehouse
	 * field.
	 *
	 * @param table the warehouse table ({@code dw.medical_service}, {@code dw.person})
	 * @param field the field as the source file names it ({@code service-date})
	 * @param columns the sender's column header(s)
	 * @param warehouseColumn the column the value is stored in, or null when it is read
	 * for checks only (a name beside the ID)
	 * @param type the value type
	 * @param required whether an empty value refuses the row
	 * @param key whether the field is part of the record key
	 * @param format a date pattern, when one is configured
	 */
	record MappingLine(String table, String field, List<String> columns, String warehouseColumn, String type,
			boolean required, boolean key, String format) {
	}

	static List<Setting> settings(SourceDefinition s) {
		List<Setting> all = new ArrayList<>();
		all.add(Setting.of("id", s.id()));
		all.add(Setting.of("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT)));
		all.add(Setting.of("name", s.name()));
		all.add(Setting.of("enabled", s.enabled()));
		if (s.countyCode() != null) {
			all.add(Setting.of("county-code", s.countyCode()));
		}
		if (s.kind().isFileDrop()) {
			all.add(Setting.of("folder", s.inboxFolder()));
			all.add(Setting.of("file-pattern", s.filePattern()));
		}
		ProvinceSettings p = s.province();
		if (p != null) {
			all.add(Setting.of("province.base-url", withoutUserInfo(String.valueOf(p.baseUrl()))));
			all.add(Setting.of("province.client-id", p.clientId()));
			all.add(Setting.secret("province.client-secret", p.clientSecret()));
			all.add(Setting.of("province.page-size", p.pageSize()));
			all.add(Setting.of("province.connect-timeout", p.connectTimeout()));
			all.add(Setting.of("province.read-timeout", p.readTimeout()));
			all.add(Setting.of("province.max-attempts", p.maxAttempts()));
			all.add(Setting.of("province.backoff", p.backoff()));
			all.add(Setting.of("province.max-backoff", p.maxBackoff()));
			all.add(Setting.of("province.schedule", p.schedule()));
			all.add(Setting.of("province.time-zone", p.timeZone()));
		}
		PartnerSettings f = s.partner();
		if (f != null) {
			all.add(Setting.of("partner.format", f.format().name().toLowerCase(java.util.Locale.ROOT)));
			all.add(Setting.of("partner.encoding", f.encoding()));
			if (f.delimiter() != null) {
				all.add(Setting.of("partner.delimiter", f.delimiter()));
			}
			all.add(Setting.of("partner.header-row", f.headerRow()));
			all.add(Setting.of("partner.header-search-rows", f.headerSearchRows()));
			all.add(Setting.of("partner.skip-rows-starting-with", String.join(", ", f.skipRowsStartingWith())));
			if (f.trailer() != null) {
				all.add(Setting.of("partner.trailer", f.trailer()));
			}
		}
		DatabaseSettings d = s.database();
		if (d != null) {
			all.add(Setting.of("database.url", d.safeUrl()));
			all.add(Setting.of("database.username", d.username()));
			all.add(Setting.secret("database.password", d.password()));
			if (d.driver() != null) {
				all.add(Setting.of("database.driver", d.driver()));
			}
			all.add(Setting.of("database.query", d.query()));
			all.add(Setting.of("database.watermark-column", d.watermarkColumn()));
			all.add(Setting.of("database.watermark-type", d.watermarkType().code()));
			all.add(Setting.of("database.fetch-size", d.fetchSize()));
			all.add(Setting.of("database.commit-rows", d.commitRows()));
			all.add(Setting.of("database.connect-timeout", d.connectTimeout()));
			all.add(Setting.of("database.schedule", d.schedule()));
			all.add(Setting.of("database.time-zone", d.timeZone()));
		}
		SftpSettings t = s.sftp();
		if (t != null) {
			all.add(Setting.of("sftp.host", t.host()));
			all.add(Setting.of("sftp.port", t.port()));
			all.add(Setting.of("sftp.username", t.username()));
			all.add(Setting.secret("sftp.password", t.password()));
			all.add(Setting.of("sftp.private-key-file", t.privateKeyFile()));
			all.add(Setting.secret("sftp.private-key-passphrase", t.privateKeyPassphrase()));
			all.add(Setting.of("sftp.known-hosts-file", t.knownHostsFile()));
			all.add(Setting.of("sftp.strict-host-key-checking", t.strictHostKeyChecking()));
			all.add(Setting.of("sftp.folder", t.folder()));
			all.add(Setting.of("sftp.outbox-folder", t.outboxFolder()));
			all.add(Setting.of("sftp.after-download", t.afterDownload().code()));
			all.add(Setting.of("sftp.processed-folder", t.processedFolder()));
			all.add(Setting.of("sftp.poll-delay", t.pollDelay()));
			all.add(Setting.of("sftp.connect-timeout", t.connectTimeout()));
		}
		return all;
	}

	/**
	 * The mapping of a partner, database or sftp source (from its mappings), or of a
	 * county source (the header texts each field is recognised by); empty for the
	 * province, whose records are read by their field codes.
	 */
	static List<MappingLine> mapping(SourceDefinition s, Map<String, List<String>> countyHeaders) {
		List<MappingLine> lines = new ArrayList<>();
		List<Mapping> mappings = (s.partner() != null) ? s.partner().mappings()
				: (s.database() != null) ? s.database().mappings() : List.of();
		for (Mapping m : mappings) {
			for (Map.Entry<String, PartnerSettings.Field> e : m.fields().entrySet()) {
				TargetField target = m.target().field(e.getKey()).orElse(null);
				PartnerSettings.Field field = e.getValue();
				String type = (field.type() != null) ? field.type().code()
						: (target != null) ? target.type().code() : null;
				boolean required = (field.required() != null) ? field.required() : target != null && target.required();
				lines.add(new MappingLine(m.target().table(), e.getKey(), List.of(field.column()),
						(target != null && target.stored()) ? m.target().table() + "." + target.column() : null, type,
						required, m.keyFields().contains(e.getKey()), field.format()));
			}
		}
		if (s.kind() == cn.jiangmen.vethub.source.SourceKind.COUNTY) {
			countyHeaders.forEach(
					(field, texts) -> lines.add(new MappingLine(null, field, texts, null, null, false, false, null)));
		}
		return lines;
	}

	/** A URL without the user information before its host ({@code user:pw@}). */
	static String withoutUserInfo(String url) {
		try {
			URI uri = new URI(url);
			if (uri.getRawUserInfo() == null) {
				return url;
			}
			return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
		}
		catch (URISyntaxException ex) {
			return url.replaceAll("//[^/@]*@", "//");
		}
	}

}
