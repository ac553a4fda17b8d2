package dev.wsboot.engine.internal.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wsboot.engine.CloseCategory;
import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.internal.session.CloseState.Next;
import dev.wsboot.engine.internal.session.CloseState.Phase;
import dev.wsboot.engine.internal.session.CloseState.Reply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CloseState}: every close transition of RFC 6455 §7 and what it tells the caller to do.
 */
class CloseStateTests {

	private final CloseState state = new CloseState();

	private final AtomicInteger framesQueued = new AtomicInteger();

	private final Runnable queueFrame = this.framesQueued::incrementAndGet;

	@Test
	void aNewStateIsOpenAndSendableWithNoCloseStarted() {
		assertThat(this.state.phase()).isEqualTo(Phase.OPEN);
		assertThat(this.state.isSendable()).isTrue();
		assertThat(this.state.closingSince()).isZero();
	}

	// The peer closes first (§5.5.1, §7.1.2)

	@Test
	void peerCloseWhileOpenAsksForAReplyAfterThePendingEvents() {
		assertThat(this.state.peerClosed(1001, "bye")).isEqualTo(Next.REPLY_AFTER_EVENTS);
		assertThat(this.state.phase()).isEqualTo(Phase.REPLY_PENDING);
	}

	@Test
	void replyToThePeersCloseEchoesItsCodeWithoutReasonAndClosesTheSocket() {
		this.state.peerClosed(4001, "custom reason");
		Reply reply = this.state.takeReply();
		assertThat(reply).isEqualTo(new Reply(4001, "", false));
		assertThat(this.state.phase()).isEqualTo(Phase.CLOSING);
	}

	@Test
	void replyIsTakenOnlyOnce() {
		this.state.peerClosed(1000, "");
		assertThat(this.state.takeReply()).isNotNull();
		assertThat(this.state.takeReply()).isNull();
	}

	@Test
	void peersCloseReportsItsStatusClassedByItsCode() {
		this.state.peerClosed(1001, "leaving");
		this.state.takeReply();
		assertThat(this.state.closed())
			.isEqualTo(new CloseState.Outcome(new CloseStatus(1001, "leaving"), CloseCategory.GOING_AWAY));
	}

	@Test
	void peersCloseWhileAReplyIsPendingAsksForNothing() {
		this.state.peerClosed(1000, "");
		assertThat(this.state.peerClosed(1002, "again")).isEqualTo(Next.NOTHING);
		assertThat(this.state.takeReply().code()).isEqualTo(1000);
	}

	// We close first (§7.1.2)

	@Test
	void ourCloseQueuesItsFrameOnceInsideTheTransitionAfterClosingToSenders() {
		List<Boolean> sendableWhileQueueing = new ArrayList<>();
		boolean started = this.state.startClose(1000, "done", null, () -> {
			sendableWhileQueueing.add(this.state.isSendable());
			this.framesQueued.incrementAndGet();
		});
		assertThat(started).isTrue();
		assertThat(this.framesQueued).hasValue(1);
		assertThat(sendableWhileQueueing).containsExactly(false);
		assertThat(this.state.phase()).isEqualTo(Phase.CLOSE_SENT);
	}

	@Test
	void secondCloseReturnsFalseAndQueuesNoFrame() {
		assertThat(this.state.startClose(1000, "", null, this.queueFrame)).isTrue();
		assertThat(this.state.startClose(1011, "again", null, this.queueFrame)).isFalse();
		assertThat(this.framesQueued).hasValue(1);
		assertThat(this.state.closed().status()).isEqualTo(new CloseStatus(1000, ""));
	}

	@Test
	void ourCloseAfterThePeersCloseReturnsFalseAndQueuesNoFrame() {
		this.state.peerClosed(1000, "");
		assertThat(this.state.startClose(1001, "", null, this.queueFrame)).isFalse();
		assertThat(this.framesQueued).hasValue(0);
		assertThat(this.state.phase()).isEqualTo(Phase.REPLY_PENDING);
	}

	@Test
	void peersCloseAfterOursClosesAfterFlush() {
		this.state.startClose(1000, "", null, this.queueFrame);
		assertThat(this.state.peerClosed(1000, "")).isEqualTo(Next.CLOSE_AFTER_FLUSH);
		assertThat(this.state.phase()).isEqualTo(Phase.CLOSING);
		assertThat(this.state.takeReply()).as("our close frame already went").isNull();
	}

	@Test
	void peersCloseAfterOursReportsOurStatusAndCategory() {
		this.state.startClose(1001, "Idle timeout", CloseCategory.IDLE_TIMEOUT, this.queueFrame);
		this.state.peerClosed(1000, "ok");
		assertThat(this.state.closed()).isEqualTo(
				new CloseState.Outcome(new CloseStatus(1001, "Idle timeout"), CloseCategory.IDLE_TIMEOUT));
	}

	@Test
	void ourCloseWithoutCategoryIsClassedByItsCode() {
		this.state.startClose(1008, "policy", null, this.queueFrame);
		assertThat(this.state.closed().category()).isEqualTo(CloseCategory.POLICY);
	}

	// The peer breaks the protocol (§7.1.7)

	@Test
	void violationWhileOpenRepliesWithItsCodeAndReasonAndHalfCloses() {
		assertThat(this.state.violation(1002, "Reserved opcode 3", false)).isEqualTo(Next.REPLY_AFTER_EVENTS);
		assertThat(this.state.phase()).isEqualTo(Phase.REPLY_PENDING);
		assertThat(this.state.takeReply()).isEqualTo(new Reply(1002, "Reserved opcode 3", true));
	}

	@Test
	void violationInTheCloseFrameRepliesWithItsReasonAndClosesInsteadOfHalfClosing() {
		this.state.violation(1007, "Invalid UTF-8 in close reason", true);
		assertThat(this.state.takeReply()).isEqualTo(new Reply(1007, "Invalid UTF-8 in close reason", false));
	}

	@Test
	void violationWhileOpenReportsItsStatusClassedByItsCode() {
		this.state.violation(1009, "Message too big", false);
		this.state.takeReply();
		assertThat(this.state.closed())
			.isEqualTo(new CloseState.Outcome(new CloseStatus(1009, "Message too big"), CloseCategory.TOO_BIG));
	}

	@Test
	void violationAfterOurCloseShutsOutputAfterFlush() {
		this.state.startClose(1000, "", null, this.queueFrame);
		assertThat(this.state.violation(1002, "bad frame", false)).isEqualTo(Next.SHUTDOWN_OUTPUT_AFTER_FLUSH);
		assertThat(this.state.phase()).isEqualTo(Phase.CLOSING);
		assertThat(this.state.takeReply()).isNull();
	}

	@Test
	void violationInTheCloseFrameAfterOurCloseClosesAfterFlush() {
		this.state.startClose(1000, "", null, this.queueFrame);
		assertThat(this.state.violation(1002, "bad close code", true)).isEqualTo(Next.CLOSE_AFTER_FLUSH);
		assertThat(this.state.phase()).isEqualTo(Phase.CLOSING);
	}

	@Test
	void violationAfterThePeersCloseAsksForNothingAndKeepsTheEchoReply() {
		this.state.peerClosed(1000, "bye");
		assertThat(this.state.violation(1002, "late", false)).isEqualTo(Next.NOTHING);
		assertThat(this.state.takeReply()).isEqualTo(new Reply(1000, "", false));
	}

	@Test
	void transitionsOnceClosingAskForNothing() {
		this.state.peerClosed(1000, "");
		this.state.takeReply();
		assertThat(this.state.peerClosed(1000, "")).isEqualTo(Next.NOTHING);
		assertThat(this.state.violation(1002, "late", false)).isEqualTo(Next.NOTHING);
		assertThat(this.state.startClose(1000, "", null, this.queueFrame)).isFalse();
		assertThat(this.framesQueued).hasValue(0);
	}

	// What may still be sent (§5.5.1)

	@Test
	void staysSendableWhileAReplyIsPendingSoTheHandlerCanAnswerEarlierMessages() {
		this.state.peerClosed(1000, "");
		assertThat(this.state.isSendable()).isTrue();
		this.state.takeReply();
		assertThat(this.state.isSendable()).isFalse();
	}

	@Test
	void staysSendableWhileAViolationReplyIsPending() {
		this.state.violation(1002, "bad", false);
		assertThat(this.state.isSendable()).isTrue();
		this.state.takeReply();
		assertThat(this.state.isSendable()).isFalse();
	}

	@Test
	void isNotSendableOnceOurCloseStarts() {
		this.state.startClose(1000, "", null, this.queueFrame);
		assertThat(this.state.isSendable()).isFalse();
	}

	@Test
	void isNotSendableOnceClosed() {
		this.state.closed();
		assertThat(this.state.isSendable()).isFalse();
		assertThat(this.state.phase()).isEqualTo(Phase.CLOSED);
	}

	// The reply

	@Test
	void takeReplyReturnsNullWhenNothingIsOwed() {
		assertThat(this.state.takeReply()).isNull();
		assertThat(this.state.phase()).isEqualTo(Phase.OPEN);
		this.state.startClose(1000, "", null, this.queueFrame);
		assertThat(this.state.takeReply()).isNull();
	}

	@Test
	void takeReplyReturnsNullAfterTheSocketClosed() {
		this.state.peerClosed(1000, "");
		this.state.closed();
		assertThat(this.state.takeReply()).isNull();
		assertThat(this.state.phase()).isEqualTo(Phase.CLOSED);
	}

	// The outcome

	@Test
	void closedWithNothingRecordedReportsAbnormalClassedByItsCode() {
		assertThat(this.state.closed())
			.isEqualTo(new CloseState.Outcome(new CloseStatus(CloseStatus.ABNORMAL, ""), CloseCategory.ABNORMAL));
	}

	@Test
	void closedReportsTheFirstStatusRecorded() {
		this.state.violation(1007, "bad UTF-8", false);
		this.state.peerClosed(1000, "late");
		this.state.abandon(1006, "gone", CloseCategory.IDLE_TIMEOUT);
		assertThat(this.state.closed().status()).isEqualTo(new CloseStatus(1007, "bad UTF-8"));
	}

	@Test
	void abandonWhileOpenRecordsItsReasonAndCategoryAndStopsSends() {
		this.state.abandon(CloseStatus.ABNORMAL, "No pong", CloseCategory.IDLE_TIMEOUT);
		assertThat(this.state.phase()).isEqualTo(Phase.CLOSING);
		assertThat(this.state.isSendable()).isFalse();
		assertThat(this.state.closed()).isEqualTo(
				new CloseState.Outcome(new CloseStatus(CloseStatus.ABNORMAL, "No pong"), CloseCategory.IDLE_TIMEOUT));
	}

	@Test
	void abandonAfterOurCloseKeepsOurReasonAndCategory() {
		this.state.startClose(1001, "Server shutting down", CloseCategory.GOING_AWAY, this.queueFrame);
		this.state.abandon(CloseStatus.ABNORMAL, "No pong", CloseCategory.IDLE_TIMEOUT);
		assertThat(this.state.closed()).isEqualTo(new CloseState.Outcome(
				new CloseStatus(1001, "Server shutting down"), CloseCategory.GOING_AWAY));
	}

	@Test
	void abandonAfterThePeersCloseKeepsThePeersStatusAndItsCategory() {
		this.state.peerClosed(1000, "bye");
		this.state.abandon(CloseStatus.ABNORMAL, "Close timeout", CloseCategory.IDLE_TIMEOUT);
		assertThat(this.state.closed())
			.isEqualTo(new CloseState.Outcome(new CloseStatus(1000, "bye"), CloseCategory.NORMAL));
	}

	@Test
	void abandonAfterTheSocketClosedStaysClosed() {
		this.state.closed();
		this.state.abandon(CloseStatus.ABNORMAL, "late", CloseCategory.IDLE_TIMEOUT);
		assertThat(this.state.phase()).isEqualTo(Phase.CLOSED);
	}

	// The close timeout's start

	@Test
	void closingSinceIsSetOnTheFirstTransitionAndKept() {
		long before = System.nanoTime();
		this.state.startClose(1000, "", null, this.queueFrame);
		long since = this.state.closingSince();
		assertThat(since - before).isGreaterThanOrEqualTo(0);
		assertThat(System.nanoTime() - since).isGreaterThanOrEqualTo(0);
		this.state.peerClosed(1000, "");
		assertThat(this.state.closingSince()).isEqualTo(since);
	}

	@Test
	void closingSinceIsSetWhenThePeerClosesFirstAndKeptThroughTheReply() {
		this.state.peerClosed(1000, "");
		long since = this.state.closingSince();
		assertThat(since).isNotZero();
		this.state.takeReply();
		assertThat(this.state.closingSince()).isEqualTo(since);
	}

	@Test
	void closingSinceIsSetByAViolationAndByAbandon() {
		this.state.violation(1002, "bad", false);
		assertThat(this.state.closingSince()).isNotZero();
		CloseState abandoned = new CloseState();
		abandoned.abandon(CloseStatus.ABNORMAL, "No pong", CloseCategory.IDLE_TIMEOUT);
		assertThat(abandoned.closingSince()).isNotZero();
	}

	// Many threads

	@Test
	void concurrentClosesStartTheCloseExactlyOnceAndQueueOneFrame() throws Exception {
		int threads = 16;
		for (int round = 0; round < 50; round++) {
			CloseState shared = new CloseState();
			AtomicInteger frames = new AtomicInteger();
			AtomicInteger winners = new AtomicInteger();
			CountDownLatch ready = new CountDownLatch(threads);
			CountDownLatch go = new CountDownLatch(1);
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			try {
				List<Future<?>> calls = new ArrayList<>();
				for (int i = 0; i < threads; i++) {
					int code = 3000 + i;
					calls.add(pool.submit(() -> {
						ready.countDown();
						go.await(5, TimeUnit.SECONDS);
						if (shared.startClose(code, "", null, frames::incrementAndGet)) {
							winners.incrementAndGet();
						}
						return null;
					}));
				}
				assertThat(ready.await(5, TimeUnit.SECONDS)).isTrue();
				go.countDown();
				for (Future<?> call : calls) {
					call.get(5, TimeUnit.SECONDS);
				}
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(winners).as("round %d", round).hasValue(1);
			assertThat(frames).as("round %d", round).hasValue(1);
			assertThat(shared.phase()).isEqualTo(Phase.CLOSE_SENT);
		}
	}

}
