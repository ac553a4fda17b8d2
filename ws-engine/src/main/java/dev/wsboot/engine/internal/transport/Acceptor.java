package dev.wsboot.engine.internal.transport;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Function;

/**
 * Accepts connections on the first loop and hands each to the next loop in turn. Internal API.
 */
public final class Acceptor implements Readiness {

	private static final System.Logger logger = System.getLogger(Acceptor.class.getName());

	/** After an accept error such as running out of file descriptors, pause instead of spinning. */
	private static final long PAUSE_AFTER_ERROR_NANOS = 100_000_000L;

	private final ServerSocketChannel serverChannel;

	private final IoLoop[] loops;

	private final TransportFactory transports;

	private final Function<Connection, ConnectionHandler> handlers;

	private SelectionKey key;

	private int next;

	private long pausedUntil;

	/**
	 * @param transports creates the transport (plain or TLS) of each accepted connection, on its loop
	 * @param handlers creates the protocol handler of each accepted connection, on its loop
	 */
	public Acceptor(InetSocketAddress address, int backlog, IoLoop[] loops, TransportFactory transports,
			Function<Connection, ConnectionHandler> handlers) throws IOException {
		this.loops = loops;
		this.transports = transports;
		this.handlers = handlers;
		this.serverChannel = ServerSocketChannel.open();
		try {
			this.serverChannel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			this.serverChannel.bind(address, backlog);
			this.serverChannel.configureBlocking(false);
		}
		catch (IOException ex) {
			this.serverChannel.close();
			throw ex;
		}
	}

	/** The bound port. */
	public int port() {
		return this.serverChannel.socket().getLocalPort();
	}

	/** Starts accepting, on the first loop. */
	public void start() {
		this.loops[0].execute(() -> {
			try {
				this.key = this.loops[0].register(this.serverChannel, SelectionKey.OP_ACCEPT, this);
			}
			catch (IOException ex) {
				logger.log(Level.ERROR, "Could not register the server socket", ex);
			}
		});
		this.loops[0].addTicker(this::resumeAfterPause);
	}

	/** Stops accepting and releases the port. Safe from any thread. */
	public void close() {
		try {
			this.serverChannel.close();
		}
		catch (IOException ex) {
			logger.log(Level.DEBUG, "Error closing the server socket", ex);
		}
		// Closing the channel cancels its key; wake the loop so the selector drops it now.
		this.loops[0].execute(() -> {
		});
	}

	@Override
	public void onReady(int readyOps) {
		for (int i = 0; i < 64; i++) {
			SocketChannel channel;
			try {
				channel = this.serverChannel.accept();
			}
			catch (IOException ex) {
				logger.log(Level.WARNING, "Accept failed, pausing accepts for 100 ms: " + ex);
				this.pausedUntil = System.nanoTime() + PAUSE_AFTER_ERROR_NANOS;
				if (this.key != null && this.key.isValid()) {
					this.key.interestOps(0);
				}
				return;
			}
			if (channel == null) {
				return;
			}
			handOff(channel);
		}
	}

	private void handOff(SocketChannel channel) {
		IoLoop loop = this.loops[this.next];
		this.next = (this.next + 1) % this.loops.length;
		try {
			channel.configureBlocking(false);
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
		}
		catch (IOException ex) {
			logger.log(Level.DEBUG, "Could not configure an accepted socket", ex);
			closeQuietly(channel);
			return;
		}
		loop.execute(() -> loop.open(channel, this.transports, this.handlers));
	}

	private void resumeAfterPause(long now) {
		if (this.pausedUntil != 0 && now - this.pausedUntil >= 0 && this.key != null && this.key.isValid()) {
			this.pausedUntil = 0;
			this.key.interestOps(SelectionKey.OP_ACCEPT);
		}
	}

	static void closeQuietly(SocketChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			logger.log(Level.TRACE, "Error closing a socket", ex);
		}
	}

}
