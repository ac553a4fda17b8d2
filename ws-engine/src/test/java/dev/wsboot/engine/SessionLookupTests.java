package dev.wsboot.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The open sessions of a server with several paths: every one is listed, counted and found by
 * its id, whichever path it is on, though the server files each session under its path alone.
 */
class SessionLookupTests {

	private WsServer server;

	@BeforeEach
	void start() throws IOException {
		this.server = TestServers.start(WsServer.builder()
			.config(TestServers.config().build())
			.endpoint("/a", new EchoHandler())
			.endpoint("/b", new EchoHandler()));
	}

	@AfterEach
	void stop() {
		this.server.stop(Duration.ofSeconds(1));
	}

	@Test
	void sessionsOfEveryPathAreListedCountedAndFoundById() throws IOException {
		try (RawClient a1 = RawClient.open(this.server.port(), "/a"); RawClient a2 = RawClient.open(this.server.port(), "/a");
				RawClient b = RawClient.open(this.server.port(), "/b")) {
			assertThat(this.server.sessions()).hasSize(3);
			assertThat(this.server.activeConnections()).isEqualTo(3);
			assertThat(this.server.sessions("/a")).hasSize(2);
			assertThat(this.server.sessions("/b")).hasSize(1);
			List<WsSession> listed = List.copyOf(this.server.sessions());
			assertThat(listed).extracting(WsSession::path).containsExactlyInAnyOrder("/a", "/a", "/b");
			for (WsSession session : listed) {
				assertThat(this.server.session(session.id())).containsSame(session);
			}
		}
	}

	@Test
	void idOfNoOpenSessionFindsNothing() throws IOException {
		try (RawClient client = RawClient.open(this.server.port(), "/b")) {
			long id = this.server.sessions().iterator().next().id();
			assertThat(this.server.session(id + 1_000_000)).isEmpty();
		}
	}

}
