package dev.wsboot.sample;

import dev.wsboot.annotation.OnConnect;
import dev.wsboot.annotation.OnDisconnect;
import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsController;
import dev.wsboot.broadcast.WsBroadcaster;
import dev.wsboot.engine.WsSession;

/**
 * {@code /chat}: a chat server with rooms. The protocol is plain text, one line per message.
 *
 * <p>Server to client:
 * <ul>
 * <li>{@code ClientID N just joined the server}: to everyone on {@code /chat} when client N
 * connected (N included, which is how a client learns its id);</li>
 * <li>{@code ClientID N left}: to everyone on {@code /chat} when client N disconnected;</li>
 * <li>{@code You said: TEXT}: to the sender of each chat message;</li>
 * <li>{@code ClientID N: TEXT}: to the other members of the sender's room;</li>
 * <li>{@code You joined room R}: to a client that sent {@code /join R}, and
 * {@code ClientID N joined room R} to the members already there.</li>
 * </ul>
 *
 * <p>Client to server: {@code /join R} moves the client to room R, leaving its previous room;
 * a room name is 1 to 32 characters without spaces. Any other text is a chat message for the
 * sender's room. Every client starts in the room {@value #LOBBY}, so until someone joins another
 * room a message reaches everyone on {@code /chat}.
 *
 * <p>Rooms are {@link WsBroadcaster} groups, named with a {@code chat:} prefix so that other
 * endpoints' groups cannot clash; the current room is kept in the session's attributes.
 */
@WsController(ChatController.PATH)
class ChatController {

	static final String PATH = "/chat";

	static final String LOBBY = "lobby";

	private static final String JOIN = "/join";

	private static final String ROOM = "room";

	private static final int MAX_ROOM_LENGTH = 32;

	private final WsBroadcaster clients;

	ChatController(WsBroadcaster clients) {
		this.clients = clients;
	}

	@OnConnect
	void connected(long clientId, WsSession session) {
		enter(clientId, session, LOBBY);
		this.clients.sendToPath(PATH, "ClientID " + clientId + " just joined the server");
	}

	@OnMessage
	String said(long clientId, WsSession session, String message) {
		if (message.equals(JOIN) || message.startsWith(JOIN + " ")) {
			return join(clientId, session, message.substring(JOIN.length()).strip());
		}
		this.clients.sendToGroupExcept(group(room(session)), clientId, "ClientID " + clientId + ": " + message);
		return "You said: " + message;
	}

	@OnDisconnect
	void disconnected(long clientId) {
		// No leave needed: the broadcaster drops a closed session from its groups itself.
		this.clients.sendToPath(PATH, "ClientID " + clientId + " left");
	}

	private String join(long clientId, WsSession session, String room) {
		if (room.isEmpty() || room.length() > MAX_ROOM_LENGTH || room.chars().anyMatch(Character::isWhitespace)) {
			return "Usage: /join ROOM (1 to " + MAX_ROOM_LENGTH + " characters, no spaces)";
		}
		this.clients.leave(group(room(session)), clientId);
		this.clients.sendToGroup(group(room), "ClientID " + clientId + " joined room " + room);
		enter(clientId, session, room);
		return "You joined room " + room;
	}

	private void enter(long clientId, WsSession session, String room) {
		session.attributes().put(ROOM, room);
		this.clients.join(group(room), clientId);
	}

	private static String room(WsSession session) {
		return (String) session.attributes().get(ROOM);
	}

	private static String group(String room) {
		return "chat:" + room;
	}

}
