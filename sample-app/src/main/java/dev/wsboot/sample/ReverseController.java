package dev.wsboot.sample;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsController;

/**
 * {@code /reverse}: answers each text message with its characters in reverse order. Only clients
 * that ask for the {@code reverse} subprotocol ({@code Sec-WebSocket-Protocol: reverse}) are
 * accepted; the others are refused at the handshake with 400.
 */
@WsController(path = "/reverse", subprotocols = "reverse", subprotocolRequired = true)
class ReverseController {

	@OnMessage
	String reverse(String message) {
		// By code point, so a character outside the BMP (an emoji) stays one valid character.
		return new StringBuilder(message).reverse().toString();
	}

}
