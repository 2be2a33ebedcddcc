package cn.jiangmen.vethub.county;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.jiangmen.vethub.ops.ColumnRoles;
import cn.jiangmen.vethub.ops.PersonalColumns;
import cn.jiangmen.vethub.ops.PersonalDataMask.Role;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;

import org.springframework.stereotype.Component;

/**
 * The personal columns of a county's sheets, by the header synonyms the hub reads them
 * with (built in and {@code hub.county.headers}): whatever a county calls its name
 * column, it is masked as a name.
 */
@Component
class CountyColumns implements PersonalColumns.Declarations {

	private static final Map<CountyField, Role> ROLES = Map.of(CountyField.ID_CARD, Role.ID_CARD, CountyField.NAME,
			Role.NAME, CountyField.HANDLER, Role.NAME, CountyField.PHONE, Role.PHONE, CountyField.BIRTH_DATE,
			Role.BIRTH_DATE, CountyField.BIRTH_MONTH, Role.BIRTH_DATE);

	private final ColumnRoles roles;

	CountyColumns(CountyProperties properties) {
		this.roles = roles(properties.headers());
	}

	static ColumnRoles roles(Map<String, List<String>> configured) {
		Map<String, Role> declared = new HashMap<>();
		CountyField.synonyms(configured).forEach((key, texts) -> {
			Role role = ROLES.get(CountyField.ofKey(key).orElseThrow());
			if (role != null) {
				texts.forEach((text) -> declared.put(text, role));
			}
		});
		return new ColumnRoles(declared, false);
	}

	@Override
	public Optional<ColumnRoles> of(SourceDefinition source) {
		return (source.kind() == SourceKind.COUNTY) ? Optional.of(this.roles) : Optional.empty();
	}

}
