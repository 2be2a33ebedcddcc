package cn.jiangmen.vethub.ops;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import cn.jiangmen.vethub.ingest.HeaderText;
import cn.jiangmen.vethub.ops.PersonalDataMask.Role;

/**
 * What each column of a source's tables holds, for masking: first as the source declares
 * it (a partner mapping's field types, a county's header synonyms, the provincial API's
 * field codes), then, for a column the source does not declare, by words in its header
 * that name personal data whatever the sender calls the column (家属身份证, 联系人电话, 出生年月, 户主,
 * 紧急联系人, 被保险人). Headers are compared as {@link HeaderText#key} does (width, spaces and
 * case ignored). A column with no role is {@link Role#TEXT}: its values are still
 * scanned. Pure.
 *
 * @param declared roles by header key, as the source's configuration gives them
 * @param keysFromId whether the source's record keys are derived from an ID number (a
 * partner's composite key with {@code id-card} in it): such a key is never shown as it is
 * to anyone who sees masked values
 */
public record ColumnRoles(Map<String, Role> declared, boolean keysFromId) {

	/** No declarations: headers alone decide. */
	public static final ColumnRoles HEADERS_ONLY = new ColumnRoles(Map.of(), false);

	private static final Pattern ID_HEADER = Pattern.compile(".*(身份证|证件号|公民身份|身份号码|idcard|id_card|idno|sfz|zjhm).*");

	private static final Pattern PHONE_HEADER = Pattern
		.compile(".*(电话|手机|联系方式|phone|mobile|^tel$|telephone|lxdh|sjhm|lxfs).*");

	private static final Pattern BIRTH_HEADER = Pattern.compile(".*(出生|生日|birth|^csrq$|^dob$).*");

	private static final Pattern NAME_HEADER = Pattern
		.compile(".*(姓名|名字|^name$|fullname|full_name|^xm$|户主|联系人|家属|配偶|监护人|代领人|领款人|收款人|领取人|经办人|申请人|"
				+ "被保险人|投保人|受益人|走访人|慰问人|^zfry$|负责人|签字|签名|父亲|母亲|妻子|丈夫|子女).*");

	public ColumnRoles {
		Map<String, Role> keyed = new HashMap<>();
		declared.forEach((header, role) -> keyed.put(HeaderText.key(header), role));
		declared = Map.copyOf(keyed);
	}

	/** The role of a column by its header as stored with a rejected row. */
	public Role roleOf(String header) {
		String key = HeaderText.key(header);
		Role role = this.declared.get(key);
		return (role != null) ? role : byHeader(key);
	}

	/** The role that a header's words give a column (ID before phone before name). */
	static Role byHeader(String key) {
		if (ID_HEADER.matcher(key).matches()) {
			return Role.ID_CARD;
		}
		if (PHONE_HEADER.matcher(key).matches()) {
			return Role.PHONE;
		}
		if (BIRTH_HEADER.matcher(key).matches()) {
			return Role.BIRTH_DATE;
		}
		if (NAME_HEADER.matcher(key).matches()) {
			return Role.NAME;
		}
		return Role.TEXT;
	}

}
