package dev.wsboot.benchmarks.servers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * The floor for any Java server: a single-threaded NIO loop that writes back whatever bytes arrive,
 * with no WebSocket handshake or framing. It bounds what the JDK's socket layer allows on this
 * machine. Argument: port.
 */
public final class RawNioEchoPeer {

	private RawNioEchoPeer() {
	}

	public static void main(String[] args) throws IOException {
		int port = Integer.parseInt(args[0]);
		Selector selector = Selector.open();
		ServerSocketChannel server = ServerSocketChannel.open();
		server.bind(new InetSocketAddress("127.0.0.1", port), 4096);
		server.configureBlocking(false);
		server.register(selector, SelectionKey.OP_ACCEPT);
		System.out.println("READY " + port);
		while (true) {
			selector.select();
			Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
			while (keys.hasNext()) {
				SelectionKey key = keys.next();
				keys.remove();
				try {
					handle(selector, key);
				}
				catch (IOException ex) {
					key.cancel();
					key.channel().close();
				}
			}
		}
	}

	private static void handle(Selector selector, SelectionKey key) throws IOException {
		if (key.isAcceptable()) {
			SocketChannel channel;
			while ((channel = ((ServerSocketChannel) key.channel()).accept()) != null) {
				channel.configureBlocking(false);
				channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
				// The buffer is created lazily so idle connections cost what the JDK's channel costs.
				channel.register(selector, SelectionKey.OP_READ);
			}
			return;
		}
		SocketChannel channel = (SocketChannel) key.channel();
		ByteBuffer buffer = (ByteBuffer) key.attachment();
		if (buffer == null) {
			buffer = ByteBuffer.allocateDirect(64 * 1024);
			key.attach(buffer);
		}
		if (key.isWritable()) {
			channel.write(buffer);
			if (buffer.hasRemaining()) {
				return;
			}
			buffer.clear();
			key.interestOps(SelectionKey.OP_READ);
		}
		if (key.isReadable()) {
			int read = channel.read(buffer);
			if (read < 0) {
				key.cancel();
				channel.close();
				return;
			}
			buffer.flip();
			channel.write(buffer);
			if (buffer.hasRemaining()) {
				// Stop reading until the peer drains what we owe it: the echo's back-pressure.
				key.interestOps(SelectionKey.OP_WRITE);
			}
			else {
				buffer.clear();
			}
		}
	}

}
