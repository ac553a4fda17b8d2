package dev.wsboot.engine.internal.protocol;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import dev.wsboot.engine.CompressionConfig;

/**
 * Raw-deflate codecs ({@code nowrap}, as RFC 7692 §7.2 needs) lent to connections, and the count of
 * those alive. Each holds native zlib memory that the garbage collector does not see. At the
 * JDK's settings (15 window bits, memory level 8) zlib allocates for a Deflater
 * {@code (1 << (windowBits + 2)) + (1 << (memLevel + 9))} = 128 + 128 = 256 KiB plus a few KiB of
 * state, and for an Inflater a few KiB of state plus, on first use, its {@code 1 << windowBits} =
 * 32 KiB window. Only the pages zlib touches become resident: measured, about 82 KiB for a new
 * Deflater, 130 KiB after one small message, 13 KiB for an Inflater (see
 * {@code WsServerConfig.compressionContextTakeover()}), up to the full allocation once large
 * messages fill the windows. So every codec taken is given back, and a codec the pool has no room
 * for is {@code end()}ed at once instead of waiting for a Cleaner.
 *
 * <p>One pool serves a whole server: codecs are taken for one message when there is no context
 * takeover, and for the life of a connection when there is. The pool keeps at most
 * {@code capacity} idle codecs of each kind. Thread-safe; the lock is held only to push or pop.
 */
public final class ZlibPool {

	private final int capacity;

	private final ArrayDeque<Deflater> deflaters = new ArrayDeque<>();

	private final ArrayDeque<Inflater> inflaters = new ArrayDeque<>();

	private final AtomicLong liveDeflaters = new AtomicLong();

	private final AtomicLong liveInflaters = new AtomicLong();

	private final AtomicLong deflaterLoans = new AtomicLong();

	private final int level;

	private boolean closed;

	/** @param capacity the idle codecs of each kind kept for reuse */
	public ZlibPool(int capacity) {
		this(capacity, Deflater.DEFAULT_COMPRESSION);
	}

	/**
	 * @param capacity the idle codecs of each kind kept for reuse
	 * @param compression its {@link CompressionConfig#level()} is the Deflaters' compression level
	 */
	public ZlibPool(int capacity, CompressionConfig compression) {
		this(capacity, compression.level());
	}

	private ZlibPool(int capacity, int level) {
		this.capacity = capacity;
		this.level = level;
	}

	/** A reset Deflater with the pool's level; give it back with {@link #release(Deflater)}. */
	public Deflater takeDeflater() {
		this.deflaterLoans.incrementAndGet();
		synchronized (this) {
			Deflater deflater = this.deflaters.pollLast();
			if (deflater != null) {
				return deflater;
			}
		}
		this.liveDeflaters.incrementAndGet();
		return new Deflater(this.level, true);
	}

	/** A reset Inflater; give it back with {@link #release(Inflater)}. */
	public Inflater takeInflater() {
		synchronized (this) {
			Inflater inflater = this.inflaters.pollLast();
			if (inflater != null) {
				return inflater;
			}
		}
		this.liveInflaters.incrementAndGet();
		return new Inflater(true);
	}

	/** Resets the Deflater for the next user, or ends it if the pool is full or closed. */
	public void release(Deflater deflater) {
		deflater.reset();
		synchronized (this) {
			if (!this.closed && this.deflaters.size() < this.capacity) {
				this.deflaters.addLast(deflater);
				return;
			}
		}
		deflater.end();
		this.liveDeflaters.decrementAndGet();
	}

	/** Resets the Inflater for the next user, or ends it if the pool is full or closed. */
	public void release(Inflater inflater) {
		inflater.reset();
		synchronized (this) {
			if (!this.closed && this.inflaters.size() < this.capacity) {
				this.inflaters.addLast(inflater);
				return;
			}
		}
		inflater.end();
		this.liveInflaters.decrementAndGet();
	}

	/** Ends the idle codecs; codecs released later are ended at once. */
	public void close() {
		ArrayDeque<Deflater> idleDeflaters;
		ArrayDeque<Inflater> idleInflaters;
		synchronized (this) {
			this.closed = true;
			idleDeflaters = new ArrayDeque<>(this.deflaters);
			idleInflaters = new ArrayDeque<>(this.inflaters);
			this.deflaters.clear();
			this.inflaters.clear();
		}
		idleDeflaters.forEach((deflater) -> {
			deflater.end();
			this.liveDeflaters.decrementAndGet();
		});
		idleInflaters.forEach((inflater) -> {
			inflater.end();
			this.liveInflaters.decrementAndGet();
		});
	}

	/** Deflaters created and not yet ended: lent out or idle in the pool. */
	public long liveDeflaters() {
		return this.liveDeflaters.get();
	}

	/** Inflaters created and not yet ended: lent out or idle in the pool. */
	public long liveInflaters() {
		return this.liveInflaters.get();
	}

	/** How many times a Deflater was taken: once per message compressed without context takeover. */
	public long deflaterLoans() {
		return this.deflaterLoans.get();
	}

	/** Idle codecs of each kind the pool keeps at most. */
	public int capacity() {
		return this.capacity;
	}

}
