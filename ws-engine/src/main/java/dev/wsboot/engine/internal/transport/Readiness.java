package dev.wsboot.engine.internal.transport;

/**
 * Something registered with an {@link IoLoop}'s selector. Internal API.
 */
interface Readiness {

	/** The selector reported these ready operations. */
	void onReady(int readyOps);

}
