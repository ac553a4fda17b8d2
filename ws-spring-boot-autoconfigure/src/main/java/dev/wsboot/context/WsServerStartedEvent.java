package dev.wsboot.context;

import dev.wsboot.engine.WsServer;

import org.springframework.context.ApplicationEvent;

/**
 * Published once the WebSocket server listens; carries the bound port.
 */
public class WsServerStartedEvent extends ApplicationEvent {

	public WsServerStartedEvent(WsServer server) {
		super(server);
	}

	public WsServer getServer() {
		return (WsServer) getSource();
	}

	/** The bound port, the actual one when {@code ws.port=0}. */
	public int getPort() {
		return getServer().port();
	}

}
