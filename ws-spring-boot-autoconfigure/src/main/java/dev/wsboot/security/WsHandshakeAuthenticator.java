package dev.wsboot.security;

import dev.wsboot.engine.WsHandshake;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Reads one kind of credentials from an upgrade request and authenticates them. Beans of this type
 * are asked in {@code @Order} (the ticket at {@link #TICKET_ORDER}, the bearer token at
 * {@link #BEARER_TOKEN_ORDER}, the Spring Session cookie at {@link #SESSION_COOKIE_ORDER}); the
 * first that answers decides.
 *
 * <p>Threading: called on the handler executor, concurrently for different handshakes; it may
 * block (a token introspection), as handshake interceptors may.
 */
@FunctionalInterface
public interface WsHandshakeAuthenticator {

	/** The order of the built-in ticket authenticator. */
	int TICKET_ORDER = 100;

	/** The order of the built-in bearer token authenticator. */
	int BEARER_TOKEN_ORDER = 200;

	/** The order of the built-in Spring Session cookie authenticator. */
	int SESSION_COOKIE_ORDER = 300;

	/**
	 * @return the authenticated client, or null when the request carries none of the credentials
	 * this authenticator reads
	 * @throws AuthenticationException when it carries them and they are not valid: the handshake
	 * is refused with 401
	 */
	@Nullable Authentication authenticate(WsHandshake handshake) throws AuthenticationException;

}
