package dev.wsboot.engine.internal.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EventInbox}: first in, first out across chunk boundaries and recycled chunks, with a
 * producer and a consumer on two threads.
 */
class EventInboxTests {

	@Test
	void eventsComeOutInTheOrderTheyWentInAcrossChunks() {
		EventInbox inbox = new EventInbox();
		assertThat(inbox.poll()).isNull();
		assertThat(inbox.isEmpty()).isTrue();
		List<SessionEvent> in = new ArrayList<>();
		List<SessionEvent> out = new ArrayList<>();
		for (int round = 0; round < 20; round++) {
			// Uneven rounds, so the chunk boundary falls at a different place each time and
			// emptied chunks are handed back and reused.
			for (int i = 0; i < 7 + round * 3; i++) {
				SessionEvent event = new SessionEvent.Binary(new byte[] { (byte) i });
				in.add(event);
				inbox.offer(event);
			}
			assertThat(inbox.isEmpty()).isFalse();
			SessionEvent event;
			while ((event = inbox.poll()) != null) {
				out.add(event);
			}
			assertThat(inbox.isEmpty()).isTrue();
		}
		assertThat(out).containsExactlyElementsOf(in);
	}

	@Test
	void releasedInboxTakesEventsAgainFromAFreshChunk() {
		EventInbox inbox = new EventInbox();
		for (int round = 0; round < 3; round++) {
			List<SessionEvent> in = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				SessionEvent event = new SessionEvent.Binary(new byte[] { (byte) i });
				in.add(event);
				inbox.offer(event);
			}
			List<SessionEvent> out = new ArrayList<>();
			SessionEvent event;
			while ((event = inbox.poll()) != null) {
				out.add(event);
			}
			assertThat(out).containsExactlyElementsOf(in);
			inbox.release();
			assertThat(inbox.isEmpty()).isTrue();
			assertThat(inbox.poll()).isNull();
		}
	}

	@Test
	void aConsumerOnAnotherThreadSeesEveryEventOnceAndInOrder() throws Exception {
		EventInbox inbox = new EventInbox();
		int count = 200_000;
		SessionEvent[] events = new SessionEvent[count];
		for (int i = 0; i < count; i++) {
			events[i] = new SessionEvent.Binary(new byte[0]);
		}
		List<SessionEvent> out = new ArrayList<>(count);
		AtomicBoolean wrongOrder = new AtomicBoolean();
		Thread consumer = new Thread(() -> {
			int next = 0;
			while (next < count) {
				SessionEvent event = inbox.poll();
				if (event == null) {
					Thread.onSpinWait();
					continue;
				}
				if (event != events[next]) {
					wrongOrder.set(true);
				}
				out.add(event);
				next++;
			}
		});
		consumer.start();
		for (SessionEvent event : events) {
			inbox.offer(event);
		}
		consumer.join(60_000);
		assertThat(consumer.isAlive()).isFalse();
		assertThat(wrongOrder).isFalse();
		assertThat(out).hasSize(count);
		assertThat(inbox.isEmpty()).isTrue();
	}

}
