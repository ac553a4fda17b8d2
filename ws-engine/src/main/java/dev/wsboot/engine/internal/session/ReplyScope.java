package dev.wsboot.engine.internal.session;

import org.jspecify.annotations.Nullable;

/**
 * Tells a session's replies from pushes: a send made on the thread that is delivering one of the
 * session's own messages answers what the client sent, so the client causes it and its own
 * reading throttles it; any other send (a broadcast, another session's handler, a greeting in
 * {@code onOpen}) is a push, which the slow client policy bounds. Written by the delivering
 * thread, read by senders on any thread.
 */
final class ReplyScope {

	/**
	 * Plain, not volatile: a thread can only find itself here if it wrote itself, and it always
	 * sees its own writes; what other threads see is never their own thread. Two volatile writes
	 * per message would cost more than the question is worth.
	 */
	private @Nullable Thread delivering;

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
