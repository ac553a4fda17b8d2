package dev.wsboot.annotation;

/**
 * A message could not be converted to the {@link OnMessage} parameter's type, or a return value
 * to text. Without an {@link OnError} method the session is closed with 1003 (unsupported data).
 */
public class WsMessageConversionException extends RuntimeException {

	public WsMessageConversionException(String message, Throwable cause) {
		super(message, cause);
	}

}
