package cn.jiangmen.vethub.ops;

import java.util.Locale;

/**
 * The one vocabulary of reasons a row or a file is refused, in precedence order: a row
 * that fails several checks is rejected for the first. Mirrors {@code ref.reject_reason}
 * (migration V1), which holds the Chinese and English labels used in feedback files and
 * the console.
 */
public enum RejectReason {

	MISSING_REQUIRED("必填项为空"), ID_LOST_PRECISION("身份证号码以数字或科学计数法保存，已丢失位数"), BAD_ID_FORMAT("身份证号码格式不正确"),
	BAD_CHECKSUM("身份证号码校验位错误"), INVALID_DATE("日期无效"), ID_BIRTHDATE_MISMATCH("出生日期与身份证号码不一致"), BAD_VALUE("代码或取值无法识别"),
	UNKNOWN_TOWN("镇街不属于本县（市、区）"), BAD_AMOUNT("金额无效"), DUPLICATE_IN_FILE("文件内重复，以最后一行为准"),
	UNKNOWN_PERSON("库中无此人员，待人员信息到达后自动入库"), UNREADABLE_FILE("文件无法读取");

	private final String labelZh;

	RejectReason(String labelZh) {
		this.labelZh = labelZh;
	}

	/**
	 * The code stored in the database and shown in the API, e.g. {@code bad_checksum}.
	 */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Plain Chinese for the people who made the file. */
	public String labelZh() {
		return this.labelZh;
	}

	public static RejectReason ofCode(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

}
