package cn.jiangmen.vethub.source;

/** The kinds of source the hub integrates. */
public enum SourceKind {

	/** A county office dropping spreadsheets into {@code inbox/county/<id>/}. */
	COUNTY,

	/** The provincial veterans system, pulled over its HTTP API. */
	PROVINCE,

	/**
	 * A hospital or insurer dropping its own file format into
	 * {@code inbox/partners/<id>/}.
	 */
	PARTNER,

	/**
	 * A partner's read-only view or query in its own database, pulled on a schedule.
	 */
	DATABASE,

	/**
	 * A partner whose files are fetched from a folder on its SFTP server into
	 * {@code inbox/partners/<id>/}, then read as a partner's dropped files are; the
	 * feedback files go back to the server.
	 */
	SFTP,

	/**
	 * Any JSON-over-HTTP API (a platform, a bureau, a hospital's REST service), pulled on
	 * a schedule as its {@code source.http-api} describes.
	 */
	HTTP_API;

	/** Whether the source's files arrive in a local inbox that a route consumes. */
	public boolean isFileDrop() {
		return this == COUNTY || this == PARTNER || this == SFTP;
	}

	/** Whether the source's files are partner files ({@code source.partner}). */
	public boolean readsPartnerFiles() {
		return this == PARTNER || this == SFTP;
	}

}
