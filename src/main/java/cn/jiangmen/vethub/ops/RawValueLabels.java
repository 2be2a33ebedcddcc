package cn.jiangmen.vethub.ops;

import java.util.List;
import java.util.Optional;

import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceRegistry;

import org.springframework.stereotype.Component;

/**
 * The {@link FieldLabels} of each source, from the {@link Declarations} of the features
 * whose sources send records with coded fields (the province); every other source's raw
 * values are shown by their own column names ({@link FieldLabels#NONE}).
 */
@Component
public class RawValueLabels {

	/** How a feature tells the labels of its sources' fields. */
	public interface Declarations {

		/** The labels of a source's fields, when the source is of this feature. */
		Optional<FieldLabels> of(SourceDefinition source);

	}

	private final SourceRegistry registry;

	private final List<Declarations> declarations;

	RawValueLabels(SourceRegistry registry, List<Declarations> declarations) {
		this.registry = registry;
		this.declarations = declarations;
	}

	/** The labels of a source's fields ({@link FieldLabels#NONE} for most sources). */
	public FieldLabels of(String sourceId) {
		Optional<SourceDefinition> source = this.registry.find(sourceId);
		if (source.isEmpty()) {
			return FieldLabels.NONE;
		}
		for (Declarations d : this.declarations) {
			Optional<FieldLabels> labels = d.of(source.get());
			if (labels.isPresent()) {
				return labels.get();
			}
		}
		return FieldLabels.NONE;
	}

}
