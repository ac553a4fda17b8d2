package dev.wsboot.benchmarks.servers.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * {@code /echo}: each data frame goes back as it came (a fragmented message as its fragments),
 * written without a flush; one flush per read batch, on {@code channelReadComplete}, as Netty's
 * own echo examples do. The void promise spares a promise object per frame: nothing waits on it.
 */
final class Echo extends ChannelInboundHandlerAdapter {

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame
				|| msg instanceof ContinuationWebSocketFrame) {
			ctx.write(msg, ctx.voidPromise());
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
		// The load client resets its connections at the end of each scenario; nothing to report.
		ctx.close();
	}

}
