package dev.wsboot.annotation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.wsboot.broadcast.WsBroadcaster;
import dev.wsboot.context.LocalWsPort;
import dev.wsboot.test.WsTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = TestControllers.class, properties = { "ws.port=0",
		"ws.allowed-origins=https://app.example.com,https://*.trusted.example" })
class WsControllerIntegrationTests {

	@LocalWsPort
	int port;

	@Autowired
	WsBroadcaster broadcaster;

	@Test
	void connectAnnouncesTheClientAndMessagesAreAnswered() {
		try (WsTestConnection alice = WsTestConnection.connect(this.port, "/chat")) {
			String joined = alice.nextText();
			assertThat(joined).matches("ClientID \\d+ just joined the server");
			long aliceId = Long.parseLong(joined.split(" ")[1]);
			assertThat(this.broadcaster.isConnected(aliceId)).isTrue();
			try (WsTestConnection bob = WsTestConnection.connect(this.port, "/chat")) {
				String bobJoined = bob.nextText();
				assertThat(alice.nextText()).isEqualTo(bobJoined);
				alice.sendText("hi");
				assertThat(alice.nextText()).isEqualTo("You said: hi");
				bob.closeNormally();
				long bobId = Long.parseLong(bobJoined.split(" ")[1]);
				assertThat(alice.nextText()).isEqualTo("ClientID " + bobId + " left");
				assertThat(TestControllers.disconnects).contains(bobId + ":1000");
			}
		}
	}

	@Test
	void jsonMessagesAreReadIntoTheParameterAndRepliesWrittenAsJson() {
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/json")) {
			client.sendText("{\"name\":\"ab\",\"times\":2}");
			assertThat(client.nextText()).startsWith("{\"text\":\"Hello abab\",\"clientId\":");
		}
	}

	@Test
	void jsonWithCharactersBeyondAsciiIsReadFromAndWrittenToUtf8() {
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/json")) {
			client.sendText("{\"name\":\"日本 𝄞\",\"times\":2}");
			assertThat(client.nextText()).startsWith("{\"text\":\"Hello 日本 𝄞日本 𝄞\",\"clientId\":");
		}
	}

	@Test
	void aWsTextParameterGetsTheMessageAndAWsTextReplyIsSentAsIs() {
		String mixed = "héllo wörld €uro 𝄞 ключ 日本語 ".repeat(50);
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/relay")) {
			client.sendText(mixed);
			assertThat(client.nextText()).isEqualTo(mixed);
		}
	}

	@Test
	void messageThatIsNotJsonClosesWithUnsupportedDataWhenThereIsNoErrorMethod() {
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/json")) {
			client.sendText("not json");
			assertThat(client.awaitClose().code()).isEqualTo(1003);
		}
	}

	@Test
	void binaryAndTextMethodsOfOneControllerEachGetTheirMessages() {
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/binary")) {
			client.sendBinary(new byte[] { 1, 2, 3 });
			assertThat(client.nextBinary()).containsExactly(3, 2, 1);
			client.sendText("héllo");
			assertThat(new String(client.nextBinary(), StandardCharsets.UTF_8)).isEqualTo("héllo");
		}
	}

	@Test
	void binaryMessageToATextOnlyControllerClosesWithUnsupportedData() {
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/json")) {
			client.sendBinary(new byte[] { 1 });
			assertThat(client.awaitClose().code()).isEqualTo(1003);
		}
	}

	@Test
	void exceptionGoesToTheErrorMethodAndTheSessionStaysOpen() {
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/errors")) {
			client.sendText("boom");
			assertThat(client.nextText()).matches("error for \\d+: boom happened");
			client.sendText("again");
			assertThat(client.nextText()).isEqualTo("ok again");
		}
	}

	@Test
	void exceptionTheErrorMethodDoesNotAcceptClosesWithInternalError() {
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/errors")) {
			client.sendText("fatal");
			assertThat(client.awaitClose().code()).isEqualTo(1011);
		}
	}

	@Test
	void exceptionWithoutErrorMethodClosesWithInternalErrorAndOthersAreServed() {
		try (WsTestConnection failing = WsTestConnection.connect(this.port, "/unhandled");
				WsTestConnection other = WsTestConnection.connect(this.port, "/errors")) {
			failing.sendText("anything");
			assertThat(failing.awaitClose().code()).isEqualTo(1011);
			other.sendText("still");
			assertThat(other.nextText()).isEqualTo("ok still");
		}
	}

	@Test
	void originNotAllowedIsRefusedWith403() {
		assertThat(WsTestConnection.refusedStatus(this.port, "/chat", Map.of("Origin", "https://evil.example"), List.of()))
			.isEqualTo(403);
	}

	@Test
	void originMatchingAPatternIsAccepted() {
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/binary",
				Map.of("Origin", "https://app.trusted.example"), List.of())) {
			client.sendBinary(new byte[] { 1 });
			assertThat(client.nextBinary()).containsExactly(1);
		}
	}

	@Test
	void subprotocolIsChosenByTheServersPreference() {
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/proto", Map.of(), List.of("v1", "v2"))) {
			assertThat(client.subprotocol()).isEqualTo("v2");
			client.sendText("x");
			assertThat(client.nextText()).isEqualTo("v2:x");
		}
	}

	@Test
	void clientWithoutARequiredSubprotocolIsRefusedWith400() {
		assertThat(WsTestConnection.refusedStatus(this.port, "/proto", Map.of(), List.of("v9"))).isEqualTo(400);
	}

	@Test
	void unknownPathIsRefusedWith404() {
		assertThat(WsTestConnection.refusedStatus(this.port, "/nothing-here", Map.of(), List.of())).isEqualTo(404);
	}

}
