package dev.wsboot.broadcast;

import java.time.Duration;

import dev.wsboot.annotation.TestControllers;
import dev.wsboot.context.LocalWsPort;
import dev.wsboot.test.WsTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broadcaster over a running server: one client, a path, everyone, groups. The application
 * (and so its cached context) is the controller tests' one.
 */
@SpringBootTest(classes = TestControllers.class, properties = { "ws.port=0",
		"ws.allowed-origins=https://app.example.com,https://*.trusted.example" })
class WsBroadcasterIntegrationTests {

	@LocalWsPort
	int port;

	@Autowired
	WsBroadcaster broadcaster;

	@Test
	void groupsDeliverToTheirMembersOnly() {
		try (WsTestConnection alice = WsTestConnection.connect(this.port, "/rooms");
				WsTestConnection bob = WsTestConnection.connect(this.port, "/rooms");
				WsTestConnection carol = WsTestConnection.connect(this.port, "/rooms")) {
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
		WsTestConnection alice = WsTestConnection.connect(this.port, "/rooms");
		alice.sendText("join:green");
		alice.nextText();
		try (WsTestConnection bob = WsTestConnection.connect(this.port, "/rooms")) {
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
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/secure?token=secret")) {
			client.nextText();
			long id = this.broadcaster.connectedIds("/secure").iterator().next();
			assertThat(this.broadcaster.send(id, "direct")).isTrue();
			assertThat(client.nextText()).isEqualTo("direct");
			assertThat(this.broadcaster.send(id, new byte[] { 9 })).isTrue();
			assertThat(client.nextBinary()).containsExactly(9);
			assertThat(this.broadcaster.session(id)).isPresent();
			assertThat(this.broadcaster.close(id, 4000, "done")).isTrue();
			WsTestConnection.Close status = client.awaitClose();
			assertThat(status.code()).isEqualTo(4000);
			assertThat(status.reason()).isEqualTo("done");
			await().until(() -> !this.broadcaster.isConnected(id));
			assertThat(this.broadcaster.send(id, "gone")).isFalse();
		}
	}

	@Test
	void sendToPathAndSendAllExceptReachTheRightClients() throws Exception {
		try (WsTestConnection a = WsTestConnection.connect(this.port, "/secure?token=secret");
				WsTestConnection b = WsTestConnection.connect(this.port, "/secure?token=secret");
				WsTestConnection other = WsTestConnection.connect(this.port, "/binary")) {
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

}
