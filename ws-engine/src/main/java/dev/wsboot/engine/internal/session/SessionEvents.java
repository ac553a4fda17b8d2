package dev.wsboot.engine.internal.session;

import dev.wsboot.engine.CloseCategory;
import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.WsHandler;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;

import dev.wsboot.engine.internal.transport.Connection;

/**
 * Delivers one session's events to its handler one at a time, in order, honouring the
 * {@link WsHandler} threading contract.
 *
 * <p>With handlers on the executor, events wait in an inbox drained by one task at a time; a burst
 * of messages read together is delivered by one task, so there is one thread hop per read, not per
 * message. When the inbox holds more than {@link LimitsConfig#maxInboundQueueSize()} bytes, the
 * connection stops reading until the handler catches up, so back-pressure reaches the client
 * through TCP instead of memory growing. With handlers on the I/O thread, events are delivered at
 * once.
 */
final class SessionEvents implements Runnable {

	private static final System.Logger logger = System.getLogger(SessionEvents.class.getName());

	private static final Object OPENED = new Object();

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

	private record Pong(byte[] payload) {
	}

	/** Runs an I/O thread action once the handler has had every event queued before it. */
	private record AfterEvents(Runnable action) {
	}

	private final DefaultWsSession session;

	private final WsHandler handler;

	private final WebSocketConnection protocol;

	private final Connection connection;

	private final ServerRuntime server;

	/** Null when handlers run on the I/O thread. */
	private final Queue<Object> inbox;

	private final Runnable resumeReading = this::resumeReading;

	@SuppressWarnings("unused") // accessed through SCHEDULED
	private volatile int scheduled;

	@SuppressWarnings("unused") // accessed through INBOX_BYTES
	private volatile long inboxBytes;

	private volatile boolean readPausedByInbox;

	private boolean closeDelivered;

	SessionEvents(DefaultWsSession session, WsHandler handler, WebSocketConnection protocol, ServerRuntime server) {
		this.session = session;
		this.handler = handler;
		this.protocol = protocol;
		this.connection = protocol.connection();
		this.server = server;
		this.inbox = server.handlersOnIoThread() ? null : new ConcurrentLinkedQueue<>();
	}

	void open() {
		dispatch(OPENED, 0);
	}

	void message(Object message, int size) {
		dispatch(message, size);
	}

	void pong(byte[] payload) {
		dispatch(new Pong(payload), payload.length);
	}

	void close(CloseStatus status) {
		dispatch(status, 0);
	}

	/**
	 * Runs the action on the I/O thread once the handler has been given every event dispatched so
	 * far, so that its replies to them are queued first: at once when handlers run on the I/O
	 * thread or none is pending. I/O thread only.
	 */
	void afterPendingEvents(Runnable action) {
		if (this.inbox == null || ((int) SCHEDULED.getVolatile(this) == 0 && this.inbox.isEmpty())) {
			action.run();
			return;
		}
		dispatch(new AfterEvents(action), 0);
	}

	/** Runs on the I/O thread. */
	private void dispatch(Object event, int size) {
		if (this.inbox == null) {
			deliver(event);
			return;
		}
		this.inbox.offer(event);
		long pending = (long) INBOX_BYTES.getAndAdd(this, (long) size) + size;
		if (pending > this.server.config().limits().maxInboundQueueSize() && !this.readPausedByInbox) {
			this.readPausedByInbox = true;
			this.connection.pauseReading();
		}
		if (SCHEDULED.compareAndSet(this, 0, 1)) {
			try {
				this.server.handlerExecutor().execute(this);
			}
			catch (RejectedExecutionException ex) {
				SCHEDULED.setVolatile(this, 0);
				logger.log(Level.ERROR, "Handler executor refused the events of " + this.session + "; closing it with 1011", ex);
				this.protocol.close(CloseStatus.INTERNAL_ERROR, "Server overloaded", CloseCategory.SERVER_ERROR);
			}
		}
	}

	/** Drains the inbox on the handler executor, one event at a time. */
	@Override
	public void run() {
		do {
			Object event;
			while ((event = this.inbox.poll()) != null) {
				deliver(event);
				int size = sizeOf(event);
				if (size > 0) {
					long pending = (long) INBOX_BYTES.getAndAdd(this, (long) -size) - size;
					if (this.readPausedByInbox && pending <= this.server.config().limits().maxInboundQueueSize() / 2) {
						this.readPausedByInbox = false;
						this.connection.loop().execute(this.resumeReading);
					}
				}
			}
			SCHEDULED.setVolatile(this, 0);
		}
		while (!this.inbox.isEmpty() && SCHEDULED.compareAndSet(this, 0, 1));
	}

	private void resumeReading() {
		if (!this.readPausedByInbox) {
			this.connection.resumeReading();
		}
	}

	private static int sizeOf(Object event) {
		if (event instanceof String text) {
			return text.length();
		}
		if (event instanceof byte[] data) {
			return data.length;
		}
		return (event instanceof Pong pong) ? pong.payload().length : 0;
	}

	private void deliver(Object event) {
		if (this.closeDelivered) {
			return;
		}
		try {
			if (event instanceof String text) {
				this.handler.onText(this.session, text);
			}
			else if (event instanceof byte[] data) {
				this.handler.onBinary(this.session, data);
			}
			else if (event == OPENED) {
				this.handler.onOpen(this.session);
			}
			else if (event instanceof Pong pong) {
				this.handler.onPong(this.session, pong.payload());
			}
			else if (event instanceof AfterEvents after) {
				this.connection.loop().execute(after.action());
			}
			else if (event instanceof CloseStatus status) {
				this.closeDelivered = true;
				this.handler.onClose(this.session, status);
			}
		}
		catch (Throwable ex) {
			handleError(ex);
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
