package dev.wsboot.security;

import java.util.List;

import dev.wsboot.engine.WsHandshake;
import dev.wsboot.engine.WsHandshakeInterceptor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * Authenticates every upgrade request with the {@link WsHandshakeAuthenticator}s, puts the
 * result on the session ({@code WsSession.principal()}), and asks the
 * {@link AuthorizationManager} whether the client may open the path: refused with 401 when it
 * presented bad credentials or none where they are needed, 403 when it is authenticated but not
 * allowed, as Spring Security's {@code ExceptionTranslationFilter} answers. The refusal's body
 * says only that; why is logged at DEBUG. It runs before the application's interceptors, which
 * then see the principal.
 */
public final class WsSecurityInterceptor implements WsHandshakeInterceptor, Ordered {

	/** Before interceptors of the default order. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private static final Log logger = LogFactory.getLog(WsSecurityInterceptor.class);

	/** The subject of a handshake without credentials, as Spring Security's anonymous filter makes it. */
	private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("wsboot", "anonymousUser",
			AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	private final List<WsHandshakeAuthenticator> authenticators;

	private final AuthorizationManager<WsHandshake> authorization;

	private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

	public WsSecurityInterceptor(List<WsHandshakeAuthenticator> authenticators,
			AuthorizationManager<WsHandshake> authorization) {
		this.authenticators = List.copyOf(authenticators);
		this.authorization = authorization;
	}

	@Override
	public void beforeHandshake(WsHandshake handshake) {
		Authentication authentication;
		try {
			authentication = authenticate(handshake);
		}
		catch (AuthenticationServiceException ex) {
			throw ex; // the authentication service failed, not the client: 500, logged by the engine
		}
		catch (AuthenticationException ex) {
			logger.debug("Refusing the handshake on " + handshake.path() + " from " + handshake.remoteAddress()
					+ " with 401: " + ex.getMessage());
			handshake.reject(401, "Unauthorized");
			return;
		}
		if (authentication != null) {
			handshake.setPrincipal(authentication);
		}
		Authentication subject = (authentication != null) ? authentication : ANONYMOUS;
		AuthorizationResult result = this.authorization.authorize(() -> subject, handshake);
		if (result != null && !result.isGranted()) {
			boolean anonymous = this.trust.isAnonymous(subject);
			logger.debug("Refusing the handshake on " + handshake.path() + " from " + handshake.remoteAddress()
					+ (anonymous ? " with 401: no credentials" : " with 403: " + subject.getName() + " is not allowed"));
			handshake.reject(anonymous ? 401 : 403, anonymous ? "Unauthorized" : "Forbidden");
		}
	}

	private @Nullable Authentication authenticate(WsHandshake handshake) {
		for (WsHandshakeAuthenticator authenticator : this.authenticators) {
			Authentication authentication = authenticator.authenticate(handshake);
			if (authentication != null) {
				return authentication;
			}
		}
		return null;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
