package dev.wsboot.engine;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An upgrade request being decided, as seen by a {@link WsHandshakeInterceptor}: what the client
 * sent, and what the interceptor may decide (reject it, attach attributes, pick the subprotocol).
 * Used by one thread at a time.
 */
public interface WsHandshake {

	String path();

	/** Header fields by lower-case name. */
	Map<String, List<String>> headers();

	/** A header field's values joined with ", ", or null. */
	@Nullable String header(String name);

	/** The decoded query parameters. */
	Map<String, List<String>> queryParameters();

	/** Cookies from the Cookie header fields, by name. */
	Map<String, String> cookies();

	InetSocketAddress remoteAddress();

	/** The subprotocols the client offered, in its order. */
	List<String> requestedSubprotocols();

	/** The subprotocol that will be answered, null for none; preset from the endpoint's preference. */
	@Nullable String subprotocol();

	/**
	 * Answers with this subprotocol instead; it must be one the client offered (RFC 6455 §4.2.2), or
	 * null for none.
	 */
	void selectSubprotocol(@Nullable String subprotocol);

	/** Attributes that the session will expose as {@link WsSession#attributes()}. */
	Map<String, Object> attributes();

	/** The principal an interceptor authenticated, or null while none has. */
	@Nullable Principal principal();

	/**
	 * Sets who the client is, as an interceptor established it from the request (a token, a
	 * ticket, a session cookie); the session exposes it as {@link WsSession#principal()}.
	 * @param principal the authenticated principal, or null for none
	 */
	void setPrincipal(@Nullable Principal principal);

	/**
	 * Rejects the upgrade: the client receives this HTTP status with the reason as body.
	 * @param status an HTTP status from 400 to 599
	 */
	void reject(int status, String reason);

	boolean isRejected();

}
