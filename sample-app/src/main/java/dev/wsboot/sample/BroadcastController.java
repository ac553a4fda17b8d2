package dev.wsboot.sample;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsController;
import dev.wsboot.broadcast.WsBroadcaster;

/**
 * {@code /broadcast}: every message received, text or binary, goes to every client connected to
 * {@code /broadcast}, the sender included.
 */
@WsController(BroadcastController.PATH)
class BroadcastController {

	static final String PATH = "/broadcast";

	private final WsBroadcaster clients;

	BroadcastController(WsBroadcaster clients) {
		this.clients = clients;
	}

	@OnMessage
	void text(String message) {
		this.clients.sendToPath(PATH, message);
	}

	@OnMessage
	void binary(byte[] data) {
		this.clients.sendToPath(PATH, data);
	}

}
