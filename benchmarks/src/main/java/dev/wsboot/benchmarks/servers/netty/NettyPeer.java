package dev.wsboot.benchmarks.servers.netty;

import java.util.Locale;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.netty.util.ResourceLeakDetector;

/**
 * Netty 4.2 with its websocketx server handler, set up as Netty recommends for production, on the
 * transport named by the second argument ({@code nio} or {@code epoll}). Arguments: port, transport.
 * <ul>
 * <li>Leak detection off (its default sampling costs 10 to 25% here), the pooled allocator
 * (Netty 4.2's default is the adaptive one).</li>
 * <li>One event loop for accepting and for I/O: the server is pinned to one core, and a second
 * thread there only adds context switches. TCP_NODELAY on every connection.</li>
 * <li>Frames written without a flush and flushed once per read batch; void promises.</li>
 * <li>{@link HttpObjectAggregator} and the permessage-deflate negotiator are in the pipeline for the
 * upgrade request only: the handshaker removes the aggregator, the negotiator removes itself, and
 * the deflate codecs are added only when a client negotiated them. After the upgrade the pipeline
 * is frame decoder, frame encoder, UTF-8 validator, the protocol handler and the endpoint.</li>
 * <li>Netty's defaults otherwise, UTF-8 validation of text frames included: a correct server.</li>
 * </ul>
 * <p>
 * Why the suite once reported Netty NIO at 464k msgs per CPU-second where an independent run got
 * 1.36M: warm-up. It measured after a fixed 5 s of echo, while C2 was still compiling Netty's hot
 * paths on the server's one core; back-to-back 2 s windows on one fresh server showed the compiler
 * threads taking over half the server's CPU in the first two windows and 86k to 816k msgs per
 * CPU-second there, 0.8 to 1.37M once they were quiet. The other suspects changed nothing beyond
 * the machine's noise (steady state, two rounds each): the deflate negotiator and the aggregator are
 * out of the pipeline after the upgrade (the handshaker and the negotiator remove them), the old
 * peer already had one worker, and pooled or adaptive allocator, void or real promises, one or two
 * threads, NIO or epoll all came out at 650k to 840k on a loaded machine. The suite now warms each
 * server until its compilers are quiet ({@code harness.Warmup}). Figures and method:
 * docs/benchmarks/netty.md.
 */
public final class NettyPeer {

	private static final int MAX_PAYLOAD = 16 * 1024 * 1024;

	private NettyPeer() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		NettyTransport transport = NettyTransport.valueOf(args[1].toUpperCase(Locale.ROOT));
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
		ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
		EventLoopGroup loop = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
				transport.ioHandlers());
		// One handshake configuration for every path; Endpoints picks the endpoint by path afterwards.
		WebSocketServerProtocolConfig protocol = WebSocketServerProtocolConfig.newBuilder()
			.websocketPath("/")
			.checkStartsWith(true)
			.maxFramePayloadLength(MAX_PAYLOAD)
			// RSV1 is the compressed bit when permessage-deflate was negotiated.
			.allowExtensions(true)
			.build();
		Broadcast.Subscribers subscribers = new Broadcast.Subscribers();
		new ServerBootstrap().group(loop)
			.channel(transport.serverChannel())
			.option(ChannelOption.SO_BACKLOG, 4096)
			.option(ChannelOption.ALLOCATOR, allocator)
			.childOption(ChannelOption.ALLOCATOR, allocator)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline()
						.addLast(new HttpServerCodec())
						.addLast(new HttpObjectAggregator(8192))
						// permessage-deflate when offered. Netty's WebSocketServerCompressionHandler
						// declines any offer of server_no_context_takeover, which every memory-aware
						// client sends, so the handshaker allows it; the rest are its defaults.
						.addLast(new WebSocketServerExtensionHandler(new PerMessageDeflateServerExtensionHandshaker(6,
								ZlibCodecFactory.isSupportingWindowSizeAndMemLevel(), 15, true, false, MAX_PAYLOAD)))
						.addLast(new WebSocketServerProtocolHandler(protocol))
						.addLast(new Endpoints(subscribers));
				}
			})
			.bind("127.0.0.1", port)
			.sync();
		System.out.println("READY " + port);
		Thread.currentThread().join();
	}

}
