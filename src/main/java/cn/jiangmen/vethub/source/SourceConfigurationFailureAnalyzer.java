package cn.jiangmen.vethub.source;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a broken source file into a short start-up report instead of a stack trace. */
class SourceConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<SourceConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SourceConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Correct the source file (see docs/sources.md for every setting) and start the hub again.", cause);
	}

}
