package cn.jiangmen.vethub.ops;

import java.util.Locale;

/**
 * What started a run: a file found in an inbox, a schedule, a click on run-now, or a file
 * put into the inbox from the console ({@code upload}: sent through the browser;
 * {@code retake}: taken again from {@code error/} or {@code archive/}; who did it is in
 * {@code ops.inbox_drop}).
 */
public enum RunTrigger {

	FILE, SCHEDULE, MANUAL, UPLOAD, RETAKE;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

}
