package dev.wsboot.engine.internal.session;

import org.jspecify.annotations.Nullable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The queue between a session's I/O thread and its handler task: one producer (the I/O thread),
 * one consumer at a time (the task {@link SessionEvents} schedules; the scheduling hands the
 * consumer role from one thread to the next with a happens-before edge). Events sit in chunks of
 * slots linked one after the other, and a chunk the consumer has emptied goes back to the producer,
 * so a steady stream of messages allocates nothing here, where a linked queue allocates a node
 * per message. Unbounded in count: {@link SessionEvents} bounds it in bytes.
 */
final class EventInbox {

	/** Small: an idle session keeps the chunk its last messages came through. */
	private static final int CHUNK_SIZE = 16;

	// Object[], not SessionEvent[]: a store into an array of an interface type makes the VarHandle
	// check the array's class and cast the event on every offer (half of the event dispatch's JFR
	// samples on the starter's echo); into Object[] there is nothing to check.
	private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);

	private static final VarHandle NEXT;

	private static final VarHandle SPARE;

	private static final VarHandle FIRST;

	private static final VarHandle OFFERED;

	private static final VarHandle TAKEN;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			NEXT = lookup.findVarHandle(Chunk.class, "next", Chunk.class);
			SPARE = lookup.findVarHandle(EventInbox.class, "spare", Chunk.class);
			FIRST = lookup.findVarHandle(EventInbox.class, "first", Chunk.class);
			OFFERED = lookup.findVarHandle(EventInbox.class, "offered", long.class);
			TAKEN = lookup.findVarHandle(EventInbox.class, "taken", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private static final class Chunk {

		final Object[] slots = new Object[CHUNK_SIZE];

		@SuppressWarnings("unused") // accessed through NEXT
		volatile @Nullable Chunk next;

	}

	/** Producer only; null until the first event, so a session that never gets one holds no chunk. */
	private @Nullable Chunk tail;

	/** Producer only: the next free slot of the tail chunk. */
	private int tailIndex;

	/** Consumer only; null until it finds {@link #first}. */
	private @Nullable Chunk head;

	/** The first chunk, published once by the producer for the consumer to start from. */
	@SuppressWarnings("unused") // accessed through FIRST
	private volatile @Nullable Chunk first;

	/** Consumer only: the next slot to take from the head chunk. */
	private int headIndex;

	/** An emptied chunk handed back to the producer, or null. */
	@SuppressWarnings("unused") // accessed through SPARE
	private volatile @Nullable Chunk spare;

	@SuppressWarnings("unused") // accessed through OFFERED
	private volatile long offered;

	@SuppressWarnings("unused") // accessed through TAKEN
	private volatile long taken;

	/** Producer only. */
	void offer(SessionEvent event) {
		if (this.tail == null) {
			this.tail = new Chunk();
			FIRST.setRelease(this, this.tail);
		}
		else if (this.tailIndex == CHUNK_SIZE) {
			Chunk next = (Chunk) SPARE.getAndSet(this, (Chunk) null);
			if (next == null) {
				next = new Chunk();
			}
			NEXT.setRelease(this.tail, next);
			this.tail = next;
			this.tailIndex = 0;
		}
		SLOTS.setRelease(this.tail.slots, this.tailIndex++, event);
		// Volatile, not release: the scheduling check that follows must not be ordered before it.
		OFFERED.getAndAdd(this, 1L);
	}

	/** The consumer of the moment only. @return the oldest event, or null if there is none */
	@Nullable SessionEvent poll() {
		if (this.head == null) {
			this.head = (Chunk) FIRST.getAcquire(this);
			if (this.head == null) {
				return null;
			}
		}
		if (this.headIndex == CHUNK_SIZE) {
			Chunk next = (Chunk) NEXT.getAcquire(this.head);
			if (next == null) {
				return null;
			}
			Chunk emptied = this.head;
			this.head = next;
			this.headIndex = 0;
			NEXT.setRelease(emptied, (Chunk) null);
			SPARE.setRelease(this, emptied);
		}
		SessionEvent event = (SessionEvent) SLOTS.getAcquire(this.head.slots, this.headIndex);
		if (event == null) {
			return null;
		}
		this.head.slots[this.headIndex++] = null;
		TAKEN.setRelease(this, (long) TAKEN.getOpaque(this) + 1);
		return event;
	}

	/**
	 * Drops the chunks of an empty inbox, so that an idle session holds none; the next offer
	 * starts a new one. Producer only, and only while no consumer is scheduled: the consumer that
	 * last ran published its fields when it unscheduled itself, and the next one starts from them
	 * after the producer schedules it.
	 */
	void release() {
		this.tail = null;
		this.tailIndex = 0;
		this.head = null;
		this.headIndex = 0;
		SPARE.setRelease(this, (Chunk) null);
		FIRST.setRelease(this, (Chunk) null);
	}

	/** Any thread. */
	boolean isEmpty() {
		return (long) TAKEN.getVolatile(this) == (long) OFFERED.getVolatile(this);
	}

}
