package cn.jiangmen.vethub.source;

/** The three kinds of source the hub integrates. */
public enum SourceKind {

	/** A county office dropping spreadsheets into {@code inbox/county/<id>/}. */
	COUNTY,

	/** The provincial veterans system, pulled over its HTTP API. */
	PROVINCE,

	/**
	 * A hospital or insurer dropping its own file format into
	 * {@code inbox/partners/<id>/}.
	 */
	PARTNER;

	public boolean isFileDrop() {
		return this != PROVINCE;
	}

}
