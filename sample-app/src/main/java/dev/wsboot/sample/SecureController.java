package dev.wsboot.sample;

import java.security.Principal;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsController;

/**
 * {@code /secure}: only for authenticated clients ({@code ws.security.paths} in application.yml),
 * which get a ticket from {@code POST /ws-ticket} on the web port and connect with
 * {@code ?ticket=...} (once: a second use is refused with 401), or bring a bearer token. Answers
 * every text message {@code NAME: MESSAGE} with the principal's name.
 */
@WsController("/secure")
class SecureController {

	@OnMessage
	String said(Principal principal, String message) {
		return principal.getName() + ": " + message;
	}

}
