package dev.wsboot.sample;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import dev.wsboot.context.LocalWsPort;
import dev.wsboot.test.WsTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each of the sample's WebSocket endpoints through a real client, the JDK's.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "ws.port=0")
class SampleEndpointsTests {

	private static final int SIXTEEN_MIB = 16 * 1024 * 1024;

	@LocalWsPort
	int port;

	@Test
	void echoAnswersTextWithTextAndBinaryWithTheSameBytes() throws Exception {
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/echo")) {
			client.sendText("héllo wörld 🌍");
			assertThat(client.nextText()).isEqualTo("héllo wörld 🌍");
			byte[] data = { 0, 1, (byte) 0xff, (byte) 0x80, 42 };
			client.sendBinary(data);
			assertThat(client.nextBinary()).containsExactly(data);
		}
	}

	@Test
	void echoReturnsASixteenMebibyteMessageByteForByte() throws Exception {
		byte[] data = new byte[SIXTEEN_MIB];
		new Random(6455).nextBytes(data);
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/echo")) {
			client.sendBinary(data);
			assertThat(client.nextBinary()).isEqualTo(data);
		}
	}

	@Test
	void echoReturnsASixteenMebibyteTextMessage() throws Exception {
		String text = "ab€".repeat(SIXTEEN_MIB / 5);
		assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SIXTEEN_MIB);
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/echo")) {
			client.sendText(text);
			assertThat(client.nextText()).isEqualTo(text);
		}
	}

	@Test
	void jsonReadsAnOrderAndAnswersWithTheSameJson() throws Exception {
		String order = "{\"id\":\"o-1\",\"customer\":\"c-42\",\"currency\":\"EUR\",\"express\":true,"
				+ "\"lines\":[{\"sku\":\"SKU-1\",\"name\":\"thé 日本\",\"quantity\":2,\"priceCents\":1999}],"
				+ "\"tags\":[\"gift\"],\"totalCents\":3998}";
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/json")) {
			client.sendText(order);
			assertThat(client.nextText()).isEqualTo(order);
			client.sendText("not an order");
			assertThat(client.awaitClose().code()).isEqualTo(1003);
		}
	}

	@Test
	void broadcastSendsEachMessageToEveryClientOnThePathSenderIncluded() throws Exception {
		try (WsTestConnection alice = WsTestConnection.connect(this.port, "/broadcast");
				WsTestConnection bob = WsTestConnection.connect(this.port, "/broadcast");
				WsTestConnection echo = WsTestConnection.connect(this.port, "/echo")) {
			alice.sendText("hello all");
			assertThat(alice.nextText()).isEqualTo("hello all");
			assertThat(bob.nextText()).isEqualTo("hello all");
			bob.sendBinary(new byte[] { 7, 8 });
			assertThat(alice.nextBinary()).containsExactly(7, 8);
			assertThat(bob.nextBinary()).containsExactly(7, 8);
			// A client on another path hears nothing: its own echo is the next thing it gets.
			echo.sendText("only mine");
			assertThat(echo.nextText()).isEqualTo("only mine");
		}
	}

	@Test
	void chatAnnouncesJoinsRelaysMessagesAndAnnouncesLeaves() throws Exception {
		try (WsTestConnection alice = WsTestConnection.connect(this.port, "/chat")) {
			long aliceId = ownId(alice);
			WsTestConnection bob = WsTestConnection.connect(this.port, "/chat");
			long bobId = ownId(bob);
			alice.awaitText("ClientID " + bobId + " just joined the server");

			alice.sendText("hi bob");
			alice.awaitText("You said: hi bob");
			bob.awaitText("ClientID " + aliceId + ": hi bob");
			bob.sendText("hi alice");
			bob.awaitText("You said: hi alice");
			alice.awaitText("ClientID " + bobId + ": hi alice");

			bob.close();
			alice.awaitText("ClientID " + bobId + " left");
		}
	}

	@Test
	void luaRunsTheSeedScriptUnchanged() throws Exception {
		try (WsTestConnection alice = WsTestConnection.connect(this.port, "/lua")) {
			long aliceId = ownId(alice);
			try (WsTestConnection bob = WsTestConnection.connect(this.port, "/lua")) {
				long bobId = ownId(bob);
				alice.awaitText("ClientID " + bobId + " just joined the server");
				assertThat(bobId).isNotEqualTo(aliceId);
				alice.sendText("hello");
				alice.awaitText("You said: hello");
				bob.sendText("hi");
				bob.awaitText("You said: hi");
			}
		}
	}

	@Test
	void chatMessagesStayInTheRoomTheSenderJoined() throws Exception {
		try (WsTestConnection alice = WsTestConnection.connect(this.port, "/chat")) {
			long aliceId = ownId(alice);
			try (WsTestConnection bob = WsTestConnection.connect(this.port, "/chat")) {
				long bobId = ownId(bob);
				try (WsTestConnection carol = WsTestConnection.connect(this.port, "/chat")) {
					long carolId = ownId(carol);

					alice.sendText("/join java");
					alice.awaitText("You joined room java");
					bob.sendText("/join java");
					bob.awaitText("You joined room java");
					alice.awaitText("ClientID " + bobId + " joined room java");

					alice.sendText("in java");
					alice.awaitText("You said: in java");
					bob.awaitText("ClientID " + aliceId + ": in java");
					carol.sendText("in the lobby");
					carol.awaitText("You said: in the lobby");

					// Everyone on /chat hears of a newcomer; what each got before that notice must
					// not include the other room's messages.
					try (WsTestConnection dave = WsTestConnection.connect(this.port, "/chat")) {
						long daveId = ownId(dave);
						String daveJoined = "ClientID " + daveId + " just joined the server";
						assertThat(carol.awaitText(daveJoined)).doesNotContain("ClientID " + aliceId + ": in java");
						assertThat(alice.awaitText(daveJoined)).doesNotContain("ClientID " + carolId + ": in the lobby");
						assertThat(bob.awaitText(daveJoined)).doesNotContain("ClientID " + carolId + ": in the lobby");
						dave.sendText("hello lobby");
						carol.awaitText("ClientID " + daveId + ": hello lobby");
					}
				}
			}
		}
	}

	@Test
	void chatExplainsAJoinWithoutARoom() throws Exception {
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/chat")) {
			client.sendText("/join");
			assertThat(client.awaitText("Usage: /join ROOM (1 to 32 characters, no spaces)")).isNotNull();
		}
	}

	@Test
	void reverseAnswersTheTextReversedToAClientSpeakingItsSubprotocol() throws Exception {
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/reverse", "reverse")) {
			assertThat(client.subprotocol()).isEqualTo("reverse");
			client.sendText("stressed 🙂");
			assertThat(client.nextText()).isEqualTo("🙂 desserts");
		}
	}

	@Test
	void reverseRefusesAClientWithoutItsSubprotocolAtTheHandshake() throws Exception {
		assertThat(WsTestConnection.refusedStatus(this.port, "/reverse")).isEqualTo(400);
		assertThat(WsTestConnection.refusedStatus(this.port, "/reverse", "echo")).isEqualTo(400);
	}

	/**
	 * Reads a new chat client's id from its own join notice. Connect the next client only after
	 * this returned, so that each client's first join notice is its own; "left" notices of other
	 * tests' clients may come first.
	 */
	private static long ownId(WsTestConnection client) throws InterruptedException {
		while (true) {
			String notice = client.nextText();
			if (notice.matches("ClientID \\d+ just joined the server")) {
				return Long.parseLong(notice.split(" ")[1]);
			}
			assertThat(notice).matches("ClientID \\d+ left");
		}
	}

}
