package dev.wsboot.engine.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.wsboot.engine.EchoHandler;
import dev.wsboot.engine.HandshakeRejection;
import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.RawClient.Response;
import dev.wsboot.engine.support.TestServers;
import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.engine.WsHandler;
import dev.wsboot.engine.WsServer;
import dev.wsboot.engine.WsSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The opening handshake (RFC 6455 §4.2) through a socket: each refusal has the status and header
 * fields that tell the client what is wrong, the server closes the connection after it, and a new
 * client is served afterwards.
 */
class HandshakeConformanceTests {

	private static WsServer server;

	/** A server whose interceptor guards "/guarded" with a token and attaches the user. */
	private static WsServer guarded;

	@BeforeAll
	static void startServers() throws IOException {
		WsHandler describeSession = new WsHandler() {
			@Override
			public void onOpen(WsSession session) {
				session.sendText("subprotocol=" + session.subprotocol() + " user=" + session.attributes().get("user")
						+ " room=" + session.queryParameters().get("room") + " principal="
						+ ((session.principal() != null) ? session.principal().getName() : null));
			}
		};
		server = TestServers.start(WsServer.builder()
			.config(TestServers.config()
				.limits((limits) -> limits.maxHandshakeSize(1024))
				.network((network) -> network.allowedOrigins(List.of("https://example.com", "https://*.example.org")))
				.build())
			.endpoint("/", new EchoHandler())
			.endpoint(new WsEndpoint("/proto", describeSession, List.of("v2.chat", "v1.chat"), false))
			.endpoint(new WsEndpoint("/required", describeSession, List.of("mqtt"), true)));
		guarded = TestServers.start(WsServer.builder()
			.config(TestServers.config().build())
			.endpoint("/", new EchoHandler())
			.endpoint("/guarded", describeSession)
			.interceptor((handshake) -> {
				if (handshake.path().equals("/guarded")) {
					String token = handshake.queryParameters().getOrDefault("token", List.of("")).get(0);
					if (!token.equals("secret")) {
						handshake.reject(401, "token required");
						return;
					}
					handshake.attributes().put("user", "alice");
					handshake.setPrincipal(() -> "alice");
				}
				if (handshake.header("x-explode") != null) {
					throw new IllegalStateException("interceptor failed");
				}
			}));
	}

	@AfterAll
	static void stopServers() {
		server.stop(Duration.ofSeconds(1));
		guarded.stop(Duration.ofSeconds(1));
	}

	@AfterEach
	void serversStillServeAFreshClient() throws IOException {
		TestServers.assertServesFreshClient(server);
		TestServers.assertServesFreshClient(guarded);
	}

	/** Sends a raw request head and reads the response; asserts the server then closes TCP. */
	private static Response exchange(WsServer target, String request) throws IOException {
		try (RawClient client = RawClient.connect(target.port())) {
			client.sendAscii(request);
			Response response = client.readResponse();
			assertThat(client.awaitEndOfStream()).as("server closes the connection after %s", response).isTrue();
			return response;
		}
	}

	private static Response upgrade(WsServer target, String path, String... headers) throws IOException {
		return exchange(target, RawClient.upgradeRequest(path, headers));
	}

	@Test
	void plainHttpGetIsAnsweredWith426NamingTheWebSocketProtocol() throws IOException {
		Response response = exchange(server, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
		assertThat(response.status()).isEqualTo(426);
		assertThat(response.header("upgrade")).isEqualTo("websocket");
		assertThat(response.header("connection")).isEqualTo("close");
	}

	@Test
	void wrongWebSocketVersionIsAnsweredWith426AndTheVersionWeSpeak() throws IOException {
		// RFC 6455 §4.2.2: the response carries the Sec-WebSocket-Version the server understands.
		Response response = exchange(server, RawClient.upgradeRequest("/").replace("Version: 13", "Version: 8"));
		assertThat(response.status()).isEqualTo(426);
		assertThat(response.header("sec-websocket-version")).isEqualTo("13");
		assertThat(server.stats().handshakesRejected(HandshakeRejection.VERSION)).isPositive();
	}

	@Test
	void missingHostIsRefusedWith400() throws IOException {
		assertThat(exchange(server, RawClient.upgradeRequest("/").replace("Host: 127.0.0.1\r\n", "")).status()).isEqualTo(400);
	}

	@Test
	void keyThatIsNotSixteenBytesOfBase64IsRefusedWith400() throws IOException {
		assertThat(exchange(server, RawClient.upgradeRequest("/").replace(RawClient.KEY, "c2hvcnQ=")).status()).isEqualTo(400);
	}

	@Test
	void connectionHeaderWithoutUpgradeIsRefusedWith400() throws IOException {
		assertThat(exchange(server, RawClient.upgradeRequest("/").replace("Connection: Upgrade", "Connection: keep-alive")).status())
			.isEqualTo(400);
	}

	@Test
	void postIsRefusedWith405AllowingGet() throws IOException {
		Response response = exchange(server, RawClient.upgradeRequest("/").replace("GET /", "POST /"));
		assertThat(response.status()).isEqualTo(405);
		assertThat(response.header("allow")).isEqualTo("GET");
	}

	@Test
	void unknownPathIsRefusedWith404() throws IOException {
		assertThat(upgrade(server, "/nowhere").status()).isEqualTo(404);
		assertThat(server.stats().handshakesRejected(HandshakeRejection.NOT_FOUND)).isPositive();
	}

	@Test
	void malformedRequestLineIsRefusedWith400() throws IOException {
		assertThat(exchange(server, "GARBAGE\r\n\r\n").status()).isEqualTo(400);
	}

	@Test
	void disallowedOriginIsRefusedWith403() throws IOException {
		// RFC 6455 §10.2: the server may refuse origins it does not accept, with 403.
		assertThat(upgrade(server, "/", "Origin: https://evil.com").status()).isEqualTo(403);
		assertThat(upgrade(server, "/", "Origin: https://example.org").status()).isEqualTo(403);
		assertThat(upgrade(server, "/", "Origin: https://example.com.evil.com").status()).isEqualTo(403);
		assertThat(server.stats().handshakesRejected(HandshakeRejection.ORIGIN)).isGreaterThanOrEqualTo(3);
	}

	@Test
	void allowedOriginsExactAndByWildcardAreAccepted() throws IOException {
		for (String origin : List.of("https://example.com", "HTTPS://EXAMPLE.COM", "https://chat.example.org",
				"https://a.b.example.org")) {
			RawClient.open(server.port(), "/", "Origin: " + origin).close();
		}
		// Not from a browser: no Origin header at all is allowed.
		RawClient.open(server.port(), "/").close();
	}

	@Test
	void headOverMaxHandshakeSizeIsRefusedWith431() throws IOException {
		Response response = upgrade(server, "/", "X-Filler: " + "a".repeat(1100));
		assertThat(response.status()).isEqualTo(431);
		assertThat(server.stats().handshakesRejected(HandshakeRejection.TOO_LARGE)).isPositive();
	}

	@Test
	void upgradeOverMaxConnectionsIsRefusedWith503AndASlotFreedIsReused() throws IOException {
		WsServer small = TestServers.echo(TestServers.config().limits((limits) -> limits.maxConnections(2)).build());
		try (RawClient first = RawClient.open(small.port()); RawClient second = RawClient.open(small.port())) {
			assertThat(upgrade(small, "/").status()).isEqualTo(503);
			assertThat(small.stats().handshakesRejected(HandshakeRejection.TOO_MANY_CONNECTIONS)).isEqualTo(1);
			first.sendClose(1000, "");
			assertThat(first.readClose().closeCode()).isEqualTo(1000);
			assertThat(first.awaitEndOfStream()).isTrue();
			TestServers.await("the closed session to leave", Duration.ofSeconds(5), () -> small.activeConnections() == 1);
			TestServers.assertServesFreshClient(small);
		}
		finally {
			small.stop(Duration.ofSeconds(1));
		}
	}

	@Test
	void handshakeSentOneByteAtATimeSucceeds() throws IOException {
		try (RawClient client = RawClient.connect(server.port())) {
			client.sendOneByteAtATime(RawClient.upgradeRequest("/").getBytes(StandardCharsets.ISO_8859_1));
			assertThat(client.readResponse().status()).isEqualTo(101);
			client.sendText("after a slow handshake");
			client.assertReceivesText("after a slow handshake");
		}
	}

	@Test
	void framesSentInTheSamePacketAsTheHandshakeAreProcessed() throws IOException {
		try (RawClient client = RawClient.connect(server.port())) {
			client.send(ConformanceTestSupport.concat(RawClient.upgradeRequest("/").getBytes(StandardCharsets.ISO_8859_1),
					RawClient.frame(0x81, "early".getBytes()), RawClient.frame(0x81, "bird".getBytes())));
			assertThat(client.readResponse().status()).isEqualTo(101);
			client.assertReceivesText("early");
			client.assertReceivesText("bird");
		}
	}

	@Test
	void framesSentInTheSamePacketAsTheHandshakeAreProcessedWhileAnInterceptorDecides() throws IOException {
		try (RawClient client = RawClient.connect(guarded.port())) {
			client.send(ConformanceTestSupport.concat(RawClient.upgradeRequest("/").getBytes(StandardCharsets.ISO_8859_1),
					RawClient.frame(0x81, "early".getBytes()), RawClient.frame(0x81, "bird".getBytes())));
			assertThat(client.readResponse().status()).isEqualTo(101);
			client.assertReceivesText("early");
			client.assertReceivesText("bird");
		}
	}

	@Test
	void serverPicksTheFirstOfItsOwnSubprotocolsThatTheClientOffers() throws IOException {
		// RFC 6455 §4.2.2: the server selects one of the client's values; ours by our preference.
		try (RawClient client = RawClient.connect(server.port())) {
			Response response = client.upgrade("/proto", "Sec-WebSocket-Protocol: v1.chat, v2.chat");
			assertThat(response.status()).isEqualTo(101);
			assertThat(response.header("sec-websocket-protocol")).isEqualTo("v2.chat");
			assertThat(client.readFrame().text()).startsWith("subprotocol=v2.chat ");
		}
		try (RawClient client = RawClient.connect(server.port())) {
			Response response = client.upgrade("/proto", "Sec-WebSocket-Protocol: v1.chat", "Sec-WebSocket-Protocol: other");
			assertThat(response.header("sec-websocket-protocol")).isEqualTo("v1.chat");
		}
	}

	@Test
	void noSubprotocolIsAnsweredWhenTheClientOffersNoneWeSpeak() throws IOException {
		try (RawClient client = RawClient.connect(server.port())) {
			Response response = client.upgrade("/proto", "Sec-WebSocket-Protocol: other");
			assertThat(response.status()).isEqualTo(101);
			assertThat(response.header("sec-websocket-protocol")).isNull();
			assertThat(client.readFrame().text()).startsWith("subprotocol=null ");
		}
	}

	@Test
	void endpointRequiringASubprotocolRefusesAClientOfferingNoneOfItsOwnWith400() throws IOException {
		assertThat(upgrade(server, "/required", "Sec-WebSocket-Protocol: other").status()).isEqualTo(400);
		assertThat(upgrade(server, "/required").status()).isEqualTo(400);
		try (RawClient client = RawClient.connect(server.port())) {
			assertThat(client.upgrade("/required", "Sec-WebSocket-Protocol: mqtt").header("sec-websocket-protocol")).isEqualTo("mqtt");
		}
	}

	@Test
	void interceptorRefusalIsSentWithItsStatusAndReason() throws IOException {
		Response response = upgrade(guarded, "/guarded?token=wrong");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("token required");
		assertThat(guarded.stats().handshakesRejected(HandshakeRejection.INTERCEPTOR)).isPositive();
	}

	@Test
	void attributesAndPrincipalSetByTheInterceptorAreVisibleOnTheSession() throws IOException {
		try (RawClient client = RawClient.open(guarded.port(), "/guarded?token=secret&room=r%201")) {
			assertThat(client.readFrame().text()).isEqualTo("subprotocol=null user=alice room=[r 1] principal=alice");
		}
	}

	@Test
	void interceptorThatThrowsRefusesWith500() throws IOException {
		assertThat(upgrade(guarded, "/", "X-Explode: yes").status()).isEqualTo(500);
	}

	@Test
	void requestBeforeAnyFrameWithHttp10IsRefusedWith400() throws IOException {
		assertThat(exchange(server, RawClient.upgradeRequest("/").replace("HTTP/1.1", "HTTP/1.0")).status()).isEqualTo(400);
	}

}
