package dev.wsboot.benchmarks.servers.netty;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/** The two Linux transports Netty ships: the JDK's selector, and its own JNI epoll (edge-triggered). */
enum NettyTransport {

	NIO {
		@Override
		IoHandlerFactory ioHandlers() {
			return NioIoHandler.newFactory();
		}

		@Override
		Class<? extends ServerChannel> serverChannel() {
			return NioServerSocketChannel.class;
		}
	},

	EPOLL {
		@Override
		IoHandlerFactory ioHandlers() {
			// Fails with the reason (wrong platform, library of another release) instead of a silent fallback.
			Epoll.ensureAvailability();
			return EpollIoHandler.newFactory();
		}

		@Override
		Class<? extends ServerChannel> serverChannel() {
			return EpollServerSocketChannel.class;
		}
	};

	abstract IoHandlerFactory ioHandlers();

	abstract Class<? extends ServerChannel> serverChannel();

}
