package dev.wsboot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * A bean that serves one WebSocket path through its {@link OnConnect}, {@link OnMessage},
 * {@link OnDisconnect} and {@link OnError} methods. Several controllers may serve one path when
 * each names its own {@link #subprotocols()}: the client's offer then chooses the controller, and a
 * client offering none of them is refused with 400. Two controllers on one path where one names
 * none fail at startup.
 *
 * <p>For one client the methods are called one at a time, in the order of events; different
 * clients are served concurrently, so a controller's fields must be thread-safe.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface WsController {

	/** The path, such as {@code "/chat"}. */
	@AliasFor("path")
	String value() default "";

	/** The path, such as {@code "/chat"}. */
	@AliasFor("value")
	String path() default "";

	/** Subprotocols this endpoint speaks, most preferred first. */
	String[] subprotocols() default {};

	/**
	 * Whether a client offering none of {@link #subprotocols()} is refused with 400 at the handshake;
	 * always so on a path that several controllers share.
	 */
	boolean subprotocolRequired() default false;

	/**
	 * Whether the methods may block, as by default: then they run on the handler executor
	 * ({@code ws.handler-execution}). With {@code blocking = false} they run on the I/O thread that
	 * read the message, as Vert.x handlers or Quarkus's {@code @NonBlocking} methods do, which saves
	 * the hand-over to a handler thread that is most of a small message's cost on a busy server.
	 * They must then never block (no database or HTTP calls, no sleeping, no lock held for long):
	 * the other clients of that I/O thread wait meanwhile. Sends, broadcasts and joins never block.
	 */
	boolean blocking() default true;

}
