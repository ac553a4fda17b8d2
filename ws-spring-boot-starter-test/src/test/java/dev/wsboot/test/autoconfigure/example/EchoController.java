package dev.wsboot.test.autoconfigure.example;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsController;

@WsController("/echo")
public class EchoController {

	@OnMessage
	String echo(String message, Caller caller) {
		return caller.name() + ": " + message;
	}

	@OnMessage
	byte[] echo(byte[] data) {
		return data;
	}

}
