package cn.jiangmen.vethub.ops;

import java.util.Locale;

/** How a run ended (or that it is still running). */
public enum RunStatus {

	RUNNING, SUCCEEDED, FAILED, SKIPPED_DUPLICATE, UNREADABLE;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

}
