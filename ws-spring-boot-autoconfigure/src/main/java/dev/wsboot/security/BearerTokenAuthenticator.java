package dev.wsboot.security;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.wsboot.engine.WsHandshake;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * A bearer token (RFC 6750), JWT or opaque, checked by an {@link AuthenticationManager} that
 * authenticates {@link BearerTokenAuthenticationToken}s, as Spring Security's resource server does.
 * The token comes from the {@code Authorization: Bearer} header (non-browser clients) or, since
 * browsers cannot set headers on a WebSocket handshake, from an offered subprotocol made of a
 * prefix and the token in base64url without padding (the convention of Kubernetes'
 * {@code base64url.bearer.authorization.k8s.io.}: tokens may hold characters a subprotocol may not,
 * such as {@code /} and {@code =}). The header wins when both are present. That subprotocol is
 * never answered: the client offers the endpoint's real subprotocol beside it, and that is answered.
 */
final class BearerTokenAuthenticator implements WsHandshakeAuthenticator {

	/** RFC 6750 §2.1: b64token, the syntax Spring Security's DefaultBearerTokenResolver accepts. */
	private static final Pattern AUTHORIZATION = Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$",
			Pattern.CASE_INSENSITIVE);

	private final AuthenticationManager manager;

	private final String subprotocolPrefix;

	BearerTokenAuthenticator(AuthenticationManager manager, String subprotocolPrefix) {
		this.manager = manager;
		this.subprotocolPrefix = subprotocolPrefix;
	}

	@Override
	public @Nullable Authentication authenticate(WsHandshake handshake) {
		String token = fromHeader(handshake.header("authorization"));
		if (token == null) {
			token = fromSubprotocols(handshake);
		}
		return (token != null) ? this.manager.authenticate(new BearerTokenAuthenticationToken(token)) : null;
	}

	private static @Nullable String fromHeader(@Nullable String authorization) {
		if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("bearer")) {
			return null; // another scheme is not ours to judge
		}
		Matcher matcher = AUTHORIZATION.matcher(authorization);
		if (!matcher.matches()) {
			throw new InvalidBearerTokenException("Bearer token is malformed");
		}
		return matcher.group("token");
	}

	private @Nullable String fromSubprotocols(WsHandshake handshake) {
		String encoded = null;
		for (String offer : handshake.requestedSubprotocols()) {
			if (offer.startsWith(this.subprotocolPrefix)) {
				if (encoded != null) {
					throw new InvalidBearerTokenException("More than one bearer token subprotocol");
				}
				encoded = offer.substring(this.subprotocolPrefix.length());
			}
		}
		if (encoded == null) {
			return null;
		}
		if (isToken(handshake.subprotocol())) {
			handshake.selectSubprotocol(null); // never answer the token itself
		}
		return decode(encoded);
	}

	private boolean isToken(@Nullable String subprotocol) {
		return subprotocol != null && subprotocol.startsWith(this.subprotocolPrefix);
	}

	private static String decode(String encoded) {
		try {
			byte[] bytes = Base64.getUrlDecoder().decode(encoded);
			String token = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
			if (token.isEmpty()) {
				throw new InvalidBearerTokenException("Empty bearer token subprotocol");
			}
			return token;
		}
		catch (IllegalArgumentException | CharacterCodingException ex) {
			throw new InvalidBearerTokenException("Bearer token subprotocol is not base64url of UTF-8");
		}
	}

}
