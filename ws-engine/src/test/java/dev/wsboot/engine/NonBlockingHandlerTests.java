package dev.wsboot.engine;

import java.io.IOException;
import java.time.Duration;

import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler that says it never blocks is called on the I/O thread that read the message, with no
 * hand-over; a handler that may block (the default) is called on the handler executor, on the
 * same server.
 */
class NonBlockingHandlerTests {

	private static WsServer server;

	@BeforeAll
	static void startServer() throws IOException {
		server = TestServers.start(WsServer.builder()
			.config(TestServers.config().build())
			.endpoint("/blocking", new ThreadNameHandler(true))
			.endpoint("/non-blocking", new ThreadNameHandler(false)));
	}

	@AfterAll
	static void stopServer() {
		server.stop(Duration.ofSeconds(1));
	}

	@Test
	void aNonBlockingHandlerRunsOnTheIoThread() throws IOException {
		assertThat(threadsOf("/non-blocking")).isEqualTo("open on ws-io | text on ws-io | same thread true");
	}

	@Test
	void aHandlerThatMayBlockRunsOnTheHandlerExecutor() throws IOException {
		// Pool threads are named ws-handler-N; virtual threads (Java 21+) have no name. Neither is an I/O thread.
		assertThat(threadsOf("/blocking")).matches("open on (ws-handler)? \\| text on (ws-handler)? \\| same thread (true|false)");
	}

	private static String threadsOf(String path) throws IOException {
		try (RawClient client = RawClient.open(server.port(), path)) {
			client.sendText("which thread?");
			return client.readMessage().text();
		}
	}

	/** Answers a message with the kinds of thread its open and its message ran on. */
	private static final class ThreadNameHandler implements WsHandler {

		private final boolean blocking;

		ThreadNameHandler(boolean blocking) {
			this.blocking = blocking;
		}

		@Override
		public boolean blocking() {
			return this.blocking;
		}

		@Override
		public void onOpen(WsSession session) {
			session.attributes().put("open", Thread.currentThread());
		}

		@Override
		public void onText(WsSession session, String text) {
			Thread open = (Thread) session.attributes().get("open");
			Thread now = Thread.currentThread();
			session.sendText("open on " + kind(open) + " | text on " + kind(now) + " | same thread " + (open == now));
		}

		private static String kind(Thread thread) {
			return thread.getName().replaceAll("-\\d+$", "");
		}

	}

}
