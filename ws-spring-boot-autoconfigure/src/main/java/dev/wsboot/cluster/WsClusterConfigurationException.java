package dev.wsboot.cluster;

/**
 * The cluster was asked for ({@code ws.cluster.enabled=true}) but cannot run; the failure
 * analyzer turns it into a startup report that says what to change.
 */
public class WsClusterConfigurationException extends RuntimeException {

	private final String action;

	public WsClusterConfigurationException(String description, String action, Throwable cause) {
		super(description, cause);
		this.action = action;
	}

	public WsClusterConfigurationException(String description, String action) {
		super(description);
		this.action = action;
	}

	public String getAction() {
		return this.action;
	}

}
