package cn.jiangmen.vethub.partner;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import cn.jiangmen.vethub.ops.ColumnRoles;
import cn.jiangmen.vethub.ops.PersonalColumns;
import cn.jiangmen.vethub.ops.PersonalDataMask.Role;
import cn.jiangmen.vethub.source.PartnerSettings.FieldType;
import cn.jiangmen.vethub.source.PartnerSettings.Mapping;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;

import org.springframework.stereotype.Component;

/**
 * The personal columns of a partner's files and database views, by its mapping: the
 * column mapped to {@code id-card} is an ID, the one mapped to {@code name} a name,
 * whatever their headers (被保险人, 患者). A record key made of fields that include
 * {@code id-card} is derived from an ID number.
 */
@Component
class PartnerColumns implements PersonalColumns.Declarations {

	@Override
	public Optional<ColumnRoles> of(SourceDefinition source) {
		if (source.kind() == SourceKind.PARTNER && source.partner() != null) {
			return Optional.of(roles(source.partner().mappings()));
		}
		if (source.kind() == SourceKind.DATABASE && source.database() != null) {
			// a view's columns are mapped as a file's are: patient_name is a name
			return Optional.of(roles(source.database().mappings()));
		}
		if (source.kind() == SourceKind.HTTP_API && source.httpApi() != null) {
			// an API's records are mapped by pointer: /insured/idNo is an ID number
			return Optional.of(roles(source.httpApi().mappings()));
		}
		return Optional.empty();
	}

	static ColumnRoles roles(Iterable<Mapping> mappings) {
		Map<String, Role> declared = new HashMap<>();
		boolean keysFromId = false;
		for (Mapping mapping : mappings) {
			mapping.fields().forEach((name, field) -> {
				FieldType type = (field.type() != null) ? field.type()
						: mapping.target().field(name).map((f) -> f.type()).orElse(FieldType.TEXT);
				if (type == FieldType.ID_CARD) {
					declared.put(field.column(), Role.ID_CARD);
				}
				else if (type == FieldType.NAME) {
					declared.put(field.column(), Role.NAME);
				}
			});
			keysFromId |= mapping.keyFields().contains("id-card");
		}
		return new ColumnRoles(declared, keysFromId);
	}

}
