package dev.wsboot.sample;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsController;

/**
 * {@code /json}: reads each text message as a JSON {@link Order} and answers with the order as
 * JSON. The starter reads the record with Jackson straight from the message's UTF-8 bytes and sends
 * the bytes Jackson writes, with no {@code String} either way; a message that is not an order
 * closes the session with 1003. The benchmarks' JSON echo runs against it.
 */
@WsController("/json")
class OrderController {

	@OnMessage
	Order echo(Order order) {
		return order;
	}

}
