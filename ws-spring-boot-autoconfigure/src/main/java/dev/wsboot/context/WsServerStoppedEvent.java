package dev.wsboot.context;

import dev.wsboot.engine.WsServer;

import org.springframework.context.ApplicationEvent;

/**
 * Published once the WebSocket server stopped and every connection closed.
 */
public class WsServerStoppedEvent extends ApplicationEvent {

	public WsServerStoppedEvent(WsServer server) {
		super(server);
	}

	public WsServer getServer() {
		return (WsServer) getSource();
	}

}
