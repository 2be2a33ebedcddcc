package cn.jiangmen.vethub.ops;

import java.util.Locale;

/** What started a run. */
public enum RunTrigger {

	FILE, SCHEDULE, MANUAL;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

}
