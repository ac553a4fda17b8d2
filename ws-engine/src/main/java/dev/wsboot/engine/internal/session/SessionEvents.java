package dev.wsboot.engine.internal.session;

import org.jspecify.annotations.Nullable;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.WsHandler;
import dev.wsboot.engine.WsSession;

/**
 * Delivers one session's events to its handler one at a time, in order, honouring the
 * {@link WsHandler} threading contract. Events only flow from the I/O thread towards the handler;
 * what the handler does in return (sends, closes) goes through the session's
 * {@link FrameSender} and never back through here.
 *
 * <p>With handlers on the executor, events wait in an inbox drained by one task at a time; a burst
 * of messages read together is delivered by one task, so there is one thread hop per read, not per
 * message. When the inbox holds more than its bound of payload bytes, the connection stops
 * reading until the handler catches up, so back-pressure reaches the client through TCP instead of
 * memory growing. With handlers on the I/O thread (no executor), events are delivered at once.
 */
final class SessionEvents implements Runnable {

	private static final System.Logger logger = System.getLogger(SessionEvents.class.getName());

	private static final VarHandle SCHEDULED;

	private static final VarHandle INBOX_BYTES;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			SCHEDULED = lookup.findVarHandle(SessionEvents.class, "scheduled", int.class);
			INBOX_BYTES = lookup.findVarHandle(SessionEvents.class, "inboxBytes", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** Pauses and resumes reading the connection; the pause is the back-pressure of a full inbox. */
	interface ReadControl {

		/** I/O thread. */
		void pause();

		/** Any thread: the resume runs on the I/O thread. */
		void resumeLater();

		/** The executor refused the session's events: close it. I/O thread. */
		void overloaded();

	}

	private final WsSession session;

	private final WsHandler handler;

	private final ReadControl reading;

	/** Null when handlers run on the I/O thread. */
	private final @Nullable Executor executor;

	/** Null when handlers run on the I/O thread. */
	private final @Nullable EventInbox inbox;

	private final long maxInboxBytes;

	private final ReplyScope replies;

	@SuppressWarnings("unused") // accessed through SCHEDULED
	private volatile int scheduled;

	@SuppressWarnings("unused") // accessed through INBOX_BYTES
	private volatile long inboxBytes;

	private volatile boolean readPausedByInbox;

	/** Read and written by the delivering thread only. */
	private boolean closeDelivered;

	/** @param executor the handler executor, or null to deliver on the I/O thread */
	SessionEvents(WsSession session, WsHandler handler, @Nullable Executor executor, long maxInboxBytes, ReadControl reading,
			ReplyScope replies) {
		this.replies = replies;
		this.session = session;
		this.handler = handler;
		this.executor = executor;
		this.inbox = (executor != null) ? new EventInbox() : null;
		this.maxInboxBytes = maxInboxBytes;
		this.reading = reading;
	}

	/** Whether the handler has been given every event dispatched so far. */
	boolean isIdle() {
		return this.inbox == null || ((int) SCHEDULED.getVolatile(this) == 0 && this.inbox.isEmpty());
	}

	/**
	 * Lets the inbox's chunks go if every event has been delivered and no delivery is scheduled;
	 * I/O thread only. Called when the connection is quiet, so a busy one keeps its chunk.
	 */
	void releaseIfIdle() {
		if (this.inbox != null && isIdle()) {
			this.inbox.release();
		}
	}

	/**
	 * Hands an event to the handler: at once with handlers on the I/O thread, else through the
	 * inbox. I/O thread only.
	 */
	void dispatch(SessionEvent event) {
		if (this.inbox == null) {
			deliver(event);
			return;
		}
		this.inbox.offer(event);
		int size = event.size();
		long pending = (long) INBOX_BYTES.getAndAdd(this, (long) size) + size;
		if (pending > this.maxInboxBytes && !this.readPausedByInbox) {
			this.readPausedByInbox = true;
			this.reading.pause();
		}
		if (SCHEDULED.compareAndSet(this, 0, 1)) {
			try {
				this.executor.execute(this);
			}
			catch (RejectedExecutionException ex) {
				SCHEDULED.setVolatile(this, 0);
				logger.log(Level.ERROR, "Handler executor refused the events of " + this.session + "; closing it with 1011",
						ex);
				this.reading.overloaded();
			}
		}
	}

	/** Drains the inbox on the handler executor, one event at a time. */
	@Override
	public void run() {
		do {
			SessionEvent event;
			while ((event = this.inbox.poll()) != null) {
				deliver(event);
				int size = event.size();
				if (size > 0) {
					long pending = (long) INBOX_BYTES.getAndAdd(this, (long) -size) - size;
					if (this.readPausedByInbox && pending <= this.maxInboxBytes / 2) {
						this.readPausedByInbox = false;
						this.reading.resumeLater();
					}
				}
			}
			SCHEDULED.setVolatile(this, 0);
		}
		while (!this.inbox.isEmpty() && SCHEDULED.compareAndSet(this, 0, 1));
	}

	/** Whether reading is paused because the handler is behind; the resume checks it again. */
	boolean isReadPausedByInbox() {
		return this.readPausedByInbox;
	}

	private void deliver(SessionEvent event) {
		if (this.closeDelivered) {
			return;
		}
		this.closeDelivered = event.isLast();
		boolean message = event.isMessage();
		if (message) {
			this.replies.enter();
		}
		try {
			event.deliverTo(this.handler, this.session);
		}
		catch (Throwable ex) {
			handleError(ex);
		}
		finally {
			if (message) {
				this.replies.exit();
			}
		}
	}

	private void handleError(Throwable error) {
		logger.log(Level.DEBUG, () -> "Handler threw on " + this.session, error);
		try {
			this.handler.onError(this.session, error);
		}
		catch (Throwable ex) {
			logger.log(Level.ERROR, "Error handler threw on " + this.session + "; closing it with 1011", ex);
			if (this.session.isOpen()) {
				this.session.close(CloseStatus.INTERNAL_ERROR, "Internal server error");
			}
		}
	}

}
