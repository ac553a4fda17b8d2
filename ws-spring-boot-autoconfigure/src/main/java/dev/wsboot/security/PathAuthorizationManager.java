package dev.wsboot.security;

import java.util.List;
import java.util.function.Supplier;

import dev.wsboot.engine.WsHandshake;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.util.AntPathMatcher;

/**
 * The rules of {@code ws.security.paths}: the first rule whose pattern matches the handshake's
 * path decides, with Spring Security's own managers (any of the rule's authorities, or just
 * authenticated when it names none); a path that no rule matches is open.
 */
final class PathAuthorizationManager implements AuthorizationManager<WsHandshake> {

	private static final AuthorizationDecision OPEN = new AuthorizationDecision(true);

	private final AntPathMatcher matcher = new AntPathMatcher();

	private final List<Rule> rules;

	record Rule(String pattern, AuthorizationManager<WsHandshake> manager) {

		static Rule of(String pattern, List<String> authorities) {
			return new Rule(pattern, authorities.isEmpty() ? AuthenticatedAuthorizationManager.authenticated()
					: AuthorityAuthorizationManager.hasAnyAuthority(authorities.toArray(String[]::new)));
		}

	}

	PathAuthorizationManager(List<Rule> rules) {
		this.rules = List.copyOf(rules);
	}

	@Override
	public @Nullable AuthorizationResult authorize(Supplier<? extends @Nullable Authentication> authentication,
			WsHandshake handshake) {
		for (Rule rule : this.rules) {
			if (this.matcher.match(rule.pattern(), handshake.path())) {
				return rule.manager().authorize(authentication, handshake);
			}
		}
		return OPEN;
	}

}
