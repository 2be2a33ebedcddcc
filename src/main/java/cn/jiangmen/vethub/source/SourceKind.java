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
	DATABASE;

	public boolean isFileDrop() {
		return this == COUNTY || this == PARTNER;
	}

}
