package dev.wsboot.cluster;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains why the cluster could not start and what to change.
 */
class WsClusterFailureAnalyzer extends AbstractFailureAnalyzer<WsClusterConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, WsClusterConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
