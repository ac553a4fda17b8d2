package dev.wsboot.context;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link WsPortInUseException} and names the property that sets the port.
 */
class WsPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<WsPortInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, WsPortInUseException cause) {
		return new FailureAnalysis("WebSocket server failed to start. Port " + cause.getPort() + " was already in use.",
				"Identify and stop the process that's listening on port " + cause.getPort()
						+ " or configure the WebSocket server to listen on another port with the 'ws.port' property.",
				cause);
	}

}
