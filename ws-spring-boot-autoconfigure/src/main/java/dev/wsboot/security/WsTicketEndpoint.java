package dev.wsboot.security;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@code POST /ws-ticket} on the web application: issues a ticket to the user the web
 * application authenticated (its login, HTTP Basic, its session), answering
 * {@code {"ticket": "...", "expiresInSeconds": 30}}, never cached; 401 to anyone else. The
 * application's security configuration decides how users log in; this endpoint only refuses those
 * who did not.
 */
final class WsTicketEndpoint implements HandlerFunction<ServerResponse> {

	private final WsTicketStore tickets;

	private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

	WsTicketEndpoint(WsTicketStore tickets) {
		this.tickets = tickets;
	}

	@Override
	public ServerResponse handle(ServerRequest request) {
		Authentication user = request.principal()
			.filter(Authentication.class::isInstance)
			.map(Authentication.class::cast)
			.filter(this.trust::isAuthenticated)
			.orElse(null);
		if (user == null) {
			return ServerResponse.status(HttpStatus.UNAUTHORIZED).build();
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("ticket", this.tickets.issue(user));
		body.put("expiresInSeconds", this.tickets.timeToLive().toSeconds());
		return ServerResponse.ok()
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_JSON)
			.body(body);
	}

}
