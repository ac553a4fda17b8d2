package dev.wsboot.engine.internal.session;

import org.jspecify.annotations.Nullable;

/**
 * Tells a session's replies from pushes: a send made on the thread that is delivering one of the
 * session's own messages answers what the client sent, so the client causes it and its own
 * reading throttles it; any other send (a broadcast, another session's handler, a greeting in
 * {@code onOpen}) is a push, which the slow client policy bounds. Written by the delivering
 * thread, read by senders.
 */
final class ReplyScope {

	private volatile @Nullable Thread delivering;

	void enter() {
		this.delivering = Thread.currentThread();
	}

	void exit() {
		this.delivering = null;
	}

	boolean isReply() {
		return this.delivering == Thread.currentThread();
	}

}
