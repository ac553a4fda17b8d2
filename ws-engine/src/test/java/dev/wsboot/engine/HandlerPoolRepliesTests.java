package dev.wsboot.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's handler pool defers waking the I/O loop for replies while it keeps handling
 * messages; a reply must still leave when the handler that sent it then blocks.
 */
class HandlerPoolRepliesTests {

	private final ExecutorService pool = WsHandlerExecutors.newPlatformPool(1, "replies-test-");

	private final CountDownLatch release = new CountDownLatch(1);

	private final AtomicBoolean returned = new AtomicBoolean();

	private WsServer server;

	@AfterEach
	void stop() throws InterruptedException {
		this.release.countDown();
		if (this.server != null) {
			this.server.stop(Duration.ofSeconds(1));
		}
		this.pool.shutdownNow();
		assertThat(this.pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aReplyLeavesWhileTheHandlerThatSentItBlocks() throws IOException {
		this.server = TestServers.start(WsServer.builder()
			.config(TestServers.config().build())
			.executor(this.pool)
			.endpoint("/", new WsHandler() {
				@Override
				public void onText(WsSession session, String text) throws InterruptedException {
					session.sendText("before blocking");
					// Blocks until the test has read the reply, or gives up after 30 s.
					HandlerPoolRepliesTests.this.release.await(30, TimeUnit.SECONDS);
					HandlerPoolRepliesTests.this.returned.set(true);
				}
			}));
		try (RawClient client = RawClient.open(this.server.port(), "/")) {
			client.sendText("go");
			assertThat(client.readMessage().text()).isEqualTo("before blocking");
			// The handler is still blocked: the watchdog, not the handler's return, woke the loop.
			assertThat(this.returned).isFalse();
		}
	}

}
