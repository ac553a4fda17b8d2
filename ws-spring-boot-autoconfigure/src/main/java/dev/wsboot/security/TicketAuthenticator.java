package dev.wsboot.security;

import java.util.List;

import dev.wsboot.engine.WsHandshake;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/** A ticket from the {@link WsTicketStore} in a query parameter of the handshake, redeemed once. */
final class TicketAuthenticator implements WsHandshakeAuthenticator {

	private final WsTicketStore tickets;

	private final String parameter;

	TicketAuthenticator(WsTicketStore tickets, String parameter) {
		this.tickets = tickets;
		this.parameter = parameter;
	}

	@Override
	public @Nullable Authentication authenticate(WsHandshake handshake) {
		List<String> values = handshake.queryParameters().get(this.parameter);
		if (values == null || values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			throw new BadCredentialsException("More than one ticket");
		}
		Authentication authentication = this.tickets.redeem(values.get(0));
		if (authentication == null) {
			throw new BadCredentialsException("Unknown, used or expired ticket");
		}
		return authentication;
	}

}
