package dev.wsboot.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.wsboot.engine.WsHandshake;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * The web application's own login, where it keeps its sessions in Spring Session: browsers send
 * the session cookie to the WebSocket port too (cookies are not isolated by port, RFC 6265 §8.5),
 * and the session found through the application's {@link SessionRepository} holds the
 * {@link SecurityContext} that Spring Security saved at login.
 *
 * <p>Safe only because the Origin check refuses other sites' pages by default: a page of another
 * site would send the same cookie (cross-site WebSocket hijacking). A cookie with no session, or a
 * session with no login, is no credential at all (null), not a bad one: browsers send stale
 * cookies, and an open path must stay open to them.
 */
final class SessionCookieAuthenticator implements WsHandshakeAuthenticator {

	/** Where Spring Security's HttpSessionSecurityContextRepository keeps the context in a session. */
	static final String SECURITY_CONTEXT_ATTRIBUTE = "SPRING_SECURITY_CONTEXT";

	private final SessionRepository<? extends Session> sessions;

	private final String cookieName;

	private final boolean base64;

	/**
	 * @param cookieName the session cookie's name (Spring Session's default is {@code SESSION})
	 * @param base64 whether the cookie holds the session id in Base64, as Spring Session's
	 * {@code DefaultCookieSerializer} writes it by default
	 */
	SessionCookieAuthenticator(SessionRepository<? extends Session> sessions, String cookieName, boolean base64) {
		this.sessions = sessions;
		this.cookieName = cookieName;
		this.base64 = base64;
	}

	@Override
	public @Nullable Authentication authenticate(WsHandshake handshake) {
		String cookie = handshake.cookies().get(this.cookieName);
		if (cookie == null || cookie.isEmpty()) {
			return null;
		}
		String id = sessionId(cookie);
		Session session = (id != null) ? this.sessions.findById(id) : null;
		if (session == null || session.isExpired()) {
			return null;
		}
		Object context = session.getAttribute(SECURITY_CONTEXT_ATTRIBUTE);
		if (context instanceof SecurityContext securityContext) {
			Authentication authentication = securityContext.getAuthentication();
			if (authentication != null && authentication.isAuthenticated()) {
				return authentication;
			}
		}
		return null;
	}

	private @Nullable String sessionId(String cookie) {
		if (!this.base64) {
			return cookie;
		}
		try {
			return new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null; // not a cookie Spring Session wrote
		}
	}

}
