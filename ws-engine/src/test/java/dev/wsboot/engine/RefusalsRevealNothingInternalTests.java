package dev.wsboot.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.RawClient.Response;
import dev.wsboot.engine.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal a client can provoke, at the handshake (status and body) and after it (close code
 * and reason), says what was wrong in the server's own words: no exception message, class name,
 * stack frame or configuration detail reaches the client, even when application code threw with
 * one in its message.
 */
class RefusalsRevealNothingInternalTests {

	/** What a handler or interceptor puts in its exception; none of it may reach a client. */
	private static final String SECRET = "jdbc:postgresql://db.internal/users password=hunter2";

	private static WsServer server;

	private static WsServer full;

	@BeforeAll
	static void startServers() throws IOException {
		WsHandler throwing = new WsHandler() {
			@Override
			public void onText(WsSession session, String text) {
				throw new IllegalStateException(SECRET);
			}
		};
		WsHandshakeInterceptor failing = (handshake) -> {
			if (handshake.path().equals("/intercepted")) {
				throw new IllegalStateException(SECRET);
			}
		};
		server = TestServers.start(WsServer.builder()
			.config(TestServers.config()
				.limits((limits) -> limits.maxFrameSize(1024).maxMessageSize(1024).maxHandshakeSize(512))
				.timeouts((timeouts) -> timeouts.handshakeTimeout(Duration.ofMillis(300)))
				.protection((protection) -> protection.maxMessagesPerSecond(1000))
				.build())
			.endpoint("/", new EchoHandler())
			.endpoint("/throws", throwing)
			.endpoint("/intercepted", new EchoHandler())
			.interceptor(failing));
		full = TestServers.echo(TestServers.config().limits((limits) -> limits.maxConnections(1)).build());
	}

	@AfterAll
	static void stopServers() {
		server.stop(Duration.ofSeconds(1));
		full.stop(Duration.ofSeconds(1));
	}

	@Test
	void handshakeRefusalsNameTheProblemOnly() throws IOException {
		assertRefusal(server, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 426);
		assertRefusal(server, RawClient.upgradeRequest("/").replace("Sec-WebSocket-Key: " + RawClient.KEY + "\r\n", ""), 400);
		assertRefusal(server, "BREW / HTCPCP/1.0\r\n\r\n", 400);
		assertRefusal(server, RawClient.upgradeRequest("/nowhere"), 404);
		assertRefusal(server, RawClient.upgradeRequest("/", "Origin: https://evil.example"), 403);
		assertRefusal(server, RawClient.upgradeRequest("/").replace("Version: 13", "Version: 8"), 426);
		assertRefusal(server, RawClient.upgradeRequest("/", "X-Padding: " + "a".repeat(600)), 431);
		assertRefusal(server, RawClient.upgradeRequest("/intercepted"), 500);
	}

	@Test
	void aStalledHandshakeIsAnsweredWithATimeoutOnly() throws IOException {
		try (RawClient client = RawClient.connect(server.port())) {
			client.sendAscii("GET / HTTP/1.1\r\n");
			Response response = client.readResponse();
			assertThat(response.status()).isEqualTo(408);
			assertRevealsNothing(response.toString());
		}
	}

	@Test
	void aFullServerSaysSoOnly() throws IOException {
		try (RawClient first = RawClient.open(full.port())) {
			assertRefusal(full, RawClient.upgradeRequest("/"), 503);
		}
	}

	@Test
	void closesAfterTheHandshakeGiveTheServersOwnReason() throws IOException {
		assertClose("/throws", (client) -> client.sendText("boom"), 1011);
		assertClose("/", (client) -> client.sendFrame(0x81, new byte[] { (byte) 0xC3, 0x28 }), 1007);
		assertClose("/", (client) -> client.sendFrame(0x83, new byte[0]), 1002);
		assertClose("/", (client) -> client.sendBinary(new byte[2048]), 1009);
		assertClose("/", (client) -> client.send(RawClient.frame(0x81, "x".getBytes(), false, 0)), 1002);
		assertClose("/", (client) -> {
			for (int i = 0; i < 3000; i++) {
				client.sendText("flood");
			}
		}, 1008);
		TestServers.assertServesFreshClient(server);
	}

	private static void assertRefusal(WsServer server, String request, int status) throws IOException {
		try (RawClient client = RawClient.connect(server.port())) {
			client.sendAscii(request);
			Response response = client.readResponse();
			assertThat(response.status()).as("%s", request.lines().findFirst().orElse("")).isEqualTo(status);
			assertRevealsNothing(response.toString());
		}
	}

	private static void assertClose(String path, ClientAction provoke, int code) throws IOException {
		try (RawClient client = RawClient.open(server.port(), path)) {
			provoke.run(client);
			RawClient.Frame close = readUntilClose(client);
			assertThat(close.closeCode()).as("close after %s", path).isEqualTo(code);
			assertRevealsNothing(close.closeReason());
		}
	}

	/** Skips the echoes a provocation may have earned before the close. */
	private static RawClient.Frame readUntilClose(RawClient client) throws IOException {
		while (true) {
			RawClient.Frame frame = client.readFrame();
			if (frame.opcode() == 0x8) {
				return frame;
			}
		}
	}

	private static void assertRevealsNothing(String answer) {
		for (String internal : List.of("hunter2", "jdbc:", "Exception", "dev.wsboot", "java.", "\tat ", ".java:")) {
			assertThat(answer).as("what the client was told").doesNotContain(internal);
		}
		assertThat(answer.getBytes(StandardCharsets.UTF_8)).hasSizeLessThan(1024);
	}

	@FunctionalInterface
	private interface ClientAction {

		void run(RawClient client) throws IOException;

	}

}
