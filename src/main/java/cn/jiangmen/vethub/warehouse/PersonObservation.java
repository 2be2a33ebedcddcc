package cn.jiangmen.vethub.warehouse;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * What one source said about one person at one time: a roster row (its time is the file's
 * as-of date) or a provincial record (its time is the record's {@code gxsj}). Values are
 * already normalized; an empty value is "not stated" and kept as {@code null}, so that
 * every path stores it alike. Gender and birth date are not here: they always come from
 * the ID number.
 */
public record PersonObservation(String idCard, String sourceId, Kind kind, OffsetDateTime observedAt, String recordRef,
		String name, String category, String politicalStatus, LocalDate enlistDate, LocalDate dischargeDate,
		String phone, String town, String countyCode, String village) {

	public PersonObservation {
		category = stated(category);
		politicalStatus = stated(politicalStatus);
		phone = stated(phone);
		town = stated(town);
		countyCode = stated(countyCode);
		village = stated(village);
	}

	private static String stated(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	public enum Kind {

		PROVINCE("province"), ROSTER("roster");

		private final String code;

		Kind(String code) {
			this.code = code;
		}

		public String code() {
			return this.code;
		}

	}

}
