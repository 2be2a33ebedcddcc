package cn.jiangmen.vethub.ops;

import java.util.List;
import java.util.Optional;

import cn.jiangmen.vethub.source.SourceDefinition;

/**
 * A source the hub pulls (rather than one that drops files): it can be asked to run now.
 * Implemented by the feature that pulls it; {@code POST /api/sources/{id}/sync} finds the
 * implementation here.
 */
public interface PullSource {

	boolean handles(SourceDefinition source);

	/** The pull source, among those the hub has, that handles the given source. */
	static Optional<PullSource> of(List<PullSource> all, SourceDefinition source) {
		return all.stream().filter((p) -> p.handles(source)).findFirst();
	}

	/**
	 * Starts a run now, in the background.
	 * @param fullResync ignore the high-water marks and read everything again
	 * @return whether it started; {@code false} when a run of this source is already
	 * going
	 */
	SyncStart start(SourceDefinition source, RunTrigger trigger, boolean fullResync);

	/**
	 * @param started whether a new run was started
	 * @param message what happened, for the caller
	 */
	record SyncStart(boolean started, String message) {
	}

}
