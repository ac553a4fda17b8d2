package dev.wsboot.quickstart;

import dev.wsboot.test.WsTestClient;
import dev.wsboot.test.WsTestConnection;
import dev.wsboot.test.autoconfigure.WsTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

// tag::test[]
@WsTest(ChatController.class)
class ChatControllerTests {

	@Autowired
	WsTestClient client;

	@Test
	void answersWhatAClientSays() {
		client.connect("/chat").send("hi").expectText("You said: hi").close(1000, "bye").expectClose(1000);
	}

	@Test
	void tellsEveryoneWhoJoinedAndWhoLeft() {
		WsTestConnection alice = client.connect("/chat");
		WsTestConnection bob = client.connect("/chat");
		String bobJoined = bob.nextTextMatching("ClientID \\d+ just joined the server");
		String bobId = bobJoined.split(" ")[1];
		bob.close(1000, "bye").expectClose(1000);
		alice.expectText(bobJoined).expectText("ClientID " + bobId + " left");
		assertThat(alice).isOpen().texts().endsWith("ClientID " + bobId + " left");
	}

}
// end::test[]
