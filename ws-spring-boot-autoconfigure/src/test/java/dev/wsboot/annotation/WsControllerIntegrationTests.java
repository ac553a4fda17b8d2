package dev.wsboot.annotation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.wsboot.broadcast.WsBroadcaster;
import dev.wsboot.context.LocalWsPort;
import dev.wsboot.test.WsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = TestControllers.class, properties = { "ws.port=0",
		"ws.allowed-origins=https://app.example.com,https://*.trusted.example" })
class WsControllerIntegrationTests {

	@LocalWsPort
	int port;

	@Autowired
	WsBroadcaster broadcaster;

	@Test
	void connectAnnouncesTheClientAndMessagesAreAnswered() {
		try (WsTestClient alice = WsTestClient.connect(this.port, "/chat")) {
			String joined = alice.nextText();
			assertThat(joined).matches("ClientID \\d+ just joined the server");
			long aliceId = Long.parseLong(joined.split(" ")[1]);
			assertThat(this.broadcaster.isConnected(aliceId)).isTrue();
			try (WsTestClient bob = WsTestClient.connect(this.port, "/chat")) {
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
		try (WsTestClient client = WsTestClient.connect(this.port, "/json")) {
			client.sendText("{\"name\":\"ab\",\"times\":2}");
			assertThat(client.nextText()).startsWith("{\"text\":\"Hello abab\",\"clientId\":");
		}
	}

	@Test
	void messageThatIsNotJsonClosesWithUnsupportedDataWhenThereIsNoErrorMethod() {
		try (WsTestClient client = WsTestClient.connect(this.port, "/json")) {
			client.sendText("not json");
			assertThat(client.awaitClose().code()).isEqualTo(1003);
		}
	}

	@Test
	void binaryAndTextMethodsOfOneControllerEachGetTheirMessages() {
		try (WsTestClient client = WsTestClient.connect(this.port, "/binary")) {
			client.sendBinary(new byte[] { 1, 2, 3 });
			assertThat(client.nextBinary()).containsExactly(3, 2, 1);
			client.sendText("héllo");
			assertThat(new String(client.nextBinary(), StandardCharsets.UTF_8)).isEqualTo("héllo");
		}
	}

	@Test
	void binaryMessageToATextOnlyControllerClosesWithUnsupportedData() {
		try (WsTestClient client = WsTestClient.connect(this.port, "/json")) {
			client.sendBinary(new byte[] { 1 });
			assertThat(client.awaitClose().code()).isEqualTo(1003);
		}
	}

	@Test
	void exceptionGoesToTheErrorMethodAndTheSessionStaysOpen() {
		try (WsTestClient client = WsTestClient.connect(this.port, "/errors")) {
			client.sendText("boom");
			assertThat(client.nextText()).matches("error for \\d+: boom happened");
			client.sendText("again");
			assertThat(client.nextText()).isEqualTo("ok again");
		}
	}

	@Test
	void exceptionTheErrorMethodDoesNotAcceptClosesWithInternalError() {
		try (WsTestClient client = WsTestClient.connect(this.port, "/errors")) {
			client.sendText("fatal");
			assertThat(client.awaitClose().code()).isEqualTo(1011);
		}
	}

	@Test
	void exceptionWithoutErrorMethodClosesWithInternalErrorAndOthersAreServed() {
		try (WsTestClient failing = WsTestClient.connect(this.port, "/unhandled");
				WsTestClient other = WsTestClient.connect(this.port, "/errors")) {
			failing.sendText("anything");
			assertThat(failing.awaitClose().code()).isEqualTo(1011);
			other.sendText("still");
			assertThat(other.nextText()).isEqualTo("ok still");
		}
	}

	@Test
	void groupsDeliverToTheirMembersOnly() {
		try (WsTestClient alice = WsTestClient.connect(this.port, "/rooms");
				WsTestClient bob = WsTestClient.connect(this.port, "/rooms");
				WsTestClient carol = WsTestClient.connect(this.port, "/rooms")) {
			alice.sendText("join:red");
			assertThat(alice.nextText()).isEqualTo("joined red true");
			bob.sendText("join:red");
			assertThat(bob.nextText()).isEqualTo("joined red true");
			carol.sendText("join:blue");
			assertThat(carol.nextText()).isEqualTo("joined blue true");
			alice.sendText("say:red:hello reds");
			assertThat(alice.nextText()).isEqualTo("delivered 1");
			assertThat(bob.nextText()).isEqualTo("hello reds");
			bob.sendText("all:red:to all reds");
			assertThat(bob.nextText()).isEqualTo("to all reds");
			assertThat(bob.nextText()).isEqualTo("delivered 2");
			assertThat(alice.nextText()).isEqualTo("to all reds");
			bob.sendText("leave:red");
			assertThat(bob.nextText()).isEqualTo("left red true");
			alice.sendText("all:red:only alice");
			assertThat(alice.nextText()).isEqualTo("only alice");
			assertThat(alice.nextText()).isEqualTo("delivered 1");
		}
	}

	@Test
	void clientLeavesItsGroupsWhenItDisconnects() {
		WsTestClient alice = WsTestClient.connect(this.port, "/rooms");
		alice.sendText("join:green");
		alice.nextText();
		try (WsTestClient bob = WsTestClient.connect(this.port, "/rooms")) {
			bob.sendText("join:green");
			bob.nextText();
			alice.closeNormally();
			await().until(() -> this.broadcaster.members("green").size() == 1);
			bob.sendText("members:green");
			assertThat(bob.nextText()).doesNotContain(",");
			assertThat(this.broadcaster.groups()).contains("green");
			bob.sendText("leave:green");
			assertThat(bob.nextText()).isEqualTo("left green true");
			assertThat(this.broadcaster.groups()).as("a group nobody is in is gone").doesNotContain("green");
		}
	}

	@Test
	void broadcasterSendsToOneClientByIdAndTellsWhetherItWasThere() {
		try (WsTestClient client = WsTestClient.connect(this.port, "/secure?token=secret")) {
			client.nextText();
			long id = this.broadcaster.connectedIds("/secure").iterator().next();
			assertThat(this.broadcaster.send(id, "direct")).isTrue();
			assertThat(client.nextText()).isEqualTo("direct");
			assertThat(this.broadcaster.send(id, new byte[] { 9 })).isTrue();
			assertThat(client.nextBinary()).containsExactly(9);
			assertThat(this.broadcaster.session(id)).isPresent();
			assertThat(this.broadcaster.close(id, 4000, "done")).isTrue();
			WsTestClient.Close status = client.awaitClose();
			assertThat(status.code()).isEqualTo(4000);
			assertThat(status.reason()).isEqualTo("done");
			await().until(() -> !this.broadcaster.isConnected(id));
			assertThat(this.broadcaster.send(id, "gone")).isFalse();
		}
	}

	@Test
	void sendToPathAndSendAllExceptReachTheRightClients() throws Exception {
		try (WsTestClient a = WsTestClient.connect(this.port, "/secure?token=secret");
				WsTestClient b = WsTestClient.connect(this.port, "/secure?token=secret");
				WsTestClient other = WsTestClient.connect(this.port, "/binary")) {
			a.nextText();
			b.nextText();
			assertThat(this.broadcaster.sendToPath("/secure", "path message")).isEqualTo(2);
			assertThat(a.nextText()).isEqualTo("path message");
			assertThat(b.nextText()).isEqualTo("path message");
			long aId = this.broadcaster.connectedIds("/secure").stream().min(Long::compare).orElseThrow();
			assertThat(this.broadcaster.sendToPathExcept("/secure", aId, "not a")).isEqualTo(1);
			assertThat(b.nextText()).isEqualTo("not a");
			this.broadcaster.sendAllExcept(aId, "everyone but a");
			assertThat(b.nextText()).isEqualTo("everyone but a");
			assertThat(other.nextText()).isEqualTo("everyone but a");
			assertThat(a.drain(Duration.ofMillis(200))).isEmpty();
		}
	}

	@Test
	void interceptorRejectionReachesTheClientAsItsStatus() {
		assertThat(WsTestClient.refusedStatus(this.port, "/secure?token=wrong", Map.of(), List.of())).isEqualTo(401);
	}

	@Test
	void interceptorAttributesAreVisibleOnTheSession() {
		try (WsTestClient client = WsTestClient.connect(this.port, "/secure?token=secret", Map.of("X-User", "ada"),
				List.of())) {
			assertThat(client.nextText()).isEqualTo("hello ada");
		}
	}

	@Test
	void originNotAllowedIsRefusedWith403() {
		assertThat(WsTestClient.refusedStatus(this.port, "/chat", Map.of("Origin", "https://evil.example"), List.of()))
			.isEqualTo(403);
	}

	@Test
	void originMatchingAPatternIsAccepted() {
		try (WsTestClient client = WsTestClient.connect(this.port, "/binary",
				Map.of("Origin", "https://app.trusted.example"), List.of())) {
			client.sendBinary(new byte[] { 1 });
			assertThat(client.nextBinary()).containsExactly(1);
		}
	}

	@Test
	void subprotocolIsChosenByTheServersPreference() {
		try (WsTestClient client = WsTestClient.connect(this.port, "/proto", Map.of(), List.of("v1", "v2"))) {
			assertThat(client.subprotocol()).isEqualTo("v2");
			client.sendText("x");
			assertThat(client.nextText()).isEqualTo("v2:x");
		}
	}

	@Test
	void interceptorCanChooseTheSubprotocol() {
		try (WsTestClient client = WsTestClient.connect(this.port, "/proto", Map.of(), List.of("v1", "override"))) {
			assertThat(client.subprotocol()).isEqualTo("override");
		}
	}

	@Test
	void clientWithoutARequiredSubprotocolIsRefusedWith400() {
		assertThat(WsTestClient.refusedStatus(this.port, "/proto", Map.of(), List.of("v9"))).isEqualTo(400);
	}

	@Test
	void unknownPathIsRefusedWith404() {
		assertThat(WsTestClient.refusedStatus(this.port, "/nothing-here", Map.of(), List.of())).isEqualTo(404);
	}

}
