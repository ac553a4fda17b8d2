package dev.wsboot.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.wsboot.context.LocalWsPort;
import dev.wsboot.test.WsTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web application's own login through Spring Session: the session cookie a browser sends to
 * the WebSocket port authenticates the handshake with the login's principal; a stale cookie or a
 * session without a login is no credential; a page of another site with the same cookie is
 * refused by the Origin check before the cookie is looked at.
 */
@SpringBootTest(classes = { SecurityTestApplication.class, WsSessionCookieIntegrationTests.Sessions.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ws.port=0", "ws.security.paths[0].pattern=/secure/**",
				"ws.security.paths[0].authorities=ROLE_USER" })
class WsSessionCookieIntegrationTests {

	@LocalWsPort
	int wsPort;

	@Autowired
	MapSessionRepository sessions;

	@Test
	void theSessionCookieOfALoggedInUserOpensAProtectedPathWithTheLoginsPrincipal() {
		String cookie = sessionCookie(true);
		try (WsTestConnection client = WsTestConnection.connect(this.wsPort, "/secure/echo", Map.of("Cookie", cookie),
				List.of())) {
			assertThat(client.nextText()).isEqualTo("connected ada context=ada");
			assertThat(client.sendText("hello").nextText()).isEqualTo("ada: hello");
		}
	}

	@Test
	void aCookieOfNoSessionIsNoCredentialSoAProtectedPathSays401AndAnOpenPathStaysOpen() {
		String stale = "SESSION=" + base64("no-such-session");
		assertThat(WsTestConnection.refusedStatus(this.wsPort, "/secure/echo", Map.of("Cookie", stale), List.of()))
			.isEqualTo(401);
		try (WsTestConnection client = WsTestConnection.connect(this.wsPort, "/open", Map.of("Cookie", stale),
				List.of())) {
			assertThat(client.sendText("hi").nextText()).isEqualTo("anonymous context=none");
		}
	}

	@Test
	void aSessionWithoutALoginIsRefusedWith401() {
		assertThat(WsTestConnection.refusedStatus(this.wsPort, "/secure/echo", Map.of("Cookie", sessionCookie(false)),
				List.of()))
			.isEqualTo(401);
	}

	@Test
	void aPageOfAnotherSiteWithTheUsersCookieIsRefusedWith403() {
		Map<String, String> crossSite = Map.of("Cookie", sessionCookie(true), "Origin", "https://evil.example");
		assertThat(WsTestConnection.refusedStatus(this.wsPort, "/secure/echo", crossSite, List.of())).isEqualTo(403);
	}

	/** A session as Spring Security leaves it after a login (or before one), and its cookie. */
	private String sessionCookie(boolean loggedIn) {
		MapSession session = this.sessions.createSession();
		if (loggedIn) {
			session.setAttribute(SessionCookieAuthenticator.SECURITY_CONTEXT_ATTRIBUTE,
					new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated("ada", null,
							List.of(new SimpleGrantedAuthority("ROLE_USER")))));
		}
		this.sessions.save(session);
		return "SESSION=" + base64(session.getId());
	}

	private static String base64(String id) {
		return Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8));
	}

	@Configuration(proxyBeanMethods = false)
	static class Sessions {

		@Bean
		MapSessionRepository sessionRepository() {
			return new MapSessionRepository(new ConcurrentHashMap<>());
		}

	}

}
