package dev.wsboot.benchmarks.servers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * Netty 4.2 with its websocketx server handler, NIO transport, one worker thread per CPU, leak
 * detection off. Echo
 * writes each frame back and flushes once per read batch, Netty's usual echo idiom. Broadcast
 * writes through a {@link ChannelGroup}. Argument: port.
 */
public final class NettyPeer {

	private static final int MAX_PAYLOAD = 16 * 1024 * 1024;

	private static final ChannelGroup SUBSCRIBERS = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

	private NettyPeer() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		// Production setting: the default sampling leak detector costs Netty 10 to 25% here.
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
		EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		// One I/O thread per available CPU, as the wsboot engine has: Netty's default of twice that
		// only adds context switches when the server is pinned to one core.
		EventLoopGroup workers = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
				NioIoHandler.newFactory());
		new ServerBootstrap().group(boss, workers)
			.channel(NioServerSocketChannel.class)
			.option(ChannelOption.SO_BACKLOG, 4096)
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
						.addLast(new Router());
				}
			})
			.bind("127.0.0.1", port)
			.sync();
		System.out.println("READY " + port);
		Thread.currentThread().join();
	}

	/** Installs the protocol handler for the requested path, then gets out of the way. */
	static final class Router extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (!(msg instanceof FullHttpRequest request)) {
				ctx.fireChannelRead(msg);
				return;
			}
			String path = new QueryStringDecoder(request.uri()).path();
			WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
				.websocketPath(path)
				.maxFramePayloadLength(MAX_PAYLOAD)
				// RSV1 is the compressed bit when permessage-deflate was negotiated.
				.allowExtensions(true)
				.build();
			ctx.pipeline().addAfter(ctx.name(), "ws", new WebSocketServerProtocolHandler(config));
			ctx.pipeline().addAfter("ws", "app", "/broadcast".equals(path) ? new Broadcast() : new Echo());
			ctx.pipeline().remove(this);
			ctx.fireChannelRead(msg);
		}

	}

	static final class Echo extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
				ctx.write(msg);
			}
			else {
				ReferenceCountUtil.release(msg);
			}
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			ctx.flush();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			// The client resets connections at the end of each scenario; nothing to report.
			ctx.close();
		}


	}

	static final class Broadcast extends ChannelInboundHandlerAdapter {

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			// The client resets connections at the end of each scenario; nothing to report.
			ctx.close();
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
			if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
				SUBSCRIBERS.add(ctx.channel());
			}
			ctx.fireUserEventTriggered(event);
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (msg instanceof WebSocketFrame frame && !(msg instanceof io.netty.handler.codec.http.websocketx.PongWebSocketFrame)) {
				SUBSCRIBERS.writeAndFlush(frame);
			}
			else {
				ReferenceCountUtil.release(msg);
			}
		}

	}

}
