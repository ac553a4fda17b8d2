package dev.wsboot.engine.internal.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.WsHandler;
import dev.wsboot.engine.WsSession;
import dev.wsboot.engine.WsText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SessionEvents}: the {@link WsHandler} threading contract on a real executor (one
 * session's events in order, never overlapping, nothing after the close), error handling, and the
 * inbox bound that pauses reading.
 */
class SessionEventsTests {

	private static final long NO_BOUND = Long.MAX_VALUE;

	private final ExecutorService pool = Executors.newFixedThreadPool(4);

	private final TrackingExecutor executor = new TrackingExecutor(this.pool);

	private final TestSession session = new TestSession();

	private final RecordingHandler handler = new RecordingHandler();

	private final FakeReadControl reading = new FakeReadControl();

	@AfterEach
	void shutdown() throws InterruptedException {
		this.pool.shutdownNow();
		assertThat(this.pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void eventsAreDeliveredInDispatchOrderAndNeverConcurrentlyForOneSession() throws Exception {
		SessionEvents events = new SessionEvents(this.session, this.handler, this.executor, NO_BOUND, this.reading, new ReplyScope());
		List<String> expected = new ArrayList<>();
		events.dispatch(SessionEvent.OPENED);
		expected.add("open");
		for (int i = 0; i < 2000; i++) {
			events.dispatch(new SessionEvent.Text(WsText.of("m" + i)));
			expected.add("text:m" + i);
			if (i % 50 == 0) {
				// Let the inbox drain now and then, so delivery hops between pool threads.
				this.executor.awaitQuiet();
			}
		}
		events.dispatch(new SessionEvent.Closed(new CloseStatus(1000, "")));
		expected.add("close:1000");
		this.executor.awaitQuiet();
		assertThat(this.handler.events).containsExactlyElementsOf(expected);
		assertThat(this.handler.overlaps).hasValue(0);
		assertThat(this.handler.threads).allSatisfy((thread) -> assertThat(thread).startsWith("pool-"));
		assertThat(events.isIdle()).isTrue();
	}

	@Test
	void eventsAfterTheIdleInboxWasReleasedAreDeliveredInOrder() throws Exception {
		SessionEvents events = new SessionEvents(this.session, this.handler, this.executor, NO_BOUND, this.reading, new ReplyScope());
		List<String> expected = new ArrayList<>();
		events.dispatch(SessionEvent.OPENED);
		expected.add("open");
		for (int round = 0; round < 50; round++) {
			this.executor.awaitQuiet();
			events.releaseIfIdle();
			// Past one chunk of the inbox, so the new chunks link and recycle as the first did.
			for (int i = 0; i < 20; i++) {
				events.dispatch(new SessionEvent.Text(WsText.of(round + ":" + i)));
				expected.add("text:" + round + ":" + i);
			}
			// Asked while deliveries run: an inbox still in use is kept.
			events.releaseIfIdle();
		}
		this.executor.awaitQuiet();
		assertThat(this.handler.events).containsExactlyElementsOf(expected);
		assertThat(this.handler.overlaps).hasValue(0);
		assertThat(events.isIdle()).isTrue();
	}

	@Test
	void nothingIsDeliveredAfterClosed() throws Exception {
		SessionEvents events = new SessionEvents(this.session, this.handler, this.executor, NO_BOUND, this.reading, new ReplyScope());
		AtomicInteger lateReplies = new AtomicInteger();
		events.dispatch(SessionEvent.OPENED);
		events.dispatch(new SessionEvent.Closed(new CloseStatus(1006, "")));
		events.dispatch(new SessionEvent.Text(WsText.of("late")));
		events.dispatch(new SessionEvent.CloseReply(lateReplies::incrementAndGet));
		events.dispatch(new SessionEvent.Closed(new CloseStatus(1000, "again")));
		this.executor.awaitQuiet();
		assertThat(this.handler.events).containsExactly("open", "close:1006");
		assertThat(lateReplies).hasValue(0);
	}

	@Test
	void handlerExceptionReachesOnErrorAndLaterEventsStillArrive() throws Exception {
		IllegalStateException failure = new IllegalStateException("handler bug");
		this.handler.failOn = "boom";
		this.handler.failure = failure;
		SessionEvents events = new SessionEvents(this.session, this.handler, this.executor, NO_BOUND, this.reading, new ReplyScope());
		events.dispatch(new SessionEvent.Text(WsText.of("boom")));
		events.dispatch(new SessionEvent.Text(WsText.of("after")));
		this.executor.awaitQuiet();
		assertThat(this.handler.errors).containsExactly(failure);
		assertThat(this.handler.events).containsExactly("text:boom", "error:handler bug", "text:after");
		assertThat(this.session.closes).isEmpty();
	}

	@Test
	void onErrorThatThrowsClosesTheSessionWith1011() throws Exception {
		this.handler.failOn = "boom";
		this.handler.failure = new IllegalStateException("handler bug");
		this.handler.onErrorThrows = true;
		SessionEvents events = new SessionEvents(this.session, this.handler, this.executor, NO_BOUND, this.reading, new ReplyScope());
		events.dispatch(new SessionEvent.Text(WsText.of("boom")));
		this.executor.awaitQuiet();
		assertThat(this.session.closes)
			.containsExactly(new CloseStatus(CloseStatus.INTERNAL_ERROR, "Internal server error"));
	}

	@Test
	void onErrorThatThrowsOnAClosedSessionClosesNothing() throws Exception {
		this.handler.failOn = "boom";
		this.handler.failure = new IllegalStateException("handler bug");
		this.handler.onErrorThrows = true;
		this.session.close(1000, "already");
		SessionEvents events = new SessionEvents(this.session, this.handler, this.executor, NO_BOUND, this.reading, new ReplyScope());
		events.dispatch(new SessionEvent.Text(WsText.of("boom")));
		this.executor.awaitQuiet();
		assertThat(this.session.closes).containsExactly(new CloseStatus(1000, "already"));
	}

	@Test
	void inboxOverItsByteBoundPausesReadingOnceAndResumesOnceDrainedToHalf() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		this.handler.blockFirstMessageOn = release;
		this.reading.deliveredAtResume = this.handler.events::size;
		SessionEvents events = new SessionEvents(this.session, this.handler, this.executor, 100, this.reading, new ReplyScope());
		// 30 bytes each: 30, 60, 90 fit; 120 is over the bound; 150 and 180 find reading paused.
		for (int i = 0; i < 6; i++) {
			events.dispatch(new SessionEvent.Binary(new byte[30]));
			assertThat(this.reading.pauses).as("pauses after message %d", i + 1).hasValue((i < 3) ? 0 : 1);
		}
		assertThat(events.isReadPausedByInbox()).isTrue();
		assertThat(this.reading.resumes).hasValue(0);
		release.countDown();
		this.executor.awaitQuiet();
		assertThat(this.reading.resumes).hasValue(1);
		// Left in the inbox at the resume: 180 - 5 * 30 = 30 bytes, the first count at or under 50.
		assertThat(this.reading.deliveredAtResumeValues).containsExactly(5);
		assertThat(this.reading.pauses).hasValue(1);
		assertThat(events.isReadPausedByInbox()).isFalse();
		assertThat(this.handler.events).hasSize(6);
	}

	@Test
	void inboxThatFillsAgainAfterResumingPausesAgain() throws Exception {
		CountDownLatch firstRelease = new CountDownLatch(1);
		this.handler.blockFirstMessageOn = firstRelease;
		SessionEvents events = new SessionEvents(this.session, this.handler, this.executor, 100, this.reading, new ReplyScope());
		for (int i = 0; i < 4; i++) {
			events.dispatch(new SessionEvent.Binary(new byte[30]));
		}
		firstRelease.countDown();
		this.executor.awaitQuiet();
		CountDownLatch secondRelease = new CountDownLatch(1);
		this.handler.blockFirstMessageOn = secondRelease;
		for (int i = 0; i < 4; i++) {
			events.dispatch(new SessionEvent.Binary(new byte[30]));
		}
		secondRelease.countDown();
		this.executor.awaitQuiet();
		assertThat(this.reading.pauses).hasValue(2);
		assertThat(this.reading.resumes).hasValue(2);
	}

	@Test
	void eventsWithoutPayloadNeverPauseReading() throws Exception {
		SessionEvents events = new SessionEvents(this.session, this.handler, this.executor, 0, this.reading, new ReplyScope());
		events.dispatch(SessionEvent.OPENED);
		events.dispatch(new SessionEvent.CloseReply(() -> {
		}));
		events.dispatch(new SessionEvent.Closed(new CloseStatus(1000, "")));
		this.executor.awaitQuiet();
		assertThat(this.reading.pauses).hasValue(0);
	}

	@Test
	void closeReplyRunsOnlyAfterEveryEventDispatchedBeforeIt() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		this.handler.blockFirstMessageOn = release;
		CompletableFuture<String> replyThread = new CompletableFuture<>();
		SessionEvents events = new SessionEvents(this.session, this.handler, this.executor, NO_BOUND, this.reading, new ReplyScope());
		events.dispatch(SessionEvent.OPENED);
		for (int i = 0; i < 5; i++) {
			events.dispatch(new SessionEvent.Text(WsText.of("m" + i)));
		}
		events.dispatch(new SessionEvent.CloseReply(() -> {
			this.handler.events.add("reply");
			replyThread.complete(Thread.currentThread().getName());
		}));
		assertThat(replyThread).as("the reply waits for the blocked handler").isNotDone();
		release.countDown();
		assertThat(replyThread.get(5, TimeUnit.SECONDS)).isNotEqualTo(Thread.currentThread().getName());
		this.executor.awaitQuiet();
		assertThat(this.handler.events).containsExactly("open", "text:m0", "text:m1", "text:m2", "text:m3",
				"text:m4", "reply");
	}

	@Test
	void withoutAnExecutorEventsAreDeliveredAtOnceOnTheCallingThread() {
		SessionEvents events = new SessionEvents(this.session, this.handler, null, 1, this.reading, new ReplyScope());
		String caller = Thread.currentThread().getName();
		events.dispatch(SessionEvent.OPENED);
		assertThat(this.handler.events).containsExactly("open");
		events.dispatch(new SessionEvent.Binary(new byte[64]));
		assertThat(this.handler.events).containsExactly("open", "binary:64");
		events.dispatch(new SessionEvent.Closed(new CloseStatus(1000, "")));
		assertThat(this.handler.events).containsExactly("open", "binary:64", "close:1000");
		assertThat(this.handler.threads).containsOnly(caller);
		assertThat(events.isIdle()).isTrue();
		assertThat(this.reading.pauses).as("no inbox, no bound").hasValue(0);
	}

	@Test
	void executorThatRejectsMakesTheSessionOverloaded() {
		ExecutorService stopped = Executors.newSingleThreadExecutor();
		stopped.shutdown();
		SessionEvents events = new SessionEvents(this.session, this.handler, stopped, NO_BOUND, this.reading, new ReplyScope());
		events.dispatch(SessionEvent.OPENED);
		assertThat(this.reading.overloads).hasValue(1);
		assertThat(this.handler.events).isEmpty();
	}

	/** Runs tasks on a pool and waits until every task it was given has ended. */
	private static final class TrackingExecutor implements Executor {

		private final Executor pool;

		private final List<CompletableFuture<Void>> tasks = new CopyOnWriteArrayList<>();

		TrackingExecutor(Executor pool) {
			this.pool = pool;
		}

		@Override
		public void execute(Runnable task) {
			this.tasks.add(CompletableFuture.runAsync(task, this.pool));
		}

		void awaitQuiet() throws Exception {
			CompletableFuture.allOf(this.tasks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
		}

	}

	/** Records each handler call, the thread it ran on, and whether two ever overlapped. */
	private static final class RecordingHandler implements WsHandler {

		final List<String> events = new CopyOnWriteArrayList<>();

		final List<String> threads = new CopyOnWriteArrayList<>();

		final List<Throwable> errors = new CopyOnWriteArrayList<>();

		final AtomicInteger overlaps = new AtomicInteger();

		private final AtomicInteger inside = new AtomicInteger();

		volatile String failOn;

		volatile RuntimeException failure;

		volatile boolean onErrorThrows;

		/** When set, the next message waits on it before it is recorded done. */
		volatile CountDownLatch blockFirstMessageOn;

		private void record(String event) {
			if (this.inside.incrementAndGet() != 1) {
				this.overlaps.incrementAndGet();
			}
			try {
				this.threads.add(Thread.currentThread().getName());
				this.events.add(event);
			}
			finally {
				this.inside.decrementAndGet();
			}
		}

		private void message(String event) throws InterruptedException {
			record(event);
			CountDownLatch block = this.blockFirstMessageOn;
			if (block != null) {
				this.blockFirstMessageOn = null;
				assertThat(block.await(10, TimeUnit.SECONDS)).isTrue();
			}
		}

		@Override
		public void onOpen(WsSession session) {
			record("open");
		}

		@Override
		public void onText(WsSession session, String text) throws Exception {
			message("text:" + text);
			if (text.equals(this.failOn)) {
				throw this.failure;
			}
		}

		@Override
		public void onBinary(WsSession session, byte[] data) throws Exception {
			message("binary:" + data.length);
		}

		@Override
		public void onClose(WsSession session, CloseStatus status) {
			record("close:" + status.code());
		}

		@Override
		public void onError(WsSession session, Throwable error) {
			this.errors.add(error);
			record("error:" + error.getMessage());
			if (this.onErrorThrows) {
				throw new IllegalStateException("error handler bug");
			}
		}

	}

	/** Counts what {@link SessionEvents} asks of the connection's reading. */
	private static final class FakeReadControl implements SessionEvents.ReadControl {

		final AtomicInteger pauses = new AtomicInteger();

		final AtomicInteger resumes = new AtomicInteger();

		final AtomicInteger overloads = new AtomicInteger();

		final List<Integer> deliveredAtResumeValues = new CopyOnWriteArrayList<>();

		volatile java.util.function.IntSupplier deliveredAtResume = () -> -1;

		@Override
		public void pause() {
			this.pauses.incrementAndGet();
		}

		@Override
		public void resumeLater() {
			this.resumes.incrementAndGet();
			this.deliveredAtResumeValues.add(this.deliveredAtResume.getAsInt());
		}

		@Override
		public void overloaded() {
			this.overloads.incrementAndGet();
		}

	}

}
