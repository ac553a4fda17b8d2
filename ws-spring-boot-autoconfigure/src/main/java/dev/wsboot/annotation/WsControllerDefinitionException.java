package dev.wsboot.annotation;

/**
 * A {@link WsController} is declared wrongly: a bad method signature, an unsupported parameter,
 * or a path served twice. Thrown at startup; the message names the class and method.
 */
public class WsControllerDefinitionException extends RuntimeException {

	public WsControllerDefinitionException(String message) {
		super(message);
	}

}
