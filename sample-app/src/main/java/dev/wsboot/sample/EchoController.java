package dev.wsboot.sample;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsController;
import dev.wsboot.engine.WsText;

/**
 * {@code /echo}: answers every text message with the same text and every binary message with
 * the same bytes. Messages up to {@code ws.max-message-size} (16 MB in this sample) are accepted.
 */
@WsController("/echo")
class EchoController {

	/** Text as its UTF-8 bytes: validated on arrival, sent back without decoding or encoding. */
	@OnMessage
	WsText text(WsText message) {
		return message;
	}

	@OnMessage
	byte[] binary(byte[] data) {
		return data;
	}

}
