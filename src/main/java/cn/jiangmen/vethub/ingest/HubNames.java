package cn.jiangmen.vethub.ingest;

import java.nio.file.Path;

/**
 * Resolves a file name that came from outside inside a folder, refusing anything that
 * would leave it.
 */
final class HubNames {

	private HubNames() {
	}

	static Path inside(Path folder, String untrustedName) {
		if (untrustedName == null || untrustedName.isBlank() || untrustedName.contains("/")
				|| untrustedName.contains("\\") || untrustedName.startsWith("..") || untrustedName.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("Not a plain file name");
		}
		Path base = folder.toAbsolutePath().normalize();
		Path resolved = base.resolve(untrustedName).normalize();
		if (!base.equals(resolved.getParent())) {
			throw new IllegalArgumentException("Not a plain file name");
		}
		return resolved;
	}

}
