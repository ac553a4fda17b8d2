package dev.wsboot.engine.internal.transport;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * One selector thread serving many connections. It owns the buffers its connections borrow (one
 * read buffer, one write buffer, one scratch array), runs tasks handed to it from other threads, and
 * drives every timeout of its connections from a single periodic tick. Internal API.
 */
public final class IoLoop implements Executor, Runnable {

	private static final System.Logger logger = System.getLogger(IoLoop.class.getName());

	/** Premature empty selects in a row after which the selector is rebuilt (the JDK epoll spin bug). */
	private static final int SELECTOR_REBUILD_THRESHOLD = 512;

	private final String name;

	private final long tickNanos;

	private final ByteBuffer readBuffer;

	private final ByteBuffer writeBuffer;

	/** Replies appended to {@link #writeBuffer} while a connection is read. */
	private final DirectReplies directReplies;

	private final byte[] scratch;

	/** Ciphertext read by TLS connections; made by the first one, so plain servers never have it. */
	private ByteBuffer tlsInputBuffer;

	/** Ciphertext written by TLS connections; made by the first one. */
	private ByteBuffer tlsOutputBuffer;

	private final FrameQueue.Queued[] batch = new FrameQueue.Queued[256];

	private final int[] batchCounts = new int[256];

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	/** Coalesces wakeups: set by the first task offered while the loop may be selecting. */
	private final AtomicBoolean wakeupPending = new AtomicBoolean();

	/**
	 * Connections whose flush other threads asked for, as a stack linked through the connections
	 * themselves: a handler thread's reply costs a compare-and-set here, where a task in
	 * {@link #tasks} would allocate a queue node per reply. A connection is in it at most once
	 * (its own flag guards the request).
	 */
	private final AtomicReference<Connection> flushRequests = new AtomicReference<>();

	private final List<Connection> connections = new ArrayList<>();

	private final List<Connection> flushes = new ArrayList<>();

	private final List<LongConsumer> tickers = new ArrayList<>();

	private final Consumer<SelectionKey> onReady = IoLoop::onReady;

	private final CountDownLatch terminated = new CountDownLatch(1);

	private volatile boolean running = true;

	private Selector selector;

	private Thread thread;

	private long nextTick;

	/**
	 * @param name the thread's name
	 * @param bufferSize the size of the shared read and write buffers
	 * @param tickNanos how often deadlines are checked
	 */
	public IoLoop(String name, int bufferSize, long tickNanos) throws IOException {
		this.name = name;
		this.tickNanos = tickNanos;
		// Native order: the unmasking reads the payload a word at a time without swapping bytes.
		this.readBuffer = ByteBuffer.allocateDirect(bufferSize).order(ByteOrder.nativeOrder());
		this.writeBuffer = ByteBuffer.allocateDirect(bufferSize);
		this.directReplies = new DirectReplies(this.writeBuffer);
		this.scratch = new byte[bufferSize];
		this.selector = Selector.open();
	}

	/** Starts the loop's thread. */
	public void start() {
		this.thread = new Thread(this, this.name);
		this.thread.setDaemon(false);
		this.thread.start();
	}

	/** Whether the caller runs on this loop's thread. */
	public boolean inLoop() {
		return Thread.currentThread() == this.thread;
	}

	/** Runs the task on the loop thread, after what is already queued. Safe from any thread. */
	@Override
	public void execute(Runnable task) {
		this.tasks.offer(task);
		if (!inLoop() && this.wakeupPending.compareAndSet(false, true)) {
			this.selector.wakeup();
		}
	}

	/**
	 * Adds a function called on the loop thread on every tick with the current
	 * {@link System#nanoTime()}. Safe from any thread: the list of tickers is touched only on the
	 * loop thread, so the ticker is added there as a queued task.
	 */
	void addTicker(LongConsumer ticker) {
		execute(() -> this.tickers.add(ticker));
	}

	SelectionKey register(SelectableChannel channel, int ops, Readiness attachment) throws IOException {
		return channel.register(this.selector, ops, attachment);
	}

	/** Takes over an accepted socket; loop thread only. */
	void open(SocketChannel channel, TransportFactory transports, Function<Connection, ConnectionHandler> handlers) {
		if (!this.running) {
			Acceptor.closeQuietly(channel);
			return;
		}
		Connection connection;
		try {
			connection = new Connection(this, channel, transports.create(channel, this));
			connection.register(this.selector);
		}
		catch (IOException | RuntimeException ex) {
			logger.log(Level.DEBUG, "Could not set up an accepted socket", ex);
			Acceptor.closeQuietly(channel);
			return;
		}
		connection.index = this.connections.size();
		this.connections.add(connection);
		connection.attach(handlers.apply(connection));
	}

	void remove(Connection connection) {
		int index = connection.index;
		if (index < 0) {
			return;
		}
		Connection last = this.connections.remove(this.connections.size() - 1);
		if (last != connection) {
			this.connections.set(index, last);
			last.index = index;
		}
		connection.index = -1;
	}

	/** Flushes the connection on the loop thread soon; from a thread other than the loop's. */
	void flushFromAnotherThread(Connection connection) {
		Connection head;
		do {
			head = this.flushRequests.get();
			connection.nextFlushRequest = head;
		}
		while (!this.flushRequests.compareAndSet(head, connection));
		LoopWakeups.wake(this);
	}

	/** Wakes the loop if it may be selecting, once per iteration. Any thread. */
	void wakeup() {
		if (this.wakeupPending.compareAndSet(false, true)) {
			this.selector.wakeup();
		}
	}

	/** Flushes the connection at the end of this loop iteration; loop thread only. */
	void flushLater(Connection connection) {
		this.flushes.add(connection);
	}

	ByteBuffer readBuffer() {
		return this.readBuffer;
	}

	ByteBuffer writeBuffer() {
		return this.writeBuffer;
	}

	DirectReplies directReplies() {
		return this.directReplies;
	}

	/**
	 * The buffer TLS connections read ciphertext into: one record smaller than the read buffer, so
	 * the plaintext of everything it holds fits the read buffer with a record's room to spare (a
	 * record's plaintext is shorter than its ciphertext). Loop thread only.
	 * @param packetSize the largest TLS record; the read buffer holds at least two
	 */
	ByteBuffer tlsInputBuffer(int packetSize) {
		if (this.tlsInputBuffer == null) {
			this.tlsInputBuffer = ByteBuffer.allocateDirect(this.readBuffer.capacity() - packetSize);
		}
		return this.tlsInputBuffer;
	}

	/**
	 * The buffer TLS connections encrypt into: the write buffer's worth of records plus room for
	 * one more, so one system call carries what a plain flush would. Loop thread only.
	 * @param packetSize the largest TLS record, {@link javax.net.ssl.SSLSession#getPacketBufferSize()}
	 */
	ByteBuffer tlsOutputBuffer(int packetSize) {
		if (this.tlsOutputBuffer == null || this.tlsOutputBuffer.capacity() < packetSize) {
			this.tlsOutputBuffer = ByteBuffer.allocateDirect(this.writeBuffer.capacity() + packetSize);
		}
		return this.tlsOutputBuffer;
	}

	FrameQueue.Queued[] batch() {
		return this.batch;
	}

	int[] batchCounts() {
		return this.batchCounts;
	}

	/**
	 * A scratch array that code on this loop's thread may use during one call and never keep.
	 */
	public byte[] scratch() {
		return this.scratch;
	}

	/** How often the loop checks its connections' deadlines, in nanoseconds. */
	public long tickNanos() {
		return this.tickNanos;
	}

	/** Connections currently served by this loop. */
	public int connectionCount() {
		return this.connections.size();
	}

	@Override
	public void run() {
		this.nextTick = System.nanoTime() + this.tickNanos;
		IterationEndActions atIterationEnd = IterationEndActions.installForCurrentThread();
		int prematureReturns = 0;
		while (this.running) {
			try {
				long now = System.nanoTime();
				long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(this.nextTick - now));
				int selected;
				this.wakeupPending.set(false);
				// The action form of select hands each ready key over as it is found: no selected-key
				// set to fill, iterate (allocating an iterator) and empty again on every iteration.
				if (this.tasks.isEmpty() && this.flushRequests.get() == null) {
					selected = this.selector.select(this.onReady, waitMillis);
				}
				else {
					selected = this.selector.selectNow(this.onReady);
				}
				this.wakeupPending.set(true);
				if (selected > 0) {
					prematureReturns = 0;
				}
				else if (this.tasks.isEmpty() && this.flushRequests.get() == null
						&& System.nanoTime() - now < TimeUnit.MILLISECONDS.toNanos(waitMillis) / 2) {
					prematureReturns = rebuildSelectorIfSpinning(prematureReturns + 1);
				}
				runTasks();
				takeFlushRequests();
				runFlushes();
				now = System.nanoTime();
				if (now - this.nextTick >= 0) {
					this.nextTick = now + this.tickNanos;
					tick(now);
					runFlushes();
				}
			}
			catch (Throwable ex) {
				logger.log(Level.ERROR, "Unexpected error in I/O loop " + this.name, ex);
			}
			// Also after an error: what was deferred (a worker's wakeup) must not wait for the next select.
			endIteration(atIterationEnd);
		}
		closeAll();
		// Closing dispatched the handlers' last events: their workers must still be woken.
		endIteration(atIterationEnd);
	}

	private void endIteration(IterationEndActions atIterationEnd) {
		try {
			atIterationEnd.runAll();
		}
		catch (Throwable ex) {
			logger.log(Level.ERROR, "Unexpected error at the end of an iteration of I/O loop " + this.name, ex);
		}
	}

	private static void onReady(SelectionKey key) {
		if (key.isValid()) {
			((Readiness) key.attachment()).onReady(key.readyOps());
		}
	}

	private void runTasks() {
		Runnable task;
		while ((task = this.tasks.poll()) != null) {
			try {
				task.run();
			}
			catch (Throwable ex) {
				logger.log(Level.ERROR, "Task failed in I/O loop " + this.name, ex);
			}
		}
	}

	/** Moves the flushes other threads asked for to this iteration's list. */
	private void takeFlushRequests() {
		Connection connection = this.flushRequests.getAndSet(null);
		while (connection != null) {
			Connection next = connection.nextFlushRequest;
			connection.nextFlushRequest = null;
			this.flushes.add(connection);
			connection = next;
		}
	}

	private void runFlushes() {
		for (int i = 0; i < this.flushes.size(); i++) {
			this.flushes.get(i).flush();
		}
		this.flushes.clear();
	}

	private void tick(long now) {
		// Backwards, because a connection that closes is swapped with the last one.
		for (int i = this.connections.size() - 1; i >= 0; i--) {
			if (i < this.connections.size()) {
				this.connections.get(i).tick(now);
			}
		}
		for (LongConsumer ticker : this.tickers) {
			ticker.accept(now);
		}
	}

	private int rebuildSelectorIfSpinning(int prematureReturns) throws IOException {
		if (prematureReturns < SELECTOR_REBUILD_THRESHOLD) {
			return prematureReturns;
		}
		logger.log(Level.WARNING, "Selector of " + this.name + " returned early " + prematureReturns
				+ " times in a row; rebuilding it");
		Selector fresh = Selector.open();
		for (SelectionKey key : this.selector.keys()) {
			if (key.isValid()) {
				Object attachment = key.attachment();
				int ops = key.interestOps();
				key.cancel();
				SelectionKey newKey = key.channel().register(fresh, ops, attachment);
				if (attachment instanceof Connection connection) {
					connection.rekey(newKey);
				}
			}
		}
		this.selector.close();
		this.selector = fresh;
		return 0;
	}

	/**
	 * Stops the loop: every connection still open is closed at once. Safe from any thread.
	 * @return whether the thread ended within the timeout
	 */
	public boolean shutdown(long timeout, TimeUnit unit) throws InterruptedException {
		execute(() -> this.running = false);
		if (this.thread == null || inLoop()) {
			return true;
		}
		return this.terminated.await(timeout, unit);
	}

	private void closeAll() {
		for (int i = this.connections.size() - 1; i >= 0; i--) {
			if (i < this.connections.size()) {
				this.connections.get(i).close(null);
			}
		}
		runTasks();
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			logger.log(Level.DEBUG, "Error closing the selector of " + this.name, ex);
		}
		this.terminated.countDown();
	}

}
