/**
 * Sending to connected clients from anywhere in the application: to one client by id, to every
 * client or those of one path, and to named groups that clients join and leave.
 */
@NullMarked
package dev.wsboot.broadcast;

import org.jspecify.annotations.NullMarked;
