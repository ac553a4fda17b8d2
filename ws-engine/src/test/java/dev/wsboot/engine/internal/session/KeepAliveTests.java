package dev.wsboot.engine.internal.session;

import java.time.Duration;

import dev.wsboot.engine.TimeoutConfig;

import dev.wsboot.engine.internal.session.KeepAlive.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KeepAlive}: the idle timeout, keep-alive pings and the pong timeout (RFC 6455 §5.5.2,
 * §5.5.3), on explicit nanosecond clocks. The start is far from zero, as {@link System#nanoTime()}
 * may be, and negative, so comparisons must use differences; it is chosen so that no tick in
 * these tests falls on zero, except in the test about that instant.
 */
class KeepAliveTests {

	private static final long START = -5_000_000_007L;

	private static final long SECOND = 1_000_000_000L;

	/** A pong timeout of 0 (the settings forbid it) stands for "irrelevant": it is only read after a ping. */
	private static KeepAlive keepAlive(long idleSeconds, long pingSeconds, long pongSeconds) {
		return new KeepAlive(timeouts(idleSeconds, pingSeconds, Math.max(1, pongSeconds)), START);
	}

	private static TimeoutConfig timeouts(long idleSeconds, long pingSeconds, long pongSeconds) {
		return TimeoutConfig.builder()
			.idleTimeout(Duration.ofSeconds(idleSeconds))
			.pingInterval(Duration.ofSeconds(pingSeconds))
			.pongTimeout(Duration.ofSeconds(pongSeconds))
			.build();
	}

	@Test
	void connectionIsAliveWithinTheIdleTimeout() {
		KeepAlive keepAlive = keepAlive(10, 0, 0);
		assertThat(keepAlive.check(START)).isEqualTo(Verdict.ALIVE);
		assertThat(keepAlive.check(START + 10 * SECOND)).isEqualTo(Verdict.ALIVE);
	}

	@Test
	void connectionThatReadsNothingPastTheIdleTimeoutTimesOut() {
		KeepAlive keepAlive = keepAlive(10, 0, 0);
		assertThat(keepAlive.check(START + 10 * SECOND + 1)).isEqualTo(Verdict.IDLE_TIMEOUT);
	}

	@Test
	void bytesReadRestartTheIdleTimeout() {
		KeepAlive keepAlive = keepAlive(10, 0, 0);
		keepAlive.bytesRead(START + 8 * SECOND);
		assertThat(keepAlive.check(START + 15 * SECOND)).isEqualTo(Verdict.ALIVE);
		assertThat(keepAlive.check(START + 18 * SECOND + 1)).isEqualTo(Verdict.IDLE_TIMEOUT);
	}

	@Test
	void zeroIdleTimeoutMeansTheConnectionNeverTimesOutForIdling() {
		KeepAlive keepAlive = keepAlive(0, 0, 0);
		assertThat(keepAlive.check(START + 365L * 24 * 3600 * SECOND)).isEqualTo(Verdict.ALIVE);
	}

	@Test
	void pingIsOwedAtTheInterval() {
		KeepAlive keepAlive = keepAlive(0, 30, 10);
		assertThat(keepAlive.check(START + 30 * SECOND - 1)).isEqualTo(Verdict.ALIVE);
		assertThat(keepAlive.check(START + 30 * SECOND)).isEqualTo(Verdict.SEND_PING);
	}

	@Test
	void pingIsOwedOncePerInterval() {
		KeepAlive keepAlive = keepAlive(0, 30, 100);
		assertThat(keepAlive.check(START + 30 * SECOND)).isEqualTo(Verdict.SEND_PING);
		assertThat(keepAlive.check(START + 31 * SECOND)).isEqualTo(Verdict.ALIVE);
		keepAlive.pongReceived();
		assertThat(keepAlive.check(START + 59 * SECOND)).isEqualTo(Verdict.ALIVE);
		assertThat(keepAlive.check(START + 60 * SECOND)).isEqualTo(Verdict.SEND_PING);
	}

	@Test
	void unansweredPingTimesOutAfterThePongTimeout() {
		KeepAlive keepAlive = keepAlive(0, 30, 10);
		assertThat(keepAlive.check(START + 30 * SECOND)).isEqualTo(Verdict.SEND_PING);
		assertThat(keepAlive.check(START + 40 * SECOND)).isEqualTo(Verdict.ALIVE);
		assertThat(keepAlive.check(START + 40 * SECOND + 1)).isEqualTo(Verdict.PONG_TIMEOUT);
	}

	@Test
	void pongTimeoutCountsFromTheFirstUnansweredPingNotTheLatest() {
		KeepAlive keepAlive = keepAlive(0, 5, 8);
		assertThat(keepAlive.check(START + 5 * SECOND)).isEqualTo(Verdict.SEND_PING);
		assertThat(keepAlive.check(START + 10 * SECOND)).isEqualTo(Verdict.SEND_PING);
		assertThat(keepAlive.check(START + 13 * SECOND + 1)).isEqualTo(Verdict.PONG_TIMEOUT);
	}

	@Test
	void pingSentWhenTheClockReadsZeroStillTimesOut() {
		// System.nanoTime() may read any long, zero included (its origin is arbitrary).
		KeepAlive keepAlive = new KeepAlive(timeouts(0, 30, 10), -30 * SECOND);
		assertThat(keepAlive.check(0)).isEqualTo(Verdict.SEND_PING);
		assertThat(keepAlive.check(10 * SECOND + 1)).isEqualTo(Verdict.PONG_TIMEOUT);
	}

	@Test
	void pongClearsTheUnansweredPing() {
		KeepAlive keepAlive = keepAlive(0, 30, 10);
		assertThat(keepAlive.check(START + 30 * SECOND)).isEqualTo(Verdict.SEND_PING);
		keepAlive.pongReceived();
		assertThat(keepAlive.check(START + 45 * SECOND)).isEqualTo(Verdict.ALIVE);
	}

	@Test
	void readingDataDoesNotAnswerAPing() {
		KeepAlive keepAlive = keepAlive(0, 30, 10);
		assertThat(keepAlive.check(START + 30 * SECOND)).isEqualTo(Verdict.SEND_PING);
		keepAlive.bytesRead(START + 35 * SECOND);
		assertThat(keepAlive.check(START + 41 * SECOND)).isEqualTo(Verdict.PONG_TIMEOUT);
	}

	@Test
	void zeroPingIntervalMeansNoPingsAndNoPongTimeout() {
		KeepAlive keepAlive = keepAlive(0, 0, 1);
		assertThat(keepAlive.check(START)).isEqualTo(Verdict.ALIVE);
		assertThat(keepAlive.check(START + 3600 * SECOND)).isEqualTo(Verdict.ALIVE);
	}

	@Test
	void idleTimeoutComesBeforeAnOwedPing() {
		KeepAlive keepAlive = keepAlive(10, 30, 10);
		assertThat(keepAlive.check(START + 30 * SECOND)).isEqualTo(Verdict.IDLE_TIMEOUT);
	}

	@Test
	void pingsKeepComingWhileTheClientReadsAndAnswers() {
		KeepAlive keepAlive = keepAlive(60, 20, 5);
		for (int n = 1; n <= 10; n++) {
			long pingAt = START + n * 20 * SECOND;
			assertThat(keepAlive.check(pingAt)).as("ping %d", n).isEqualTo(Verdict.SEND_PING);
			keepAlive.bytesRead(pingAt + SECOND);
			keepAlive.pongReceived();
			assertThat(keepAlive.check(pingAt + 6 * SECOND)).as("after pong %d", n).isEqualTo(Verdict.ALIVE);
		}
	}

}
