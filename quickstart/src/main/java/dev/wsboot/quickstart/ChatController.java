package dev.wsboot.quickstart;

import dev.wsboot.annotation.OnConnect;
import dev.wsboot.annotation.OnDisconnect;
import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsController;
import dev.wsboot.broadcast.WsBroadcaster;
import dev.wsboot.engine.CloseStatus;

// tag::controller[]
@WsController("/chat")
class ChatController {

	private final WsBroadcaster clients;

	ChatController(WsBroadcaster clients) {
		this.clients = clients;
	}

	@OnConnect
	void joined(long clientId) {
		clients.sendAll("ClientID " + clientId + " just joined the server");
	}

	@OnMessage
	String said(long clientId, String message) {
		return "You said: " + message;
	}

	@OnDisconnect
	void left(long clientId, CloseStatus status) {
		clients.sendAll("ClientID " + clientId + " left");
	}

}
// end::controller[]
