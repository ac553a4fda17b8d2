/**
 * Internal, not exported by the module {@code dev.wsboot.engine}, and free to change in any release:
 * where handler code that may block runs, the engine's own pool of platform threads.
 */
@NullMarked
package dev.wsboot.engine.internal.execution;

import org.jspecify.annotations.NullMarked;
