package dev.wsboot.annotation;

/**
 * A built-in resolver of the event's own value (the message, the close status, the error): a
 * method takes at most one such parameter.
 */
interface PayloadArgumentResolver extends WsArgumentResolver {

}
