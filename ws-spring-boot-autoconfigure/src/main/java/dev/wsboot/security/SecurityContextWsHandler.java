package dev.wsboot.security;

import dev.wsboot.engine.WsHandler;
import dev.wsboot.engine.WsSession;
import dev.wsboot.server.DelegatingWsHandler;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Runs every call of a handler for an authenticated session inside a {@link SecurityContext}
 * holding the session's {@link Authentication}, and clears it after, so that
 * {@code @PreAuthorize} and {@code SecurityContextHolder} work in controllers as they do in Spring
 * MVC. Calls for one session come one at a time, each on one thread, so a thread-bound context is
 * exact.
 */
final class SecurityContextWsHandler extends DelegatingWsHandler {

	private final SecurityContextHolderStrategy strategy;

	SecurityContextWsHandler(WsHandler delegate, SecurityContextHolderStrategy strategy) {
		super(delegate);
		this.strategy = strategy;
	}

	/** Only sessions someone authenticated have a context to set. */
	@Override
	protected boolean wraps(WsSession session) {
		return session.principal() instanceof Authentication;
	}

	@Override
	protected void around(WsSession session, Call call) throws Exception {
		if (!(session.principal() instanceof Authentication authentication)) {
			call.run();
			return;
		}
		SecurityContext context = this.strategy.createEmptyContext();
		context.setAuthentication(authentication);
		this.strategy.setContext(context);
		try {
			call.run();
		}
		finally {
			this.strategy.clearContext();
		}
	}

}
