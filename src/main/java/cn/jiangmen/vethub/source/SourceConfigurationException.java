package cn.jiangmen.vethub.source;

import java.nio.file.Path;

/**
 * A source file that cannot be used: the hub refuses to start and says which file, field
 * and why.
 */
public class SourceConfigurationException extends RuntimeException {

	private final Path file;

	private final String field;

	public SourceConfigurationException(Path file, String field, String reason) {
		super("Source file " + file + (field != null ? ", field '" + field + "'" : "") + ": " + reason);
		this.file = file;
		this.field = field;
	}

	public Path getFile() {
		return this.file;
	}

	public String getField() {
		return this.field;
	}

}
