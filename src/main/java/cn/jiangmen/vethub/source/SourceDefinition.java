package cn.jiangmen.vethub.source;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One source, as declared by IT staff in {@code config/sources/<id>.yml} under the key
 * {@code source}.
 *
 * @param id stable identifier; also the file name and the folder name
 * @param kind county, province, partner, database or sftp
 * @param name human name shown in the console and in feedback files
 * @param countyCode county sources: the 6-digit administrative code of the county
 * @param folder file-drop sources: the inbox below {@code hub.data-dir}; defaults by kind
 * @param filePattern file-drop sources: regular expression of the file names taken
 * (others are left)
 * @param enabled a disabled source is listed but its route does not consume
 * @param province province sources: the API settings
 * @param partner partner sources: the file format and mapping
 * @param database database sources: the connection, query, watermark and mapping
 * @param sftp sftp sources: the server, the account and the remote folders
 * @param httpApi http-api sources: the API, its auth, paging, records and mapping
 */
public record SourceDefinition(
		@NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{1,39}",
				message = "must be 2 to 40 lower-case letters, digits or '-', starting with a letter") String id,
		@NotNull SourceKind kind, @NotBlank String name,
		@Pattern(regexp = "4407\\d\\d",
				message = "must be the 6-digit code of a Jiangmen county (4407xx)") String countyCode,
		String folder, @DefaultValue(".*\\.(xlsx|csv|txt)") String filePattern, @DefaultValue("true") boolean enabled,
		@Valid ProvinceSettings province, @Valid PartnerSettings partner, @Valid DatabaseSettings database,
		@Valid SftpSettings sftp, @Valid HttpApiSettings httpApi) {

	/** The constructor the source files are bound with. */
	@ConstructorBinding
	public SourceDefinition {
	}

	/** A source of one of the first five kinds (no http-api settings). */
	public SourceDefinition(String id, SourceKind kind, String name, String countyCode, String folder,
			String filePattern, boolean enabled, ProvinceSettings province, PartnerSettings partner,
			DatabaseSettings database, SftpSettings sftp) {
		this(id, kind, name, countyCode, folder, filePattern, enabled, province, partner, database, sftp, null);
	}

	/** A source of one of the first three kinds (no database settings). */
	public SourceDefinition(String id, SourceKind kind, String name, String countyCode, String folder,
			String filePattern, boolean enabled, ProvinceSettings province, PartnerSettings partner) {
		this(id, kind, name, countyCode, folder, filePattern, enabled, province, partner, null, null, null);
	}

	/** A source of one of the first four kinds (no sftp settings). */
	public SourceDefinition(String id, SourceKind kind, String name, String countyCode, String folder,
			String filePattern, boolean enabled, ProvinceSettings province, PartnerSettings partner,
			DatabaseSettings database) {
		this(id, kind, name, countyCode, folder, filePattern, enabled, province, partner, database, null, null);
	}

	/** The inbox folder relative to {@code hub.data-dir}, or null for pull sources. */
	public String inboxFolder() {
		if (this.folder != null && !this.folder.isBlank()) {
			return this.folder;
		}
		return switch (this.kind) {
			case COUNTY -> "inbox/county/" + this.id;
			case PARTNER, SFTP -> "inbox/partners/" + this.id;
			case PROVINCE, DATABASE, HTTP_API -> null;
		};
	}

}
