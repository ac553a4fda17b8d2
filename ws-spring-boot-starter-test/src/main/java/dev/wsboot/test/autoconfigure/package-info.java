/**
 * Test support for wsboot applications: the {@link dev.wsboot.test.autoconfigure.WsTest @WsTest}
 * slice and {@link dev.wsboot.test.autoconfigure.AutoConfigureWsTestClient @AutoConfigureWsTestClient},
 * which hands out a {@link dev.wsboot.test.WsTestClient} pointed at the server under test.
 */
@NullMarked
package dev.wsboot.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
