/**
 * The platform's home page: every app with what it is, where it serves, its health and
 * its supervision state, and the servers' addresses. The embedded platform serves it
 * beside the mail catcher's page.
 */
package cdcdemo.platform.home;
