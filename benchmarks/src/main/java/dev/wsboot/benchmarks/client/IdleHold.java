package dev.wsboot.benchmarks.client;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.List;

/** Opens many connections and keeps them open, silent, until closed. */
public final class IdleHold implements AutoCloseable {

	private final Selector selector;

	private final List<Conn> conns;

	public IdleHold(Connector connector, int count) throws IOException {
		this.selector = Selector.open();
		try {
			this.conns = connector.open(this.selector, count, 64, 512, 64, 120_000);
		}
		catch (IOException ex) {
			this.selector.close();
			throw ex;
		}
	}

	public int size() {
		return this.conns.size();
	}

	@Override
	public void close() throws IOException {
		this.conns.forEach(Conn::abort);
		this.selector.close();
	}

}
