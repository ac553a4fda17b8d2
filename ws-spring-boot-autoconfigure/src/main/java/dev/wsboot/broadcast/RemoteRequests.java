package dev.wsboot.broadcast;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Predicate;

import dev.wsboot.cluster.ClusterMessage;
import org.jspecify.annotations.Nullable;

/**
 * Requests to another node that wait for its reply, each for at most the request timeout, so a
 * node that died or a lost message costs one timeout and never a hang. Thread-safe.
 */
final class RemoteRequests {

	private final AtomicLong ids = new AtomicLong();

	private final Map<Long, CompletableFuture<String>> pending = new ConcurrentHashMap<>();

	private final Duration timeout;

	RemoteRequests(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * @param request builds the request from its id
	 * @param publish publishes it, answering whether it went out
	 * @return the reply, or null if the request could not be published or was not answered in time
	 */
	@Nullable String ask(LongFunction<ClusterMessage> request, Predicate<ClusterMessage> publish) {
		long id = this.ids.incrementAndGet();
		CompletableFuture<String> reply = new CompletableFuture<>();
		this.pending.put(id, reply);
		try {
			if (!publish.test(request.apply(id))) {
				return null;
			}
			return reply.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		finally {
			this.pending.remove(id);
		}
	}

	/** Completes the request a reply answers; a late reply finds none and is dropped. */
	void answer(ClusterMessage reply) {
		CompletableFuture<String> request = this.pending.get(reply.requestId());
		if (request != null) {
			request.complete(reply.text());
		}
	}

}
