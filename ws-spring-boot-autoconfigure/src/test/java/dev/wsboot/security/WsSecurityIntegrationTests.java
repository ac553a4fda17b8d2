package dev.wsboot.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.wsboot.broadcast.WsBroadcaster;
import dev.wsboot.context.LocalWsPort;
import dev.wsboot.test.RawHttp;
import dev.wsboot.test.WsTestConnection;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way of authenticating a handshake and every refusal, with real clients over real sockets:
 * the ticket from the web login, the bearer JWT in the Authorization header and in a subprotocol;
 * 401 without credentials, for a used or expired ticket and a bad JWT; 403 without the authority;
 * the principal in controllers, the security context around handler calls, and sendToUser.
 */
@SpringBootTest(classes = SecurityTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ws.port=0", "ws.handler-threads=1", "ws.security.paths[0].pattern=/secure/**",
				"ws.security.paths[0].authorities=ROLE_USER,SCOPE_chat", "ws.security.paths[1].pattern=/admin/**",
				"ws.security.paths[1].authorities=ROLE_ADMIN" })
class WsSecurityIntegrationTests {

	private static final String PREFIX = "base64url.bearer.";

	@LocalWsPort
	int wsPort;

	@LocalServerPort
	int webPort;

	@Autowired
	WsBroadcaster broadcaster;

	private final HttpClient http = HttpClient.newHttpClient();

	private HttpResponse<String> requestTicket(String user) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.webPort + "/ws-ticket"))
			.POST(HttpRequest.BodyPublishers.noBody());
		if (user != null) {
			String basic = Base64.getEncoder().encodeToString((user + ":password").getBytes(StandardCharsets.UTF_8));
			request.header("Authorization", "Basic " + basic);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String ticket(String user) throws IOException, InterruptedException {
		HttpResponse<String> response = requestTicket(user);
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonMapper.builder().build().readTree(response.body()).get("ticket").asString();
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

	private static String jwt(String subject, String scope) {
		return SecurityTestApplication.jwt(subject, scope, SecurityTestApplication.KEYS,
				Instant.now().plus(Duration.ofMinutes(5)));
	}

	/** A well-formed JWT signed by a key the application does not trust. */
	private static String forgedJwt() {
		return SecurityTestApplication.jwt("bob", "chat", SecurityTestApplication.rsaKeys(),
				Instant.now().plus(Duration.ofMinutes(5)));
	}

	private static String tokenSubprotocol(String token) {
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void ticketEndpointAnswersAnAuthenticatedUserWithATicketAndItsLifetimeNeverCached() throws Exception {
		HttpResponse<String> response = requestTicket("user");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		JsonNode body = JsonMapper.builder().build().readTree(response.body());
		assertThat(body.propertyNames()).containsExactly("ticket", "expiresInSeconds");
		assertThat(body.get("ticket").asString()).matches("[A-Za-z0-9_-]{43}");
		assertThat(body.get("expiresInSeconds").asInt()).isEqualTo(30);
	}

	@Test
	void ticketEndpointRefusesAnAnonymousRequestWith401() throws Exception {
		assertThat(requestTicket(null).statusCode()).isEqualTo(401);
	}

	@Test
	void ticketOpensAProtectedPathOnceWithThePrincipalInTheControllerAndTheSecurityContext() throws Exception {
		String ticket = ticket("user");
		try (WsTestConnection client = WsTestConnection.connect(this.wsPort, "/secure/echo?ticket=" + ticket)) {
			assertThat(client.nextText()).isEqualTo("connected user context=user");
			assertThat(client.sendText("hello").nextText()).isEqualTo("user: hello");
		}
		assertThat(WsTestConnection.refusedStatus(this.wsPort, "/secure/echo?ticket=" + ticket)).isEqualTo(401);
	}

	@Test
	void expiredTicketIsRefusedWith401() throws Exception {
		String ticket = ticket("user");
		SecurityTestApplication.CLOCK.advance(Duration.ofSeconds(31));
		assertThat(WsTestConnection.refusedStatus(this.wsPort, "/secure/echo?ticket=" + ticket)).isEqualTo(401);
	}

	@Test
	void unknownTicketIsRefusedWith401() {
		assertThat(WsTestConnection.refusedStatus(this.wsPort, "/secure/echo?ticket=made-up")).isEqualTo(401);
	}

	@Test
	void handshakeWithoutCredentialsOnAProtectedPathIsRefusedWith401AndNoDetail() throws IOException {
		String response = RawHttp.response(this.wsPort, RawHttp.upgrade("/secure/echo", "13"));
		assertThat(response).startsWith("HTTP/1.1 401 ");
		assertThat(response.substring(response.indexOf("\r\n\r\n") + 4)).isEqualTo("Unauthorized");
	}

	@Test
	void authenticatedClientWithoutTheAuthorityIsRefusedWith403() throws Exception {
		assertThat(WsTestConnection.refusedStatus(this.wsPort, "/admin/console?ticket=" + ticket("user"))).isEqualTo(403);
		assertThat(WsTestConnection.refusedStatus(this.wsPort, "/secure/echo?ticket=" + ticket("guest"))).isEqualTo(403);
		assertThat(WsTestConnection.refusedStatus(this.wsPort, "/secure/echo",
				Map.of("Authorization", bearer(jwt("bob", "read"))), List.of()))
			.isEqualTo(403);
	}

	@Test
	void refusalForMissingAuthoritySaysOnlyForbidden() throws Exception {
		String response = RawHttp.response(this.wsPort, RawHttp.upgrade("/admin/console?ticket=" + ticket("user"), "13"));
		assertThat(response).startsWith("HTTP/1.1 403 ");
		assertThat(response.substring(response.indexOf("\r\n\r\n") + 4)).isEqualTo("Forbidden");
	}

	@Test
	void bearerJwtInTheAuthorizationHeaderAuthenticates() {
		try (WsTestConnection client = WsTestConnection.connect(this.wsPort, "/secure/echo",
				Map.of("Authorization", bearer(jwt("bob", "chat"))), List.of())) {
			assertThat(client.nextText()).isEqualTo("connected bob context=bob");
			assertThat(client.sendText("hi").nextText()).isEqualTo("bob: hi");
		}
	}

	@Test
	void badJwtIsRefusedWith401() {
		String forged = forgedJwt();
		String expired = SecurityTestApplication.jwt("bob", "chat", SecurityTestApplication.KEYS,
				Instant.now().minus(Duration.ofMinutes(5)));
		for (String authorization : List.of(bearer(forged), bearer(expired), bearer("not-a-jwt"), "Bearer !!")) {
			assertThat(WsTestConnection.refusedStatus(this.wsPort, "/secure/echo", Map.of("Authorization", authorization),
					List.of()))
				.as(authorization)
				.isEqualTo(401);
		}
	}

	@Test
	void badCredentialsAreRefusedWith401EvenOnAnOpenPath() {
		assertThat(WsTestConnection.refusedStatus(this.wsPort, "/open?ticket=made-up")).isEqualTo(401);
	}

	@Test
	void bearerJwtInASubprotocolAuthenticatesAndOnlyTheRealSubprotocolIsAnswered() {
		try (WsTestConnection client = WsTestConnection.connect(this.wsPort, "/secure/chat",
				tokenSubprotocol(jwt("bob", "chat")), "chat")) {
			assertThat(client.subprotocol()).isEqualTo("chat");
			assertThat(client.sendText("hi").nextText()).isEqualTo("bob [FACTOR_BEARER, SCOPE_chat]: hi");
		}
	}

	@Test
	void badJwtInASubprotocolIsRefusedWith401() {
		String forged = forgedJwt();
		assertThat(WsTestConnection.refusedStatus(this.wsPort, "/secure/chat", tokenSubprotocol(forged), "chat"))
			.isEqualTo(401);
		assertThat(WsTestConnection.refusedStatus(this.wsPort, "/secure/chat", PREFIX + "not*base64", "chat"))
			.isEqualTo(401);
	}

	@Test
	void securityContextIsClearedAfterEachHandlerCall() throws Exception {
		// One handler thread serves both sessions: the anonymous one would see a context left behind.
		try (WsTestConnection user = WsTestConnection.connect(this.wsPort, "/secure/echo?ticket=" + ticket("user"));
				WsTestConnection anonymous = WsTestConnection.connect(this.wsPort, "/open")) {
			assertThat(user.nextText()).isEqualTo("connected user context=user");
			assertThat(user.sendText("first").nextText()).isEqualTo("user: first");
			assertThat(anonymous.sendText("who").nextText()).isEqualTo("anonymous context=none");
		}
		try (WsTestConnection bob = WsTestConnection.connect(this.wsPort, "/open",
				Map.of("Authorization", bearer(jwt("bob", "chat"))), List.of())) {
			assertThat(bob.sendText("who").nextText()).isEqualTo("bob context=bob");
		}
	}

	@Test
	void sendToUserReachesEverySessionOfThatUserAndNoOther() throws Exception {
		try (WsTestConnection first = WsTestConnection.connect(this.wsPort, "/secure/echo?ticket=" + ticket("user"));
				WsTestConnection second = WsTestConnection.connect(this.wsPort, "/secure/echo?ticket=" + ticket("user"));
				WsTestConnection bob = WsTestConnection.connect(this.wsPort, "/secure/echo",
						Map.of("Authorization", bearer(jwt("bob", "chat"))), List.of())) {
			first.nextText();
			second.nextText();
			bob.nextText();
			assertThat(this.broadcaster.sendToUser("user", "for user")).isEqualTo(2);
			assertThat(first.nextText()).isEqualTo("for user");
			assertThat(second.nextText()).isEqualTo("for user");
			// Bob's next message is the one for him: the one for user never reached him.
			assertThat(this.broadcaster.sendToUser("bob", "for bob")).isEqualTo(1);
			assertThat(bob.nextText()).isEqualTo("for bob");
			first.closeNormally();
			second.closeNormally();
			assertThat(this.broadcaster.sendToUser("user", "nobody left")).isZero();
		}
	}

}
