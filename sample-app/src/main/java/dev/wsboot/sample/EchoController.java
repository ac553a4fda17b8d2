package dev.wsboot.sample;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsController;

/**
 * {@code /echo}: answers every text message with the same text and every binary message with
 * the same bytes. Messages up to {@code ws.max-message-size} (16 MB in this sample) are accepted.
 */
@WsController("/echo")
class EchoController {

	@OnMessage
	String text(String message) {
		return message;
	}

	@OnMessage
	byte[] binary(byte[] data) {
		return data;
	}

}
