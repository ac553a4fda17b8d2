package dev.wsboot.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

/**
 * Short-lived single-use tickets: the web application issues one to a logged-in user, and the
 * WebSocket handshake presents it as a query parameter. A ticket is redeemable once, within its
 * time to live, so a ticket read from a log line is worthless. Thread-safe.
 */
public interface WsTicketStore {

	/** @return a new unguessable ticket for this authenticated user */
	String issue(Authentication authentication);

	/**
	 * Takes a ticket, so that it cannot be redeemed again.
	 * @return the authentication it was issued for, or null if it is unknown, was redeemed already,
	 * or expired
	 */
	@Nullable Authentication redeem(String ticket);

	/** How long a ticket stays redeemable after it was issued. */
	Duration timeToLive();

}
