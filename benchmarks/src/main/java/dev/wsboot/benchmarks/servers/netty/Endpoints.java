package dev.wsboot.benchmarks.servers.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;

/**
 * Puts the endpoint of the upgraded path in its own place once the handshake is done: the frames
 * then reach {@link Echo} or {@link Broadcast} without a routing check per frame.
 */
final class Endpoints extends ChannelInboundHandlerAdapter {

	private final Broadcast.Subscribers subscribers;

	Endpoints(Broadcast.Subscribers subscribers) {
		this.subscribers = subscribers;
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete handshake) {
			String path = new QueryStringDecoder(handshake.requestUri()).path();
			if ("/broadcast".equals(path)) {
				ctx.pipeline().replace(this, "broadcast", new Broadcast(this.subscribers));
				this.subscribers.join(ctx.channel());
			}
			else {
				ctx.pipeline().replace(this, "echo", new Echo());
			}
		}
		ctx.fireUserEventTriggered(event);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		// Nothing arrives before the handshake completes: the client waits for the 101.
		ReferenceCountUtil.release(msg);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		ctx.close();
	}

}
