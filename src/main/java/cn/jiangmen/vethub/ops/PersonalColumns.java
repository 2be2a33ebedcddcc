package cn.jiangmen.vethub.ops;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceRegistry;
import cn.jiangmen.vethub.system.HubFolders;
import cn.jiangmen.vethub.system.SecretFile;

import org.springframework.stereotype.Component;

/**
 * The masking of a source's rejected rows for everyone who sees masked values (every
 * VIEWER, and an ADMIN who has not asked for full values): each column masked by the role
 * that the source's own configuration gives it ({@link ColumnRoles}, from the
 * {@link Declarations} of the county, partner and province features), every value
 * scanned, and record keys derived from an ID number replaced by a keyed pseudonym. The
 * pseudonym's key is a secret of the installation, kept in
 * {@code <data-dir>/secrets/record-key} (made on first use).
 */
@Component
public class PersonalColumns {

	/** How a feature tells the columns of its sources. */
	public interface Declarations {

		/** The roles of a source's columns, when the source is of this feature. */
		Optional<ColumnRoles> of(SourceDefinition source);

	}

	private final SourceRegistry registry;

	private final List<Declarations> declarations;

	private final HubFolders folders;

	private volatile byte[] keySecret;

	PersonalColumns(SourceRegistry registry, List<Declarations> declarations, HubFolders folders) {
		this.registry = registry;
		this.declarations = declarations;
		this.folders = folders;
	}

	/** The column roles of a source (headers only for a source no longer configured). */
	public ColumnRoles of(String sourceId) {
		Optional<SourceDefinition> source = this.registry.find(sourceId);
		if (source.isEmpty()) {
			return ColumnRoles.HEADERS_ONLY;
		}
		for (Declarations d : this.declarations) {
			Optional<ColumnRoles> roles = d.of(source.get());
			if (roles.isPresent()) {
				return roles.get();
			}
		}
		return ColumnRoles.HEADERS_ONLY;
	}

	/** A rejected row's raw values, masked by the roles of its source's columns. */
	public Map<String, Object> rawValues(ColumnRoles roles, Map<String, ?> raw) {
		return PersonalDataMask.row(raw, roles::roleOf);
	}

	/**
	 * A record key as it may be shown masked: a key derived from an ID number as its
	 * keyed pseudonym, any other scanned like any text.
	 */
	public String recordKey(ColumnRoles roles, String key) {
		if (key == null || key.isEmpty()) {
			return key;
		}
		return roles.keysFromId() ? PersonalDataMask.keyPseudonym(secret(), key) : PersonalDataMask.text(key);
	}

	private byte[] secret() {
		byte[] s = this.keySecret;
		if (s == null) {
			s = SecretFile.readOrCreate(this.folders.root().resolve("secrets").resolve("record-key"), 32)
				.getBytes(StandardCharsets.UTF_8);
			this.keySecret = s;
		}
		return s;
	}

}
