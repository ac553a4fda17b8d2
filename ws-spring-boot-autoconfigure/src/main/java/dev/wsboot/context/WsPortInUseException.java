package dev.wsboot.context;

/**
 * The WebSocket server could not bind its port because another process holds it.
 */
public class WsPortInUseException extends RuntimeException {

	private final int port;

	public WsPortInUseException(int port, Throwable cause) {
		super("WebSocket server port " + port + " is already in use", cause);
		this.port = port;
	}

	public int getPort() {
		return this.port;
	}

}
