package dev.wsboot.engine.internal.transport;

/**
 * What an I/O loop's thread does once at the end of its current iteration, after every ready
 * connection was read and every flush written, however often it was asked for meanwhile.
 * Internal API.
 *
 * <p>Why: the handler pool is handed one task per session that had messages, and waking a worker
 * for the first of them lets the scheduler switch to it at once (a thread that slept has the right
 * of way), so on a busy core the loop and the worker took turns per connection: a park, an unpark
 * and two context switches per read. Deferred to the iteration's end, the worker is woken once, when
 * the loop has every task of the iteration queued and is about to wait in select.
 */
public final class IterationEndActions {

	private static final ThreadLocal<IterationEndActions> CURRENT = new ThreadLocal<>();

	private Runnable[] actions = new Runnable[2];

	private int count;

	private IterationEndActions() {
	}

	/** Makes the actions of the calling thread, the loop's own. */
	static IterationEndActions installForCurrentThread() {
		IterationEndActions actions = new IterationEndActions();
		CURRENT.set(actions);
		return actions;
	}

	/**
	 * Runs the action at the end of the calling loop thread's iteration, once however often it is
	 * asked for before then (the same object is the same action).
	 * @return false if the calling thread is no I/O loop's: then the caller must act at once
	 */
	public static boolean defer(Runnable action) {
		IterationEndActions actions = CURRENT.get();
		if (actions == null) {
			return false;
		}
		actions.add(action);
		return true;
	}

	private void add(Runnable action) {
		for (int i = 0; i < this.count; i++) {
			if (this.actions[i] == action) {
				return;
			}
		}
		if (this.count == this.actions.length) {
			this.actions = java.util.Arrays.copyOf(this.actions, this.count * 2);
		}
		this.actions[this.count++] = action;
	}

	/** Runs and forgets what was deferred; an action that throws does not keep the others from running. */
	void runAll() {
		Throwable failure = null;
		for (int i = 0; i < this.count; i++) {
			Runnable action = this.actions[i];
			this.actions[i] = null;
			try {
				action.run();
			}
			catch (Throwable ex) {
				failure = ex;
			}
		}
		this.count = 0;
		if (failure instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (failure instanceof Error error) {
			throw error;
		}
	}

}
