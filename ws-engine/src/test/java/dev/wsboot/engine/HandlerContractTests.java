package dev.wsboot.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The threading and error contract of {@link WsHandler}: per-session order without overlap, in
 * both execution modes; errors close with 1011 unless the handler says otherwise; ids are unique.
 */
class HandlerContractTests {

	private WsServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(Duration.ofSeconds(1));
		}
	}

	@Test
	void handlerExceptionClosesTheSessionWith1011ByDefault() throws Exception {
		CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
		this.server = TestServers.start(WsServer.builder().config(TestServers.config().build()).endpoint("/", new WsHandler() {
			@Override
			public void onText(WsSession session, String text) {
				throw new IllegalStateException("handler bug");
			}

			@Override
			public void onClose(WsSession session, CloseStatus status) {
				closed.complete(status);
			}
		}).endpoint("/echo", new EchoHandler()));
		try (RawClient client = RawClient.open(this.server.port())) {
			client.sendText("trigger");
			client.assertFailedWith(1011);
		}
		assertThat(closed.get(5, TimeUnit.SECONDS).code()).isEqualTo(1011);
		assertThat(this.server.stats("/").connectionsClosed(CloseCategory.SERVER_ERROR)).isEqualTo(1);
		TestServers.assertServesFreshClient(this.server, "/echo");
	}

	@Test
	void handlerThatOverridesOnErrorKeepsTheSessionOpen() throws Exception {
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		this.server = TestServers.start(WsServer.builder().config(TestServers.config().build()).endpoint("/", new WsHandler() {
			@Override
			public void onText(WsSession session, String text) {
				if (text.equals("boom")) {
					throw new IllegalStateException("handler bug");
				}
				session.sendText(text);
			}

			@Override
			public void onError(WsSession session, Throwable error) {
				errors.add(error);
			}
		}));
		try (RawClient client = RawClient.open(this.server.port())) {
			client.sendText("boom");
			client.sendText("still open");
			client.assertReceivesText("still open");
		}
		assertThat(errors).singleElement().satisfies((error) -> assertThat(error).hasMessage("handler bug"));
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(WsServerConfig.HandlerExecution.class)
	void eventsOfEachSessionArriveInOrderWithoutOverlap(WsServerConfig.HandlerExecution execution) throws Exception {
		int clients = 4;
		int messages = 500;
		Map<Long, List<String>> events = new ConcurrentHashMap<>();
		Map<Long, AtomicInteger> inFlight = new ConcurrentHashMap<>();
		List<String> violations = new CopyOnWriteArrayList<>();
		List<String> threads = new CopyOnWriteArrayList<>();
		AtomicInteger closes = new AtomicInteger();
		WsHandler recorder = new WsHandler() {
			private void record(WsSession session, String event) {
				AtomicInteger busy = inFlight.computeIfAbsent(session.id(), (id) -> new AtomicInteger());
				if (busy.incrementAndGet() != 1) {
					violations.add("overlap on session " + session.id() + " at " + event);
				}
				threads.add(Thread.currentThread().getName());
				events.computeIfAbsent(session.id(), (id) -> Collections.synchronizedList(new ArrayList<>())).add(event);
				busy.decrementAndGet();
			}

			@Override
			public void onOpen(WsSession session) {
				record(session, "open");
			}

			@Override
			public void onText(WsSession session, String text) {
				record(session, text);
			}

			@Override
			public void onClose(WsSession session, CloseStatus status) {
				record(session, "close " + status.code());
				closes.incrementAndGet();
			}
		};
		this.server = TestServers.start(WsServer.builder()
			.config(TestServers.config().handlers((handlers) -> handlers.execution(execution)).build())
			.endpoint("/", recorder));
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<?>> runs = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				runs.add(pool.submit(() -> {
					try (RawClient client = RawClient.open(this.server.port())) {
						ByteArrayOutputStream burst = new ByteArrayOutputStream();
						for (int i = 0; i < messages; i++) {
							burst.writeBytes(RawClient.frame(0x81, ("m" + i).getBytes()));
						}
						client.send(burst.toByteArray());
						client.sendClose(1000, "");
						assertThat(client.readClose().closeCode()).isEqualTo(1000);
					}
					return null;
				}));
			}
			for (Future<?> run : runs) {
				run.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		TestServers.await("every onClose", Duration.ofSeconds(10), () -> closes.get() == clients);
		assertThat(violations).isEmpty();
		List<String> expected = new ArrayList<>();
		expected.add("open");
		for (int i = 0; i < messages; i++) {
			expected.add("m" + i);
		}
		expected.add("close 1000");
		assertThat(events).hasSize(clients);
		events.values().forEach((sessionEvents) -> assertThat(sessionEvents).containsExactlyElementsOf(expected));
		if (execution == WsServerConfig.HandlerExecution.IO_THREAD) {
			assertThat(threads).allMatch((name) -> name.startsWith("ws-io-"));
		}
		else {
			assertThat(threads).noneMatch((name) -> name.startsWith("ws-io-"));
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(WsServerConfig.HandlerExecution.class)
	void echoWorksInEitherExecutionMode(WsServerConfig.HandlerExecution execution) throws IOException {
		this.server = TestServers.echo(TestServers.config().handlers((handlers) -> handlers.execution(execution))
			.build());
		TestServers.assertServesFreshClient(this.server);
		try (RawClient client = RawClient.open(this.server.port())) {
			client.sendBinary(new byte[70_000]);
			assertThat(client.readMessage().payload()).hasSize(70_000);
		}
	}

	@Test
	void sessionIdsAreUniqueAndNeverReusedEvenAcrossServers() throws Exception {
		List<Long> ids = new CopyOnWriteArrayList<>();
		WsHandler recordId = new WsHandler() {
			@Override
			public void onOpen(WsSession session) {
				ids.add(session.id());
				session.sendText("open");
			}
		};
		this.server = TestServers.start(WsServer.builder().config(TestServers.config().build()).endpoint("/", recordId));
		WsServer other = TestServers.start(WsServer.builder().config(TestServers.config().build()).endpoint("/", recordId));
		try {
			for (int i = 0; i < 50; i++) {
				for (WsServer target : List.of(this.server, other)) {
					try (RawClient client = RawClient.open(target.port())) {
						client.assertReceivesText("open");
						client.sendClose(1000, "");
						client.readClose();
					}
				}
			}
		}
		finally {
			other.stop(Duration.ofSeconds(1));
		}
		assertThat(ids).hasSize(100).doesNotHaveDuplicates();
		assertThat(ids).isSorted();
	}

}
