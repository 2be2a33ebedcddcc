package cn.jiangmen.vethub.province;

import java.util.Map;
import java.util.Optional;

import cn.jiangmen.vethub.ops.ColumnRoles;
import cn.jiangmen.vethub.ops.PersonalColumns;
import cn.jiangmen.vethub.ops.PersonalDataMask.Role;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;

import org.springframework.stereotype.Component;

/**
 * The personal fields of the provincial API's records, kept by their field codes in a
 * rejected record's raw values: {@code sfzhm}, {@code xm}, {@code lxdh}, {@code csrq},
 * and the visitor {@code zfry}. Other fields are scanned like any text.
 */
@Component
class ProvinceColumns implements PersonalColumns.Declarations {

	static final ColumnRoles ROLES = new ColumnRoles(Map.of("sfzhm", Role.ID_CARD, "xm", Role.NAME, "zfry", Role.NAME,
			"lxdh", Role.PHONE, "csrq", Role.BIRTH_DATE), false);

	@Override
	public Optional<ColumnRoles> of(SourceDefinition source) {
		return (source.kind() == SourceKind.PROVINCE) ? Optional.of(ROLES) : Optional.empty();
	}

}
