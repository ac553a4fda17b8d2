package dev.wsboot.benchmarks.servers.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelMatchers;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * {@code /broadcast}: every data frame to every subscriber, the sender included, through a
 * {@link ChannelGroup} (which gives each channel a retained duplicate of the frame). Frames of one
 * read batch are written without a flush and flushed once for the group on
 * {@code channelReadComplete}, the same coalescing as {@link Echo}.
 */
final class Broadcast extends ChannelInboundHandlerAdapter {

	/** The channels of {@code /broadcast}; a closed channel leaves the group by itself. */
	static final class Subscribers {

		private final ChannelGroup group = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

		void join(Channel channel) {
			this.group.add(channel);
		}

	}

	private final Subscribers subscribers;

	private boolean written;

	Broadcast(Subscribers subscribers) {
		this.subscribers = subscribers;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
			// Void promises: no group future, no per-channel promise, for a write nobody waits on.
			this.subscribers.group.write(msg, ChannelMatchers.all(), true);
			this.written = true;
		}
		else {
			ReferenceCountUtil.release(msg);
		}
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		if (this.written) {
			this.written = false;
			this.subscribers.group.flush();
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		ctx.close();
	}

}
