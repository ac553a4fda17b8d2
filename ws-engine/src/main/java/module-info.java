/**
 * wsboot's WebSocket engine: an RFC 6455 server on java.nio, with nothing but the JDK at run time.
 * <p>
 * Only {@code dev.wsboot.engine} is exported: the server, its configuration, sessions, the handler
 * SPI and the statistics views. The {@code dev.wsboot.engine.internal.*} packages (protocol,
 * transport, session) are implementation and may change in any release, so the module system
 * keeps them out of reach of other modules.
 */
module dev.wsboot.engine {

	// Nullness annotations only, read by compilers and tools; not needed at run time.
	requires static org.jspecify;

	// The handler pool tells a blocked handler from a busy one by its thread's CPU time.
	requires java.management;

	exports dev.wsboot.engine;

}
