package cn.jiangmen.vethub.partner;

import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.source.PartnerSettings.Target;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One kind of county sheet that feeds a fact table through the partner mapping
 * ({@link SheetKinds}), written by IT staff under {@code hub.county.sheets} in
 * {@code config/application.yml}: adding a kind of county sheet is an entry here, a
 * {@link Target} and a migration, no processor code.
 *
 * @param name what the sheet is called (招聘会登记表), for logs and docs
 * @param target the fact table it loads into
 * @param columns target field (e.g. {@code fair-date}) to the header texts that name it
 * (compared without spaces, line breaks and full-width brackets); a sheet is of this kind
 * when its header names every required field and every key field
 * @param recordKey the fields that identify a record; defaults to the target's natural
 * key
 * @param values further written forms of coded values by target field: each list is the
 * canonical value first, then its other forms (e.g. {@code [是, 当年退役]})
 * @param recognisedBy fields that mark a sheet as of this kind even when its header lacks
 * a required column: a header naming the ID column (or, for a kind about no person, the
 * first key field) and one of these is of the kind, and each of its rows is then refused
 * as {@code missing_required} for the missing column, instead of the sheet being read as
 * something else (a roster). Empty: only a complete header is of the kind
 */
public record SheetKind(@NotBlank String name, @NotNull Target target, @NotEmpty Map<String, List<String>> columns,
		List<String> recordKey, @DefaultValue Map<String, List<List<String>>> values,
		@DefaultValue List<String> recognisedBy) {

	@ConstructorBinding
	public SheetKind {
		recognisedBy = (recognisedBy != null) ? List.copyOf(recognisedBy) : List.of();
	}

	/** A kind recognised by a complete header only. */
	public SheetKind(String name, Target target, Map<String, List<String>> columns, List<String> recordKey,
			Map<String, List<List<String>>> values) {
		this(name, target, columns, recordKey, values, List.of());
	}

}
